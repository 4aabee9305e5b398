;; mismatch: imports set_result with the wrong type ((i32) -> i32 instead of (i32 i32) -> i32).
(module
  (import "healthwatch" "set_result" (func $set_result (param i32) (result i32)))
  (memory (export "memory") 1))
