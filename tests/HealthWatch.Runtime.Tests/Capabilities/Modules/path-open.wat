;; path-open: a probe that imports WASI path_open (file system) next to an always-available import.
(module
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "hw_probe") (param i32 i32) (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 11) (i32.const 0)
                     (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 32))))
