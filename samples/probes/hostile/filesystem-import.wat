;; filesystem-import: imports WASI path_open (with its preview1 signature).
;; Expect: refused before anything runs, with "Capability not granted: filesystem".
(module
  ;; path_open(dirfd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd_out) -> errno
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "healthwatch" "set_result" (func $set_result (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "/etc/passwd")
  (data (i32.const 64) "{\"success\":true,\"message\":\"opened a file\"}")
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    ;; preopen fd 3 is what wasi-libc would use; it does not matter, this must never run
    (if (i32.eqz (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 11) (i32.const 0)
                                  (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 32)))
      (then (drop (call $set_result (i32.const 64) (i32.const 42)))))
    (i32.const 0)))
