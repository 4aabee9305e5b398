(module (func (result i32)
  (block (result i32) (drop (block (result i64) (br_table 0 1 (i64.const 1) (i32.const 0)))) (i32.const 0))))
