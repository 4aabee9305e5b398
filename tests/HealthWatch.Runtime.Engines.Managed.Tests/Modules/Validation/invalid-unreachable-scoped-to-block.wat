;; unreachable makes only the rest of its own block polymorphic.
(module (func (result i32) (block unreachable)))
