;; Loop shapes for the fuel-in-local choices of FunctionScan (loops are numbered in program order per function).
(module
  (memory 1)
  (func $leaf)

  ;; 0: small, innermost, no call.
  (func (export "small") (param $n i32)
    (loop (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: calls, in a nested block.
  (func (export "calls") (param $n i32)
    (loop
      (block (call $leaf))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: holds loop 1; both qualify.
  (func (export "nested") (param $n i32) (local $m i32)
    (loop
      (local.set $m (local.get $n))
      (loop (br_if 0 (local.tee $m (i32.sub (local.get $m) (i32.const 1)))))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: holds loop 1, which calls; neither qualifies.
  (func (export "nested_calls") (param $n i32) (local $m i32)
    (loop
      (local.set $m (local.get $n))
      (loop (call $leaf) (br_if 0 (local.tee $m (i32.sub (local.get $m) (i32.const 1)))))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: uses thirteen locals.
  (func (export "many_locals") (param $n i32) (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (loop
      (local.set 1 (local.get 2))
      (local.set 3 (local.get 4))
      (local.set 5 (local.get 6))
      (local.set 7 (local.get 8))
      (local.set 9 (local.get 10))
      (local.set 11 (local.get 12))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: uses two locals, and holds loop 1, which uses thirteen: only loop 0 qualifies (the compiler then counts
  ;; loop 1's fuel in the local too).
  (func (export "few_around_many") (param $n i32) (local $m i32) (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (loop
      (local.set $m (local.get $n))
      (loop
        (local.set 2 (local.get 3))
        (local.set 4 (local.get 5))
        (local.set 6 (local.get 7))
        (local.set 8 (local.get 9))
        (local.set 10 (local.get 11))
        (local.set 12 (local.get 0))
        (br_if 0 (local.tee $m (i32.sub (local.get $m) (i32.const 1)))))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; 0: holds loop 1, which loads from memory; loop 2 divides; loop 3 does neither. All four count fuel in a local;
  ;; only loop 3 has no instruction that may trap.
  (func (export "may_trap") (param $n i32) (local $m i32)
    (loop
      (local.set $m (local.get $n))
      (loop (br_if 0 (i32.load (local.tee $m (i32.sub (local.get $m) (i32.const 1))))))
      (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (loop (br_if 0 (local.tee $n (i32.div_u (local.get $n) (i32.const 2)))))
    (loop (br_if 0 (local.tee $n (i32.shr_u (local.get $n) (i32.const 1))))))
)
