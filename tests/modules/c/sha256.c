/* SHA-256 (FIPS 180-4) of a generated buffer: 32-bit rotates, shifts and big-endian loads in linear memory. */
#include "wasm.h"

static const u32 K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static u32 digest[8];

static u32 rotr(u32 x, u32 n) { return (x >> n) | (x << (32 - n)); }

static void compress(u32 *h, const u8 *block) {
    u32 w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = (u32)block[4 * i] << 24 | (u32)block[4 * i + 1] << 16 | (u32)block[4 * i + 2] << 8 | block[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        u32 s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        u32 s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        u32 t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        u32 t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256(const u8 *data, u32 len) {
    static const u32 init[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    for (int i = 0; i < 8; i++) digest[i] = init[i];
    u32 full = len / 64;
    for (u32 i = 0; i < full; i++) compress(digest, data + 64 * i);

    /* The tail: remaining bytes, 0x80, zeros, then the bit length big-endian; one or two blocks. */
    u8 tail[128];
    u32 rest = len - 64 * full;
    for (u32 i = 0; i < 128; i++) tail[i] = i < rest ? data[64 * full + i] : 0;
    tail[rest] = 0x80;
    u32 blocks = rest < 56 ? 1 : 2;
    u64 bits = (u64)len * 8;
    for (int i = 0; i < 8; i++) tail[64 * blocks - 1 - i] = (u8)(bits >> (8 * i));
    for (u32 i = 0; i < blocks; i++) compress(digest, tail + 64 * i);
}

/* byte i of the pattern: a cheap, deterministic mix that is not all-zero and not periodic in 64. */
static u8 pattern(u32 i) { return (u8)(i * 31u + (i >> 8) * 7u + 13u); }

static u32 hash_pattern(u32 len) {
    u8 *buf = heap_reserve(len);
    if (!buf) return 0;
    for (u32 i = 0; i < len; i++) buf[i] = pattern(i);
    sha256(buf, len);
    return 1;
}

/* Word `index` (0..7, big-endian) of sha256 of `len` pattern bytes; the full hash is the eight words. */
EXPORT(sha256_word) i32 sha256_word(i32 len, i32 index) {
    if (len < 0 || index < 0 || index > 7 || !hash_pattern((u32)len)) __builtin_trap();
    return (i32)digest[index];
}

/* The first 4 bytes of sha256 of `len` pattern bytes, as a big-endian i32. */
EXPORT(sha256_of_pattern) i32 sha256_of_pattern(i32 len) { return sha256_word(len, 0); }

/* sha256("abc") word `index`: the FIPS 180-4 example, ba7816bf 8f01cfea ... */
EXPORT(sha256_abc_word) i32 sha256_abc_word(i32 index) {
    static const u8 abc[3] = {'a', 'b', 'c'};
    if (index < 0 || index > 7) __builtin_trap();
    sha256(abc, 3);
    return (i32)digest[index];
}

/* Where the last digest lives in memory (32 bytes as eight native-endian words). */
EXPORT(digest_ptr) i32 digest_ptr(void) { return (i32)digest; }
