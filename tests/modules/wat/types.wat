;; All four numeric types as parameters and results, multiple results, and special float values.
(module $types
  (func (export "id_i32") (param i32) (result i32) local.get 0)
  (func (export "id_i64") (param i64) (result i64) local.get 0)
  (func (export "id_f32") (param f32) (result f32) local.get 0)
  (func (export "id_f64") (param f64) (result f64) local.get 0)
  (func (export "add_i32") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "add_i64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "add_f32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "add_f64") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
  (func (export "div_f64") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  ;; Reverses its four arguments: every type in and out at once.
  (func (export "swap") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
    local.get 3
    local.get 2
    local.get 1
    local.get 0)
  (func (export "neg_zero_f32") (result f32) (f32.const -0))
  (func (export "neg_zero_f64") (result f64) (f64.const -0))
  (func (export "nan_f64") (result f64) (f64.const nan))
  (func (export "inf_f32") (result f32) (f32.const inf))
  (func (export "neg_inf_f64") (result f64) (f64.const -inf))
  (func (export "tiny_f64") (result f64) (f64.const 5e-324))
  (func (export "third_f32") (result f32) (f32.div (f32.const 1) (f32.const 3)))
  (func (export "nothing"))
  (global (export "answer") i32 (i32.const 42)))
