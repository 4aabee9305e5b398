;; f32.reinterpret_i32 of narrow loads: the result holds only the loaded bits, never the neighbouring bytes
;; (https://webassembly.github.io/spec/core/exec/instructions.html#exec-load-val; found by eng/fuzz-diff.sh).
(module $reinterpret
  (memory 1)
  (data (i32.const 0) "\3b\82\1c\84")
  (func (export "load8_u") (param i32) (result i32) (i32.reinterpret_f32 (f32.reinterpret_i32 (i32.load8_u (local.get 0)))))
  (func (export "load8_s") (param i32) (result i32) (i32.reinterpret_f32 (f32.reinterpret_i32 (i32.load8_s (local.get 0)))))
  (func (export "load16_u") (param i32) (result i32) (i32.reinterpret_f32 (f32.reinterpret_i32 (i32.load16_u (local.get 0)))))
  (func (export "load16_s") (param i32) (result i32) (i32.reinterpret_f32 (f32.reinterpret_i32 (i32.load16_s (local.get 0))))))
