;; log-flood: one million log calls, then a verdict.
;; Expect: the host caps the log (lines and/or bytes) and the host-call limit may end it with HW_ELIMIT-style
;; accounting; if it gets through, the verdict is {"success":true,"message":"flooded"}. Needs the `log` grant.
(module
  (import "healthwatch" "log" (func $log (param i32 i32 i32)))
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "flood flood flood flood flood flood flood flood flood flood flood flood")
  (data (i32.const 128) "{\"success\":true,\"message\":\"flooded\"}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (local $i i32)
    (loop $again
      (call $log (i32.const 2) (i32.const 0) (i32.const 71))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 1000000))))
    (drop (call $set_result (i32.const 128) (i32.const 36)))
    (i32.const 0)))
