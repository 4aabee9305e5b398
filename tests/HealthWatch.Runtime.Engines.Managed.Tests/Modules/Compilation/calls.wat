;; call_indirect checks and calls through an imported function.
(module
  (import "host" "twice" (func $twice (param i32) (result i32)))
  (type $to_i32 (func (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $seven $twice_seven $wrong_type)
  (func $seven (result i32) (i32.const 7))
  (func $twice_seven (result i32) (call $twice (i32.const 7)))
  (func $wrong_type (param i32) (result i32) (local.get 0))
  (func (export "dispatch") (param i32) (result i32) (call_indirect (type $to_i32) (local.get 0)))
  (func (export "twice") (param i32) (result i32) (call $twice (local.get 0)))
)
