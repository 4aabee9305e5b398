;; Target arity must agree even when the operands are unknown.
(module (func (block (drop (block (result i32) (unreachable) (br_table 0 1 (i32.const 0)))))))
