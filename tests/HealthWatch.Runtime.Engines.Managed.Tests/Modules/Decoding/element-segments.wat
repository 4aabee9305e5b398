;; The eight element segment encodings (flags 0..7), in this order.
(module
  (table $t0 4 funcref)
  (table $t1 4 funcref)
  (func $f)
  (func $g)
  (elem (i32.const 0) $f $g)
  (elem func $g)
  (elem (table $t1) (i32.const 1) func $f)
  (elem declare func $g)
  (elem (i32.const 2) funcref (ref.func $f) (ref.null func))
  (elem funcref (ref.null func))
  (elem (table $t1) (i32.const 3) funcref (ref.func $g) (ref.null func))
  (elem declare funcref (ref.func $f) (ref.null func)))
