/* Dense matrix multiply in f64 and f32: float loads/stores, multiply-add chains, int/float conversions. */
#include "wasm.h"

#define MAX_N 64

static double da[MAX_N * MAX_N], db[MAX_N * MAX_N], dc[MAX_N * MAX_N];
static float fa[MAX_N * MAX_N], fb[MAX_N * MAX_N], fc[MAX_N * MAX_N];

/* Inputs mix signs and magnitudes so that rounding matters; the same on every engine that follows IEEE 754. */
static double element(i32 i, i32 j, i32 which) {
    i32 k = (i * 7 + j * 13 + which * 5) % 17;
    return (double)(k - 8) / (double)(j + 3) + (double)i * 0.25;
}

/* The sum of the elements of A*B (n by n, 1 <= n <= 64), A and B generated from element(). */
EXPORT(matmul_f64) double matmul_f64(i32 n) {
    if (n < 1 || n > MAX_N) __builtin_trap();
    for (i32 i = 0; i < n; i++) {
        for (i32 j = 0; j < n; j++) {
            da[i * n + j] = element(i, j, 0);
            db[i * n + j] = element(i, j, 1);
        }
    }
    for (i32 i = 0; i < n; i++) {
        for (i32 j = 0; j < n; j++) {
            double sum = 0;
            for (i32 k = 0; k < n; k++) sum += da[i * n + k] * db[k * n + j];
            dc[i * n + j] = sum;
        }
    }
    double total = 0;
    for (i32 i = 0; i < n * n; i++) total += dc[i];
    return total;
}

/* As matmul_f64 in single precision, with a weighted sum so every element counts differently. */
EXPORT(matmul_f32) float matmul_f32(i32 n) {
    if (n < 1 || n > MAX_N) __builtin_trap();
    for (i32 i = 0; i < n; i++) {
        for (i32 j = 0; j < n; j++) {
            fa[i * n + j] = (float)element(i, j, 0);
            fb[i * n + j] = (float)element(i, j, 1);
        }
    }
    for (i32 i = 0; i < n; i++) {
        for (i32 j = 0; j < n; j++) {
            float sum = 0;
            for (i32 k = 0; k < n; k++) sum += fa[i * n + k] * fb[k * n + j];
            fc[i * n + j] = sum;
        }
    }
    float total = 0;
    for (i32 i = 0; i < n * n; i++) total += fc[i] * (float)((i % 5) - 2);
    return total;
}

/* Element (i, j) of the last f64 product, to spot-check single values. */
EXPORT(matmul_f64_at) double matmul_f64_at(i32 n, i32 i, i32 j) {
    matmul_f64(n);
    if (i < 0 || j < 0 || i >= n || j >= n) __builtin_trap();
    return dc[i * n + j];
}

/* The f64 checksum times `scale`, converted to i64: clang guards i64.trunc_f64_s with a range check. */
EXPORT(matmul_f64_scaled) i64 matmul_f64_scaled(i32 n, double scale) {
    return (i64)(matmul_f64(n) * scale);
}
