;; host-calls: a complete ABI probe with one more export, `calls`, which calls the host import
;; healthwatch.clock_monotonic_ns N times, so a benchmark can time a host call's round trip from the guest.
;; Assembled with `wat2wasm host-calls.wat`.
(module
  (import "healthwatch" "clock_monotonic_ns" (func $now (result i64)))
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"success\":true}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (drop (call $set_result (i32.const 0) (i32.const 16)))
    (i32.const 0))
  (func (export "calls") (param $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (drop (call $now))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))))
