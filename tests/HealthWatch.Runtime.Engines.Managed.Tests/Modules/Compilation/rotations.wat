;; Rotations in both forms (FunctionCompiler.Rotations): the rotate instruction where the value goes straight into
;; and/or/xor/add/sub of a non-constant, two shifts elsewhere. Memory is zero, so a rotation of a byte loaded from
;; it is zero: the zero tests below must take their zero branch (dotnet/runtime#129288).
;; build-flags: --debug-names
(module
  (memory 1)
  ;; The rotate instruction: sha256's Sigma1, and the same shape in i64 with add.
  (func (export "sigma1") (param i32) (result i32)
    (i32.xor (i32.xor (i32.rotr (local.get 0) (i32.const 6)) (i32.rotr (local.get 0) (i32.const 11)))
             (i32.rotr (local.get 0) (i32.const 25))))
  (func (export "rotl64_add") (param i64 i64) (result i64)
    (i64.add (local.get 1) (i64.rotl (local.get 0) (i64.const 13))))
  (func (export "rotl32_or_eqz") (param i32 i32) (result i32)
    (i32.eqz (i32.or (i32.rotl (i32.load8_u (local.get 0)) (i32.const 7)) (local.get 1))))
  ;; Two shifts: the other operand is a constant the JIT folds away, so the zero test would see the rotation.
  (func (export "rotl32_xor_zero_if") (param i32) (result i32)
    (if (result i32) (i32.xor (i32.rotl (i32.load8_u (local.get 0)) (i32.const 3)) (i32.const 0))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "rotl32_and_folded_minus_one_eqz") (param i32) (result i32)
    (i32.eqz (i32.and (i32.rotl (i32.load8_u (local.get 0)) (i32.const 3)) (i32.extend8_s (i32.const -1)))))
  (func (export "rotr64_zero_or_br_if") (param i32) (result i32)
    (block (br_if 0 (i32.wrap_i64 (i64.or (i64.const 0) (i64.rotr (i64.load8_u (local.get 0)) (i64.const 9)))))
      (return (i32.const 2)))
    (i32.const 1))
  ;; Two shifts: the other operand is a local the JIT may know to be zero, a parameter given a constant by an
  ;; inlining caller, or a local never set.
  (func $rotl32_xor_local_if (param i32 i32) (result i32)
    (if (result i32) (i32.xor (i32.rotl (i32.load8_u (local.get 0)) (i32.const 3)) (local.get 1))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "rotl32_xor_param_if") (param i32) (result i32)
    (call $rotl32_xor_local_if (local.get 0) (i32.const 0)))
  (func (export "rotl32_xor_unset_local_if") (param i32) (result i32) (local i32)
    (if (result i32) (i32.xor (i32.rotl (i32.load8_u (local.get 0)) (i32.const 3)) (local.get 1))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "rotl32_xor_local_set_later_if") (param i32) (result i32) (local i32)
    (if (result i32) (i32.xor (i32.rotl (i32.load8_u (local.get 0)) (i32.const 3)) (local.get 1))
      (then (local.set 1 (i32.load (local.get 0))) (i32.const 1))
      (else (local.set 1 (i32.load (local.get 0))) (i32.const 2)))))
