;; deep-recursion: unbounded recursion with small frames (one i32 parameter).
;; Expect: the engine's call-depth limit traps (stack exhausted); the host process survives.
;; The add after the call keeps it from being a tail call an engine could turn into a loop.
(module
  (memory (export "memory") 1)
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func $down (param $n i32) (result i32)
    (i32.add (call $down (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (call $down (i32.const 0))))
