;; memory-bomb: memory.grow one page at a time until it fails (-1), then writes one byte in every page so the
;; memory is really committed, then reports how many pages it got.
;; Expect: grow stops at the run's memory limit (grow returns -1 rather than trapping), the writes succeed,
;; and the verdict is {"success":true,"message":"memory exhausted at N pages"} with N the limit in pages.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1) ;; no maximum: only the host's limit stops it
  (data (i32.const 0) "{\"success\":true,\"message\":\"memory exhausted at ")
  (data (i32.const 64) " pages\"}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (local $page i32) (local $pages i32) (local $p i32) (local $n i32) (local $digits i32)
    (block $full
      (loop $grow
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $grow)))
    (local.set $pages (memory.size))
    (loop $touch
      (i32.store8 (i32.add (i32.mul (local.get $page) (i32.const 65536)) (i32.const 65535)) (i32.const 0xAA))
      (local.set $page (i32.add (local.get $page) (i32.const 1)))
      (br_if $touch (i32.lt_u (local.get $page) (local.get $pages))))
    ;; verdict: the prefix (47 bytes at 0), the page count in decimal, the suffix (8 bytes at 64), built at 256
    (memory.copy (i32.const 256) (i32.const 0) (i32.const 47))
    (local.set $n (local.get $pages))
    (local.set $digits (i32.const 1))
    (local.set $p (i32.const 10))
    (block $done (loop $count ;; digits of pages
      (br_if $done (i32.gt_u (local.get $p) (local.get $n)))
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (local.set $p (i32.mul (local.get $p) (i32.const 10)))
      (br $count)))
    (local.set $p (i32.add (i32.const 303) (local.get $digits))) ;; one past the last digit
    (loop $write
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $write (i32.gt_u (local.get $p) (i32.const 303))))
    (memory.copy (i32.add (i32.const 303) (local.get $digits)) (i32.const 64) (i32.const 8))
    (drop (call $set_result (i32.const 256) (i32.add (i32.const 55) (local.get $digits))))
    (i32.const 0)))
