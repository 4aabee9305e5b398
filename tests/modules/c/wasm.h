/* Shared by the freestanding test modules: no libc, only clang builtins. */
#ifndef HEALTHWATCH_TEST_WASM_H
#define HEALTHWATCH_TEST_WASM_H

#define EXPORT(name) __attribute__((export_name(#name)))

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int i32;
typedef long long i64;

/* The first byte after the linker's data and stack; modules use it as a bump heap. */
extern u8 __heap_base;

/* Returns a pointer to `size` bytes past the heap base, growing memory as needed (null if it cannot). */
static inline u8 *heap_reserve(u32 size) {
    u32 base = (u32)&__heap_base;
    u32 end = base + size;
    u32 have = (u32)__builtin_wasm_memory_size(0) * 65536u;
    /* memory.grow gives -1 on failure, which the builtin's unsigned size_t makes SIZE_MAX. */
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535u) / 65536u) == (__SIZE_TYPE__)-1) {
        return 0;
    }
    return &__heap_base;
}

#endif
