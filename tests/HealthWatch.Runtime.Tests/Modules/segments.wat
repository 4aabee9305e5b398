;; Writes to an imported memory, then a segment out of bounds: instantiation traps, the first write stays.
(module $segments
  (import "env" "mem" (memory 1))
  (data (i32.const 0) "abc")
  (data (i32.const 65534) "xyz"))
