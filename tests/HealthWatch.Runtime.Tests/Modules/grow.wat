;; A memory without a maximum, and a table without one.
(module $grow
  (memory (export "mem") 1)
  (table $t (export "table") 1 funcref)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "table_grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))
