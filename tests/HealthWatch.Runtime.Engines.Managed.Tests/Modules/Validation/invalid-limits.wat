(module (table 2 1 funcref))
