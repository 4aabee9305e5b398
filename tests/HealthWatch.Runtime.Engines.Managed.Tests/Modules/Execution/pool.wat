;; pool: a one-page memory with a data segment, for the linear memory pool's tests.
(module
  (import "env" "host" (func $host))
  (memory (export "memory") 1)
  (data (i32.const 0) "data")
  ;; Writes `value` to bytes 100..199.
  (func $fill (export "fill") (param $value i32)
    (memory.fill (i32.const 100) (local.get $value) (i32.const 100)))
  (func (export "read") (param $address i32) (result i32)
    (i32.load8_u (local.get $address)))
  (func (export "grow") (result i32)
    (memory.grow (i32.const 1)))
  ;; Calls the host (which may dispose the store meanwhile), then writes 0xCD to bytes 100..199.
  (func (export "call_host_then_fill")
    (call $host)
    (call $fill (i32.const 0xCD))))
