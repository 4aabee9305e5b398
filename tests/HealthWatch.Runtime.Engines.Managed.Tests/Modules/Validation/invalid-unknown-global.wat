(module (func (drop (global.get 3))))
