;; unknown-import: imports env.foo, which no capability provides.
;; Expect: refused before anything runs (an unknown import, not a missing grant).
(module
  (import "env" "foo" (func $foo (result i32)))
  (memory (export "memory") 1)
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (call $foo)))
