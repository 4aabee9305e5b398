;; verdict-out-of-bounds: set_result with ranges outside memory: one that runs past the end of memory, and one
;; whose ptr + len wraps around 2^32 (a host that adds in 32 bits would think it is in bounds).
;; Expect: both calls return HW_EINVAL (-2) without trapping. The probe then reports what it saw:
;;   both -2            -> {"success":true,"message":"set_result refused both ranges with HW_EINVAL"}
;;   anything else      -> {"success":false,"message":"set_result accepted an out-of-bounds range"}
;; so a test asserts success == true (and no trap, no noVerdict).
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"success\":true,\"message\":\"set_result refused both ranges with HW_EINVAL\"}")
  (data (i32.const 128) "{\"success\":false,\"message\":\"set_result accepted an out-of-bounds range\"}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (local $a i32) (local $b i32)
    ;; 100 bytes starting 10 bytes before the end of the one page
    (local.set $a (call $set_result (i32.const 65526) (i32.const 100)))
    ;; 0xFFFFFFF0 + 0x20 wraps to 0x10
    (local.set $b (call $set_result (i32.const 0xFFFFFFF0) (i32.const 0x20)))
    (if (result i32) (i32.and (i32.eq (local.get $a) (i32.const -2)) (i32.eq (local.get $b) (i32.const -2)))
      (then (call $set_result (i32.const 0) (i32.const 74)))
      (else (call $set_result (i32.const 128) (i32.const 72))))
    (drop)
    (i32.const 0)))
