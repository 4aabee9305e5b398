;; small: a module about the size of a simple probe (memory, data, a global, two functions), for the
;; instantiate and call-overhead benchmarks. Assembled with `wat2wasm small.wat`.
(module
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))
  (data (i32.const 0) "{\"success\":true}")
  ;; add: the trivial export of the invoke round-trip benchmark.
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  ;; run: the first call after instantiation; touches memory and a global so both are really set up.
  (func (export "run") (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.load8_u (i32.const 2))))
