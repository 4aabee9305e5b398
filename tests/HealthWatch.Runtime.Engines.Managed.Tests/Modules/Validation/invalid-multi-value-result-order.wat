(module (func (result i32 i64) (block (result i32 i64) (i64.const 1) (i32.const 2))))
