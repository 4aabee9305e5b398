;; A module with imports: invoke provides none, so it must report the first one.
(module $imports
  (import "env" "log" (func $log (param i32)))
  (import "env" "memory" (memory 1))
  (func (export "run")
    (call $log (i32.const 1))))
