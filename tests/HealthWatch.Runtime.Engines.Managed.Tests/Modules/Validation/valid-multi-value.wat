;; Block types given by a type index may take parameters and return several results.
(module
  (type $pair (func (param i32 i64) (result i64 i32)))
  (func (result i64 i32)
    (i32.const 1) (i64.const 2)
    (block (type $pair) (param i32 i64) (result i64 i32)
      drop drop (i64.const 4) (i32.const 5)))
  (func (param i32) (result i32 i32)
    (i32.const 7)
    (if (param i32) (result i32 i32) (local.get 0)
      (then (i32.const 1))
      (else (i32.const 2))))
  (func (result i32)
    (i32.const 0)
    (loop (param i32) (result i32)
      (i32.const 1) i32.add
      (br_if 0 (i32.const 0))))
  (func (param i32) (result i32 i64)
    (block (result i32 i64)
      (i32.const 1) (i64.const 2)
      (br_table 0 0 (local.get 0))))
  ;; A branch to a loop takes its parameters.
  (func (i32.const 1) (loop (param i32) (br 0))))
