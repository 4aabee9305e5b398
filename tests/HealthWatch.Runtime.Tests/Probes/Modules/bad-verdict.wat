;; Reports a verdict that is not valid UTF-8.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "{\"success\":true,\"message\":\"\ff\fe\"}")
  (func (export "hw_alloc") (param $size i32) (result i32) (i32.const 1024))
  (func (export "hw_probe") (param $ptr i32) (param $len i32) (result i32)
    (drop (call $set_result (i32.const 16) (i32.const 31)))
    (i32.const 0)))
