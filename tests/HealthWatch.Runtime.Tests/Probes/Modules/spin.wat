;; Loops forever: only fuel or the timeout ends it.
(module
  (memory (export "memory") 1)
  (func (export "hw_alloc") (param $size i32) (result i32) (i32.const 1024))
  (func (export "hw_probe") (param $ptr i32) (param $len i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))
