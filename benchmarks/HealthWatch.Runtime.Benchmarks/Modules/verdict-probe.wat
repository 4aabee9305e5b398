;; verdict-probe: a complete ABI probe that does no I/O, only sets a fixed verdict, so a run measures the
;; probe runtime's own overhead. Assembled with `wat2wasm verdict-probe.wat`.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"success\":true,\"message\":\"ok\"}")
  ;; The config goes at 1024 (configs over 63 KiB get 0, which the host reports as a failure).
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (drop (call $set_result (i32.const 0) (i32.const 31)))
    (i32.const 0)))
