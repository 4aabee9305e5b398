(module (func) (export "a" (func 0)) (export "a" (func 0)))
