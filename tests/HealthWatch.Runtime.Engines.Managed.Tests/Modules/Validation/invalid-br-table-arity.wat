;; Every br_table target must take as many values as the default.
(module (func (result i32)
  (block (result i32) (block (br_table 0 1 (i32.const 1) (i32.const 0)))) ))
