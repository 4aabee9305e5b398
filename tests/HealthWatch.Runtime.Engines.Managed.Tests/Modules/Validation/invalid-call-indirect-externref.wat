(module (type $v (func)) (table 1 externref) (func (call_indirect 0 (type $v) (i32.const 0))))
