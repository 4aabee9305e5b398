;; Functions for the entry, loop-header and call-depth checks.
(module
  (func (export "spin") (loop (br 0)))

  (func $recurse (export "recurse") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $recurse (i32.sub (local.get 0) (i32.const 1)))))))

  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (loop
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))

  (func $one (export "one") (result i32) (i32.const 1))

  ;; "count" with its i32.const 1 replaced by a call: the same instructions, plus those of the callee.
  (func (export "count_calls") (param $n i32) (result i32)
    (local $i i32)
    (loop
      (local.set $i (i32.add (local.get $i) (call $one)))
      (br_if 0 (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
)
