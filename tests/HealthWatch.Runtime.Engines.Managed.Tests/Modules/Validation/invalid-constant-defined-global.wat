;; In Wasm 2.0 a constant expression may only read imported globals.
(module (global i32 (i32.const 0)) (global i32 (global.get 0)))
