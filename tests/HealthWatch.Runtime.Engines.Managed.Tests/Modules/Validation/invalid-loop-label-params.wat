;; A branch to a loop carries the loop's parameters, not its results.
(module (func (i32.const 1) (loop (param i32) (drop) (br 0))))
