;; healthwatch: imports every `healthwatch` function of the basic capabilities (always, log, clock, random, env)
;; and exports each one, so tests call them with any arguments; plus wasm callers for the binder's wrapper.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (import "healthwatch" "json_get" (func $json_get (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "healthwatch" "log" (func $log (param i32 i32 i32)))
  (import "healthwatch" "clock_now_ms" (func $clock_now_ms (result i64)))
  (import "healthwatch" "clock_monotonic_ns" (func $clock_monotonic_ns (result i64)))
  (import "healthwatch" "random_fill" (func $random_fill (param i32 i32) (result i32)))
  (import "healthwatch" "env_get" (func $env_get (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (export "set_result" (func $set_result))
  (export "json_get" (func $json_get))
  (export "log" (func $log))
  (export "clock_now_ms" (func $clock_now_ms))
  (export "clock_monotonic_ns" (func $clock_monotonic_ns))
  (export "random_fill" (func $random_fill))
  (export "env_get" (func $env_get))
  ;; calls set_result(ptr, len) `n` times from wasm and returns the last result
  (func (export "set_result_times") (param $ptr i32) (param $len i32) (param $n i32) (result i32)
    (local $r i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $r (call $set_result (local.get $ptr) (local.get $len)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $r))
  ;; calls log(level, ptr, len) from wasm
  (func (export "call_log") (param i32 i32 i32)
    (call $log (local.get 0) (local.get 1) (local.get 2))))
