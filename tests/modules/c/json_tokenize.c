/* A JSON tokenizer: byte-at-a-time string scanning, a switch on characters, escapes and number parsing. */
#include "wasm.h"

enum kind { PUNCT, STRING, NUMBER, LITERAL, ERROR, KINDS };

static const char document[] =
    "{\"name\": \"healthwatch\", \"version\": 3, \"ratio\": -12.5e-3,\n"
    " \"tags\": [\"wasm\", \"c\\u00e9\", \"tab\\there\", \"quote\\\"d\"],\n"
    " \"nested\": {\"ok\": true, \"missing\": null, \"off\": false, \"list\": [1, 2, 3, [4, [5]]]},\n"
    " \"empty\": {}, \"big\": 12345678901234567890, \"neg\": -0}";

static i32 counts[KINDS];
static u32 hash; /* FNV-1a over the decoded content of strings and the digits of numbers */

static void mix(u32 byte) { hash = (hash ^ byte) * 16777619u; }

static i32 is_digit(u8 c) { return c >= '0' && c <= '9'; }

static i32 hex_value(u8 c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Scans a string starting after its opening quote; returns the index after the closing quote, or -1. */
static i32 scan_string(const u8 *s, i32 i, i32 len) {
    while (i < len) {
        u8 c = s[i++];
        if (c == '"') return i;
        if (c != '\\') { mix(c); continue; }
        if (i >= len) return -1;
        switch (s[i++]) {
        case '"': mix('"'); break;
        case '\\': mix('\\'); break;
        case '/': mix('/'); break;
        case 'b': mix('\b'); break;
        case 'f': mix('\f'); break;
        case 'n': mix('\n'); break;
        case 'r': mix('\r'); break;
        case 't': mix('\t'); break;
        case 'u': {
            u32 code = 0;
            for (i32 k = 0; k < 4; k++) {
                i32 h = i < len ? hex_value(s[i++]) : -1;
                if (h < 0) return -1;
                code = code << 4 | (u32)h;
            }
            mix(code & 0xff);
            mix(code >> 8);
            break;
        }
        default: return -1;
        }
    }
    return -1;
}

static i32 scan_number(const u8 *s, i32 i, i32 len) {
    if (i < len && s[i] == '-') i++;
    i32 digits = 0;
    while (i < len && is_digit(s[i])) { mix(s[i++]); digits++; }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit(s[i])) { mix(s[i++]); digits++; }
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        while (i < len && is_digit(s[i])) mix(s[i++]);
    }
    return digits > 0 ? i : -1;
}

static i32 match(const u8 *s, i32 i, i32 len, const char *word) {
    for (; *word; word++, i++) {
        if (i >= len || s[i] != (u8)*word) return -1;
    }
    return i;
}

/* Tokenizes s[0..len); fills counts and hash; returns the number of tokens. */
static i32 tokenize(const u8 *s, i32 len) {
    for (i32 k = 0; k < KINDS; k++) counts[k] = 0;
    hash = 2166136261u;
    i32 i = 0;
    while (i < len) {
        u8 c = s[i];
        i32 next;
        enum kind kind;
        switch (c) {
        case ' ': case '\t': case '\n': case '\r': i++; continue;
        case '{': case '}': case '[': case ']': case ':': case ',': next = i + 1; kind = PUNCT; break;
        case '"': next = scan_string(s, i + 1, len); kind = STRING; break;
        case 't': next = match(s, i, len, "true"); kind = LITERAL; break;
        case 'f': next = match(s, i, len, "false"); kind = LITERAL; break;
        case 'n': next = match(s, i, len, "null"); kind = LITERAL; break;
        default: next = c == '-' || is_digit(c) ? scan_number(s, i, len) : -1; kind = NUMBER; break;
        }
        if (next < 0) { counts[ERROR]++; next = i + 1; }
        else counts[kind]++;
        i = next;
    }
    return counts[PUNCT] + counts[STRING] + counts[NUMBER] + counts[LITERAL];
}

/* Tokens in the embedded document. */
EXPORT(json_token_count) i32 json_token_count(void) {
    return tokenize((const u8 *)document, sizeof document - 1);
}

/* Tokens of one kind (0 punctuation, 1 string, 2 number, 3 literal, 4 error) in the embedded document. */
EXPORT(json_count_kind) i32 json_count_kind(i32 kind) {
    if (kind < 0 || kind >= KINDS) __builtin_trap();
    json_token_count();
    return counts[kind];
}

/* FNV-1a hash of the embedded document's string contents and number digits. */
EXPORT(json_hash) i32 json_hash(void) {
    json_token_count();
    return (i32)hash;
}

static i32 append(u8 *out, i32 at, const char *text) {
    while (*text) out[at++] = (u8)*text++;
    return at;
}

static i32 append_int(u8 *out, i32 at, u32 value) {
    char digits[10];
    i32 n = 0;
    do { digits[n++] = (char)('0' + value % 10); value /= 10; } while (value);
    while (n) out[at++] = (u8)digits[--n];
    return at;
}

/* Generates [{"id":0,"name":"item0","odd":false,"w":-0.5}, ...] with n objects, then returns its hash xor token count. */
EXPORT(json_generated) i32 json_generated(i32 n) {
    u8 *out = heap_reserve((u32)n * 64u + 2u);
    if (n < 0 || !out) __builtin_trap();
    i32 at = append(out, 0, "[");
    for (i32 k = 0; k < n; k++) {
        at = append(out, at, k ? ",{\"id\":" : "{\"id\":");
        at = append_int(out, at, (u32)k);
        at = append(out, at, ",\"name\":\"item");
        at = append_int(out, at, (u32)k * 2654435761u);
        at = append(out, at, k & 1 ? "\",\"odd\":true,\"w\":-0." : "\",\"odd\":false,\"w\":0.");
        at = append_int(out, at, (u32)k % 97u);
        at = append(out, at, "e2}");
    }
    at = append(out, at, "]");
    i32 tokens = tokenize(out, at);
    return (i32)hash ^ tokens;
}
