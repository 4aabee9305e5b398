;; Reports whether the 8 bytes at 2048 are still zero ("clean") or not ("dirty"), then sets them to all ones. Runs
;; share memory buffers through the engine's pool, so every run must still find them clean.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"success\":true,\"message\":\"clean\"}")
  (data (i32.const 64) "{\"success\":false,\"message\":\"dirty\"}")
  (func (export "hw_alloc") (param $size i32) (result i32) (i32.const 1024))
  (func (export "hw_probe") (param $ptr i32) (param $len i32) (result i32)
    (if (i64.eqz (i64.load (i32.const 2048)))
      (then (drop (call $set_result (i32.const 0) (i32.const 34))))
      (else (drop (call $set_result (i32.const 64) (i32.const 35)))))
    (i64.store (i32.const 2048) (i64.const -1))
    (i32.const 0)))
