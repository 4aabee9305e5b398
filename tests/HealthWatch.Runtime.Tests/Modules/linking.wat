;; Imports one of each kind.
(module $linking
  (import "env" "f" (func (param i32) (result i32)))
  (import "env" "mem" (memory 1 2))
  (import "env" "table" (table 2 funcref))
  (import "env" "g" (global (mut i64)))
  (func (export "call_f") (param i32) (result i32) (call 0 (local.get 0)))
  (func (export "read_g") (result i64) global.get 0))
