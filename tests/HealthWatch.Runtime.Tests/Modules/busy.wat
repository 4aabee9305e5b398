;; Calls a host function that can block, and something else to call meanwhile.
(module $busy
  (import "host" "block" (func $block))
  (func (export "call_block") call $block)
  (func (export "answer") (result i32) i32.const 42))
