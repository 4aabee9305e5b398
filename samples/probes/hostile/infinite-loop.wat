;; infinite-loop: hw_probe spins forever without calling the host.
;; Expect: the run's timeout (or fuel) ends it; the host stays responsive.
(module
  (memory (export "memory") 1)
  ;; hw_alloc: the config goes at 1024 (configs over 63 KiB get 0, which the host reports as a failure).
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 1)))
