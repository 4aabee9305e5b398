;; unknown: imports a granted-but-missing capability's function first, then a function no capability provides.
;; The unknown import wins: no grant could make this module run.
(module
  (import "healthwatch" "random_fill" (func (param i32 i32) (result i32)))
  (import "env" "foo" (func (result i32)))
  (memory (export "memory") 1))
