(module (func (param i32) (local i64) (drop (local.get 2))))
