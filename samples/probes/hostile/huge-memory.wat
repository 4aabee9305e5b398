;; huge-memory: declares an initial memory of 65,536 pages (4 GiB), the most WebAssembly 2.0 allows.
;; Expect: instantiation fails with error kind resourceLimit under the run's memory limit, without allocating.
(module
  (memory (export "memory") 65536)
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (i32.const 1)))
