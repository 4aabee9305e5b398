;; ref.func in a body may only name functions referenced by an element segment, an export or a global.
(module
  (table 1 funcref)
  (func $in_elem)
  (func $exported)
  (func $in_global)
  (func $in_declare)
  (global funcref (ref.func $in_global))
  (elem (i32.const 0) func $in_elem)
  (elem declare func $in_declare)
  (export "f" (func $exported))
  (func (result funcref funcref funcref funcref)
    (ref.func $in_elem) (ref.func $exported) (ref.func $in_global) (ref.func $in_declare)))
