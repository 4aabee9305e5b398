(module (func (result i32) (i32.add (i32.const 1) (i64.const 2))))
