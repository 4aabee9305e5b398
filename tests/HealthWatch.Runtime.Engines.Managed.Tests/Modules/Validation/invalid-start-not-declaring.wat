;; The start section does not declare a function for ref.func.
(module (func $f) (start $f) (func (result funcref) (ref.func $f)))
