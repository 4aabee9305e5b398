;; The start function traps, so instantiation itself fails.
(module $start_trap
  (func $start
    unreachable)
  (start $start)
  (func (export "never") (result i32)
    i32.const 1))
