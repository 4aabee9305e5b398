;; many-tables: 1,000 tables of 10,000,000 elements each. Every table is within the engine's per-table default,
;; yet together they would be 80 GB of references: a host that only limits each table on its own allocates
;; until the process dies.
;; Expect: instantiation fails with error kind resourceLimit before any of it is allocated.
;;
;; The line below is expanded by eng/build-probes.sh: "@repeat N TEXT" becomes N lines of TEXT.
(module
  (memory (export "memory") 1)
  ;; @repeat 1000 (table 10000000 funcref)
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (i32.const 1)))
