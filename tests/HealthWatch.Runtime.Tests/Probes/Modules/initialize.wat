;; A reactor: reports its config as the verdict only if _initialize ran first.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $ready (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $ready (i32.const 1)))
  (func (export "hw_alloc") (param $size i32) (result i32) (i32.const 1024))
  (func (export "hw_probe") (param $ptr i32) (param $len i32) (result i32)
    (if (i32.eqz (global.get $ready)) (then (return (i32.const 1))))
    (drop (call $set_result (local.get $ptr) (local.get $len)))
    (i32.const 0)))
