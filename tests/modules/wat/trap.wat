;; Traps of several kinds, and a call chain for the backtrace: nested -> middle -> inner.
(module $trap
  (memory 1)
  (func $inner (export "unreachable")
    unreachable)
  (func $middle
    call $inner)
  (func $nested (export "nested")
    call $middle)
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $load (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1)))))
