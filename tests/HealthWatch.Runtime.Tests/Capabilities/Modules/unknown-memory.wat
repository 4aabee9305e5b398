;; unknown-memory: imports a memory; the host provides functions only.
(module
  (import "healthwatch" "memory" (memory 1)))
