;; table-bomb: grows its table (no declared maximum) by doubling until table.grow fails (-1), then by halving
;; steps down to one element, so it ends at exactly the most elements the host allows; then reports the size.
;; Expect: grow stops at the run's table limit (grow returns -1 rather than trapping), and the verdict is
;; {"success":true,"message":"table exhausted at N elements"} with N the limit.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (data (i32.const 0) "{\"success\":true,\"message\":\"table exhausted at ")
  (data (i32.const 64) " elements\"}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (local $step i32) (local $n i32) (local $p i32) (local $digits i32)
    (block $full
      (loop $double
        (br_if $full (i32.eq (table.grow $t (ref.null func) (table.size $t)) (i32.const -1)))
        (br $double)))
    (local.set $step (table.size $t))
    (block $done
      (loop $halve
        (local.set $step (i32.shr_u (local.get $step) (i32.const 1)))
        (br_if $done (i32.eqz (local.get $step)))
        (drop (table.grow $t (ref.null func) (local.get $step)))
        (br $halve)))
    ;; verdict: the prefix (46 bytes at 0), the size in decimal, the suffix (11 bytes at 64), built at 256
    (memory.copy (i32.const 256) (i32.const 0) (i32.const 46))
    (local.set $n (table.size $t))
    (local.set $digits (i32.const 1))
    (local.set $p (i32.const 10))
    (block $counted (loop $count
      (br_if $counted (i32.gt_u (local.get $p) (local.get $n)))
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (local.set $p (i32.mul (local.get $p) (i32.const 10)))
      (br $count)))
    (local.set $p (i32.add (i32.const 302) (local.get $digits)))
    (loop $write
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $write (i32.gt_u (local.get $p) (i32.const 302))))
    (memory.copy (i32.add (i32.const 302) (local.get $digits)) (i32.const 64) (i32.const 11))
    (drop (call $set_result (i32.const 256) (i32.add (i32.const 57) (local.get $digits))))
    (i32.const 0)))
