;; One of every section the decoder knows, for ModuleDecoderTests.
;; build-flags: --debug-names
(module $sample
  (type $binop (func (param i32 i32) (result i32)))
  (type $void (func))
  (import "env" "log" (func $log (param i32)))
  (import "env" "table" (table $imported_table 1 10 funcref))
  (import "env" "memory" (memory $imported_memory 1))
  (import "env" "counter" (global $counter (mut i64)))
  (table $t 2 externref)
  (global $g (mut f32) (f32.const 1.5))
  (global $h f64 (f64.const -2))
  (export "add" (func $add))
  (export "g" (global $g))
  (export "t" (table $t))
  (start $init)
  (elem (i32.const 0) $add)
  (func $add (type $binop) (param $a i32) (param $b i32) (result i32)
    (local $tmp i64) (local f32 f32)
    local.get $a
    local.get $b
    i32.add)
  (func $init (type $void)
    (block
      (loop
        (if (i32.const 0) (then (br 2)) (else (nop)))))
    i32.const 0
    i32.const 0
    i32.const 2
    memory.init $passive
    data.drop $passive)
  (data (i32.const 16) "hello")
  (data $passive "world!"))
