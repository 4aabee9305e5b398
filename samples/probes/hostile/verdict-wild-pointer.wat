;; verdict-wild-pointer: reports its verdict only through ranges that are never inside memory: a negative
;; pointer, a negative length, a range ending one byte past the end, and the last address with 2 GiB of length.
;; Then returns 0 ("I reported a verdict").
;; Expect: every set_result returns HW_EINVAL (-2) without trapping, and the run fails with error kind noVerdict.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 65500) "{\"success\":true,\"message\":\"wild\"}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (drop (call $set_result (i32.const -16) (i32.const 32)))
    (drop (call $set_result (i32.const 65500) (i32.const -1)))
    (drop (call $set_result (i32.const 65500) (i32.const 37)))
    (drop (call $set_result (i32.const 65535) (i32.const 0x7fffffff)))
    (i32.const 0)))
