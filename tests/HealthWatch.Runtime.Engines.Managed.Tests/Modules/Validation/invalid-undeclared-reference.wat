(module (func $f) (func (result funcref) (ref.func $f)))
