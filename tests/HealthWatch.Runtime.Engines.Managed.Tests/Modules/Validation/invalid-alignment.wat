(module (memory 1) (func (drop (i64.load16_s align=4 (i32.const 0)))))
