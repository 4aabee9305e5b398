;; The managed engine's tiers (TieringTests): a hot loop in one call, entered with an empty operand stack, with
;; locals of every type and several results (on-stack replacement); a function called often (promotion); a trap
;; under interpreted and compiled frames (backtraces); deep recursion with many locals (the interpreter's stack);
;; an inner loop with many locals inside an outer loop with few (fuel counted in a local); every way out of a loop
;; that keeps its fuel only in a local.
(module $tiers
  (type $unary (func (param i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $square $boom)
  (global $iterations (export "iterations") (mut i64) (i64.const 0))

  (func $mix (export "mix") (param $n i32) (param $x f64) (result i64 f32 f64 i32)
    (local $i i32) (local $acc i64) (local $f f32) (local $d f64) (local $r funcref)
    (local.set $r (ref.func $square))
    (local.set $d (local.get $x))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (i64.add (local.get $acc)
            (i64.extend_i32_u (call_indirect (type $unary) (local.get $i) (i32.const 0)))))
        (local.set $f (f32.add (local.get $f) (f32.const 0.5)))
        (local.set $d (f64.mul (local.get $d) (f64.const 1.0001)))
        (i32.store (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0xfffc)) (local.get $i))
        (global.set $iterations (i64.add (global.get $iterations) (i64.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)
    (local.get $f)
    (local.get $d)
    (i32.add (ref.is_null (local.get $r)) (i32.load (i32.const 8))))

  (func $square (export "square") (param i32) (result i32)
    (i32.mul (local.get 0) (local.get 0)))

  (func $boom (param i32) (result i32)
    (unreachable))

  ;; Counts to $n in a loop, then calls down to $boom through $middle and $inner.
  (func $outer (export "outer") (param $n i32) (result i32)
    (local $i i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (local.get $n))))
    (call $middle (local.get $i)))

  (func $middle (param i32) (result i32)
    (call $inner (local.get 0)))

  (func $inner (param i32) (result i32)
    (call_indirect (type $unary) (local.get 0) (i32.const 1)))


  ;; An outer loop with few locals around an inner one with more than FunctionScan.MaxLocalsForFuelInLocal (12):
  ;; compiled code counts the outer loop's fuel in a local, so the inner loop must count on from that local too.
  (func $nested (export "nested") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $j i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $f i32)
    (local $g i32) (local $h i32) (local $k i32) (local $l i32) (local $m i32)
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (loop $inner
          (local.set $a (i32.add (local.get $j) (i32.const 1)))
          (local.set $b (i32.add (local.get $a) (local.get $i)))
          (local.set $c (i32.xor (local.get $b) (local.get $a)))
          (local.set $d (i32.add (local.get $c) (local.get $b)))
          (local.set $e (i32.mul (local.get $d) (i32.const 3)))
          (local.set $f (i32.sub (local.get $e) (local.get $c)))
          (local.set $g (i32.xor (local.get $f) (local.get $d)))
          (local.set $h (i32.add (local.get $g) (local.get $e)))
          (local.set $k (i32.shr_u (local.get $h) (i32.const 1)))
          (local.set $l (i32.add (local.get $k) (local.get $f)))
          (local.set $m (i32.xor (local.get $l) (local.get $g)))
          (local.set $acc (i32.add (local.get $acc) (local.get $m)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $inner (i32.lt_u (local.get $j) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $acc))
  ;; $next can trap nowhere (FunctionScan.FuelStoredOnExit): compiled code keeps its fuel only in a local and stores
  ;; it when leaving. $how picks the way out once $i reaches $n: 0 br_if to the block around it, 1 br_table to it,
  ;; 2 return, 3 falling out of the end. The loop after it reads the fuel from the state again. Returns $n, or 2 * $n.
  (func $exits (export "exits") (param $n i32) (param $how i32) (result i32)
    (local $i i32)
    (block $out
      (loop $next
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.eqz (local.get $how))
          (then (br_if $out (i32.ge_u (local.get $i) (local.get $n)))))
        (if (i32.eq (local.get $how) (i32.const 1))
          (then (br_table $next $out (i32.ge_u (local.get $i) (local.get $n)))))
        (if (i32.eq (local.get $how) (i32.const 2))
          (then (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (local.get $i))))))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
    (loop $again
      (i32.store (i32.const 0) (local.get $i))
      (local.set $i (i32.add (i32.load (i32.const 0)) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.shl (local.get $n) (i32.const 1)))))
    (local.get $i))

  ;; depth(n) = n, one call per level, with ten locals per frame.
  (func $depth (export "depth") (param $n i32) (result i32)
    (local i64 i64 i64 i64 i64 f64 f64 f64 f64 f64)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get $n) (i32.const 1))))))))
