;; bad-verdict: set_result with malformed JSON (cut off mid-value), then returns 0.
;; Expect: success false with error kind invalidVerdict (set_result itself may return HW_EINVAL; the probe
;; ignores it, as a careless probe would).
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"success\": tru, \"message\": \"oops")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (drop (call $set_result (i32.const 0) (i32.const 33)))
    (i32.const 0)))
