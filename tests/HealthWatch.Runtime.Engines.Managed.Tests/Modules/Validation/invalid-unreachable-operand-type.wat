;; Unreachable code is polymorphic only below the values it pushes itself.
(module (func (result i32) unreachable (i64.const 0) i32.add))
