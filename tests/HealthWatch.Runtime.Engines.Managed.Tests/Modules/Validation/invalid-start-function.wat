(module (func (param i32)) (start 0))
