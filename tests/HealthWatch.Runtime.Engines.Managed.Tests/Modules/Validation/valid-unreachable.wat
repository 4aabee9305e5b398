;; Code after unreachable, br, br_table and return is stack-polymorphic: missing operands have any type.
(module
  (func (result i32) unreachable i32.add)
  (func (result i64) (block (br 0)) unreachable)
  (func (param i32) (result f32) (block (br_table 0 0 (local.get 0))) (f32.const 0) return f32.neg)
  (func (result i32) unreachable select)
  (func (result i32) unreachable (i32.const 1) select)
  (func unreachable ref.is_null drop)
  (func (result f64)
    ;; Targets of different types meet the unknown operand left by unreachable.
    (block (result f64)
      (block (result f32)
        (unreachable)
        (br_table 0 1 1 (i32.const 1)))
      (drop)
      (f64.const 0)))
  (func (result i32) (block (result i32) (unreachable) (br_if 0) ))
  (func (loop (br 0) i32.const 1 drop)))
