(module
  (type $t (func (param i32 i64)))
  (func (i64.const 1) (i32.const 2) (block (type $t) (param i32 i64) drop drop)))
