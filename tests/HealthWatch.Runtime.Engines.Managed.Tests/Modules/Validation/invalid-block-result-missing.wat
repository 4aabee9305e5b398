(module (func (block (result i32) nop) drop))
