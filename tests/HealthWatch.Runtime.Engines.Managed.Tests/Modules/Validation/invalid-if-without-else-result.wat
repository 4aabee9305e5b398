;; An if without else must produce exactly its inputs.
(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1)))))
