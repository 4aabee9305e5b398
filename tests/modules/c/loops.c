/*
 * Bulk memory and loop shapes. Built with -mbulk-memory, so __builtin_memcpy/__builtin_memset of a runtime
 * length become memory.copy/memory.fill.
 * build-flags: -mbulk-memory
 */
#include "wasm.h"

static u32 checksum(const u8 *p, u32 n) {
    u32 sum = 0;
    for (u32 i = 0; i < n; i++) sum = sum * 31u + p[i];
    return sum;
}

/* memset n bytes to 0x5a, memcpy them 3 bytes further, returns a checksum of n + 3 bytes. */
EXPORT(fill_copy) i32 fill_copy(i32 n) {
    u8 *p = heap_reserve((u32)n * 2u + 16u);
    if (n < 0 || !p) __builtin_trap();
    __builtin_memset(p, 0, (u32)n * 2u + 16u);
    for (i32 i = 0; i < n; i++) p[i] = (u8)(i * 7);
    __builtin_memcpy(p + n + 8, p, (u32)n);
    __builtin_memset(p, 0x5a, (u32)n / 2u);
    return (i32)(checksum(p, (u32)n * 2u + 16u));
}

/* Overlapping moves both ways (memory.copy must behave like memmove). */
EXPORT(overlap_move) i32 overlap_move(i32 n) {
    u8 *p = heap_reserve((u32)n + 64u);
    if (n < 0 || !p) __builtin_trap();
    for (i32 i = 0; i < n + 64; i++) p[i] = (u8)(i ^ (i >> 3));
    __builtin_memmove(p + 17, p, (u32)n);
    __builtin_memmove(p + 3, p + 40, (u32)n / 2u);
    return (i32)checksum(p, (u32)n + 64u);
}

/* Copies `len` bytes from the heap base to `dest`: traps when dest + len is past the end of memory. */
EXPORT(copy_to) i32 copy_to(i32 dest, i32 len) {
    __builtin_memcpy((u8 *)dest, &__heap_base, (u32)len);
    return (i32)(__builtin_wasm_memory_size(0));
}

/* Nested counted loops with a 64-bit accumulator. */
EXPORT(nested_sum) i64 nested_sum(i32 n) {
    i64 sum = 0;
    for (i32 i = 0; i < n; i++) {
        for (i32 j = i; j < n; j++) sum += (i64)i * j - (j ^ i);
    }
    return sum;
}

/* A do-while with an early break and a continue: the Collatz steps of every start below n, summed. */
EXPORT(collatz_steps) i32 collatz_steps(i32 n) {
    i32 total = 0;
    for (i32 start = 1; start < n; start++) {
        u64 x = (u64)start;
        i32 steps = 0;
        do {
            if (x == 1) break;
            steps++;
            if (x & 1) { x = 3 * x + 1; continue; }
            x >>= 1;
        } while (steps < 1000);
        total += steps;
    }
    return total;
}

/* Current memory size in pages after growing by `delta`: -1 when the grow fails. */
EXPORT(grow_pages) i32 grow_pages(i32 delta) {
    return (i32)__builtin_wasm_memory_grow(0, (u32)delta);
}
