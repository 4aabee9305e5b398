(module (func (call 7)))
