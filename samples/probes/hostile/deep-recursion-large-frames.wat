;; deep-recursion-large-frames: unbounded recursion through a function with 50,000 locals (its i32 parameter
;; and 49,999 i64 locals: 400 KB per frame if an engine keeps wasm locals on the native stack), so a native
;; stack overflows after a handful of calls, long before a call-depth limit counted in frames would trip.
;; 50,000 is the most V8 and wasmparser (wasmtime) accept per function, so the module is valid everywhere.
;; Expect: a clean trap (stack exhausted), never a crash of the host process.
;;
;; The locals line below is expanded by eng/build-probes.sh: "@locals N T" becomes (local T T ... T) with N
;; entries. (The binary stores them as one (count, type) pair, so the .wasm stays tiny.)
(module
  (memory (export "memory") 1)
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func $down (param $n i32) (result i64)
    ;; @locals 49999 i64
    ;; Touch the first and the last local so an engine cannot drop them as unused.
    (local.set 1 (i64.extend_i32_u (local.get $n)))
    (local.set 49999 (i64.add (local.get 1) (i64.const 1)))
    (i64.add (call $down (i32.add (local.get $n) (i32.const 1))) (local.get 49999)))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (drop (call $down (i32.const 0)))
    (i32.const 1)))
