;; no-verdict: returns 0 ("I reported a verdict") without ever calling set_result.
;; Expect: success false with error kind noVerdict (the return value alone must not count as a verdict).
(module
  (memory (export "memory") 1)
  (func (export "hw_alloc") (param $size i32) (result i32)
    (select (i32.const 1024) (i32.const 0) (i32.le_u (local.get $size) (i32.const 64512))))
  (func (export "hw_probe") (param i32 i32) (result i32)
    (i32.const 0)))
