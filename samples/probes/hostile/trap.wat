;; trap: hits `unreachable` in hw_probe, after setting a verdict.
;; Expect: error kind trap (the verdict set before the trap must not turn it into a success).
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"success\":true,\"message\":\"should not count\"}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func $fail (unreachable))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (drop (call $set_result (i32.const 0) (i32.const 45)))
    (call $fail)
    (i32.const 0)))
