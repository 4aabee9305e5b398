/* Recursive Fibonacci: deep call trees of tiny functions. */
#include "wasm.h"

EXPORT(fib) i32 fib(i32 n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

EXPORT(fib_i64) i64 fib_i64(i64 n) {
    return n < 2 ? n : fib_i64(n - 1) + fib_i64(n - 2);
}

/* Iterative, so large n is cheap; wraps modulo 2^64 past fib(92). */
EXPORT(fib_iter_i64) i64 fib_iter_i64(i32 n) {
    u64 a = 0, b = 1;
    for (i32 i = 0; i < n; i++) {
        u64 next = a + b;
        a = b;
        b = next;
    }
    return (i64)a;
}
