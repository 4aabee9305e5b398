;; Loops for --fuel and --timeout: one that never ends, one that calls a function each turn, and a countdown.
(module $loop
  (func $spin (export "spin")
    (loop $again
      br $again))
  (func $tick (param i64) (result i64)
    (i64.add (local.get 0) (i64.const 1)))
  (func $spin_calls (export "spin_calls")
    (local $n i64)
    (loop $again
      (local.set $n (call $tick (local.get $n)))
      br $again))
  ;; Counts down from n and returns the number of turns, so a generous --fuel still finishes.
  (func $count (export "count") (param $n i64) (result i64)
    (local $turns i64)
    (block $done
      (loop $again
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (local.set $turns (i64.add (local.get $turns) (i64.const 1)))
        br $again))
    local.get $turns))
