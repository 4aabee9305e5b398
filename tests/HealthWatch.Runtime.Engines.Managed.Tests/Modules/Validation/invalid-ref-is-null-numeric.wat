(module (func (result i32) (ref.is_null (i32.const 0))))
