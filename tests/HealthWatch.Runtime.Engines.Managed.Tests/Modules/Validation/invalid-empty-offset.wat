;; An active segment's offset must produce an i32; an empty expression produces nothing.
(module (memory 1) (data (memory 0) (offset) ""))
