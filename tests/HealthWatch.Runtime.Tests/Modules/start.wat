;; A start function that calls the host with the value of an imported global.
(module $start
  (import "env" "record" (func $record (param i32)))
  (import "env" "value" (global $value i32))
  (func $start (call $record (global.get $value)))
  (start $start))
