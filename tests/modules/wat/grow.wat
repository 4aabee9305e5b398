;; memory.grow and memory.size, for --max-memory-pages.
(module $grow
  (memory (export "memory") 1)
  (func $grow (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func $size (export "size") (result i32)
    memory.size)
  ;; Grows by delta pages, then returns the size in pages (unchanged when the grow failed).
  (func $grow_then_size (export "grow_then_size") (param i32) (result i32)
    (drop (memory.grow (local.get 0)))
    memory.size))
