;; Control flow shapes that stress the mapping of the operand stack onto the CIL stack.
(module
  (type $pair (func (result i32 i32)))
  (type $i32_to_i32 (func (param i32) (result i32)))

  ;; br_if with two values between the block's base and the carried value.
  (func (export "br_if_with_excess") (param i32) (result i32)
    (i32.const 100)
    (block (result i32)
      (i32.const 1) (i32.const 2) (i32.const 7)
      (br_if 0 (local.get 0))
      (drop) (drop))
    (i32.add))

  ;; br_table to targets at different depths, each with values below the carried one.
  (func (export "br_table_depths") (param i32) (result i32)
    (i32.const 1000)
    (block (result i32)
      (i32.const 100)
      (block (result i32)
        (i32.const 10)
        (block (result i32)
          (i32.const 5) (i32.const 6) (i32.const 1)
          (br_table 0 1 2 1 (local.get 0)))
        (i32.add))
      (i32.add))
    (i32.add))

  ;; A loop entered with a value below it on the stack, carrying a parameter across iterations.
  (func (export "loop_sum") (param $n i32) (result i32)
    (i32.const 1000)
    (i32.const 0)
    (loop (param i32) (result i32)
      (local.get $n)
      (i32.add)
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if 0 (local.get $n)))
    (i32.add))

  (func $three (result i32 i64 f64)
    (i32.const 1) (i64.const 2) (f64.const 3.5))

  ;; Several results through a call, and a block with parameters and several results: 1 + 3.5 = 4.5.
  (func (export "multi_value") (result f64) (local f64)
    (call $three)
    (block (param i32 i64 f64) (result f64 f64)
      (local.set 0)
      (drop)
      (f64.convert_i32_s)
      (local.get 0))
    (f64.add))

  ;; if with a parameter and no else: the false case passes the parameter through.
  (func (export "if_param_no_else") (param i32) (result i32)
    (i32.const 40)
    (if (param i32) (result i32) (local.get 0)
      (then (i32.const 2) (i32.add))))

  ;; A block whose end nothing reaches: the code after it (an i32.add) is dead and must be skipped.
  (func (export "dead_after_block") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (i32.add (i32.const 1) (block (result i32) (unreachable))))
      (else (i32.const 5))))

  ;; return from inside nested blocks with values below the results.
  (func (export "return_with_excess") (param i32) (result i32 i32)
    (i32.const 1)
    (block (result i32)
      (i32.const 2) (i32.const 3) (i32.const 4)
      (if (local.get 0) (then (return (i32.const 8) (i32.const 9))))
      (drop) (drop))
    (i32.const 5) (drop))

  ;; Many branches with excess values: temporaries are reused, so the method stays small.
  (func (export "many_spills") (param i32) (result i32)
    (block (result i32) (i32.const 0) (i32.const 1) (br_if 0 (local.get 0)) (drop))
    (block (result i32) (i32.const 0) (i32.const 2) (br_if 0 (local.get 0)) (drop))
    (block (result i32) (i32.const 0) (i32.const 3) (br_if 0 (local.get 0)) (drop))
    (block (result i32) (i32.const 0) (i32.const 4) (br_if 0 (local.get 0)) (drop))
    (i32.add) (i32.add) (i32.add))

  (func $named (export "named") (result i32) (i32.const 42))
)
