(module (func (result i32) (block (result i32) (br_if 0 (i64.const 1) (i32.const 1)) (drop) (i32.const 0))))
