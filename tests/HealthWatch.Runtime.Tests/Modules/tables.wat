;; A table of functions filled by an element segment, called indirectly; a mutable and an immutable global.
(module $tables
  (type $to_i32 (func (result i32)))
  (table $t (export "table") 3 10 funcref)
  (elem (table $t) (i32.const 0) func $seven $eight)
  (global $counter (export "counter") (mut i32) (i32.const 5))
  (global (export "pi") f64 (f64.const 3.25))
  (func $seven (export "seven") (result i32) i32.const 7)
  (func $eight (result i32) i32.const 8)
  (func (export "call") (param i32) (result i32) (call_indirect $t (type $to_i32) (local.get 0)))
  (func (export "bump") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    global.get $counter))
