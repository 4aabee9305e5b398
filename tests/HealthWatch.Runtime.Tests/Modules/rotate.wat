;; A rotate whose result is tested for zero: rotations do not set the zero flag, so the test must look at the
;; value (https://webassembly.github.io/spec/core/exec/numerics.html#op-irotl; found by eng/fuzz-diff.sh).
(module $rotate
  (memory 1)
  (func (export "rotr32_if") (param i32) (result i32)
    (if (result i32) (i32.rotr (i32.load8_u (local.get 0)) (i32.const 3)) (then (i32.const 1)) (else (i32.const 2))))
  (func (export "rotl32_eqz") (param i32) (result i32)
    (i32.eqz (i32.rotl (i32.load8_u (local.get 0)) (i32.const 5))))
  (func (export "rotr64_eqz") (param i32) (result i32)
    (i64.eqz (i64.rotr (i64.load8_u (local.get 0)) (i64.const 7))))
  (func (export "rotl64_br_if") (param i32) (result i32)
    (block (br_if 0 (i32.wrap_i64 (i64.rotl (i64.load8_u (local.get 0)) (i64.const 9)))) (return (i32.const 2)))
    (i32.const 1)))
