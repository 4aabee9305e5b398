;; Loop shapes for the fuel-in-local choice of FunctionScan (loops are numbered in program order per function).
(module
  (func $leaf)

  ;; 0: small, innermost, no call.
  (func (export "small") (param $n i32)
    (loop (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: calls, in a nested block.
  (func (export "calls") (param $n i32)
    (loop
      (block (call $leaf))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: holds loop 1, which qualifies.
  (func (export "nested") (param $n i32) (local $m i32)
    (loop
      (local.set $m (local.get $n))
      (loop (br_if 0 (local.tee $m (i32.sub (local.get $m) (i32.const 1)))))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: uses seven locals.
  (func (export "many_locals") (param $n i32) (local i32 i32 i32 i32 i32 i32)
    (loop
      (local.set 1 (local.get 2))
      (local.set 3 (local.get 4))
      (local.set 5 (local.get 6))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
)
