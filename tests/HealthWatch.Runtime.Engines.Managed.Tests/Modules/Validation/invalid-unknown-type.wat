(module (table 1 funcref) (func (call_indirect (type 5) (i32.const 0))))
