;; select without a type is for numeric operands only.
(module (func (result funcref) (select (ref.null func) (ref.null func) (i32.const 1))))
