/* Quicksort of LCG-generated arrays: data-dependent branches, recursion and signed/unsigned compares. */
#include "wasm.h"

static u32 lcg(u32 *state) {
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

static void quicksort_i32(i32 *a, i32 lo, i32 hi) {
    while (lo < hi) {
        i32 pivot = a[lo + (hi - lo) / 2];
        i32 i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                i32 t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        /* Recurse into the smaller side, loop on the larger: the stack stays O(log n). */
        if (j - lo < hi - i) { quicksort_i32(a, lo, j); lo = i; }
        else { quicksort_i32(a, i, hi); hi = j; }
    }
}

static void insertion_sort_u64(u64 *a, i32 n) {
    for (i32 i = 1; i < n; i++) {
        u64 v = a[i];
        i32 j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

/*
 * Sorts n signed values from an LCG seeded with `seed` and returns sum(a[i] * (i + 1)) wrapping modulo 2^32,
 * or -1 if the result is not sorted, -2 if memory cannot grow to hold the array.
 */
EXPORT(sort_checksum) i32 sort_checksum(i32 n, i32 seed) {
    i32 *a = (i32 *)heap_reserve((u32)n * 4u);
    if (!a) return -2;
    u32 state = (u32)seed;
    for (i32 i = 0; i < n; i++) a[i] = (i32)lcg(&state);
    quicksort_i32(a, 0, n - 1);
    u32 sum = 0;
    for (i32 i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i]) return -1;
        sum += (u32)a[i] * (u32)(i + 1);
    }
    return (i32)sum;
}

/* The median (element n/2) after sorting, to check the order itself and not only the checksum. */
EXPORT(sort_median) i32 sort_median(i32 n, i32 seed) {
    if (n <= 0 || sort_checksum(n, seed) == -1) __builtin_trap();
    return ((i32 *)&__heap_base)[n / 2];
}

/* Insertion sort of n unsigned 64-bit LCG values; returns an xor-rotate fold of the sorted array. */
EXPORT(sort_u64_fold) i64 sort_u64_fold(i32 n, i32 seed) {
    u64 *a = (u64 *)heap_reserve((u32)n * 8u);
    if (!a) return -2;
    u32 state = (u32)seed;
    for (i32 i = 0; i < n; i++) a[i] = (u64)lcg(&state) << 32 | lcg(&state);
    insertion_sort_u64(a, n);
    u64 fold = 0;
    for (i32 i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i]) return -1;
        fold = (fold << 7 | fold >> 57) ^ a[i];
    }
    return (i64)fold;
}
