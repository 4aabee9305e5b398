/*
 * healthwatch.h: guest-side helpers for HealthWatch probes written in C (Probe ABI v1, docs/probe-abi.md).
 *
 * Freestanding: no libc, only clang builtins, so a probe is one .c file built with
 *   clang-19 --target=wasm32 -O2 -nostdlib -ffreestanding -c probe.c && wasm-ld-19 --no-entry probe.o
 * It also works next to wasi-libc (every name here starts with hw_/HW_, so nothing clashes).
 *
 * What it gives a probe:
 *   - the `healthwatch` imports, as hw_* functions. An import only lands in the .wasm if the probe calls it,
 *     and the host refuses a probe that imports something of a capability it was not granted, so calling
 *     e.g. hw_log makes the probe need the `log` grant.
 *   - the HW_E* error codes and hw_strerror.
 *   - a bump allocator (hw_bump) and the hw_alloc export built on it. Probes are short-lived, so memory is
 *     never freed; define HW_NO_ALLOC_EXPORT before including this file to export your own hw_alloc, and
 *     HW_BUMP_WITH_MALLOC (after <stdlib.h>) when a libc's malloc owns the heap.
 *   - config/JSON reading through the host's json_get (hw_json_*), so a probe needs no JSON parser.
 *   - hw_writer: builds JSON text (the verdict, HTTP requests) with string escaping and number formatting.
 *
 * This header defines functions (hw_alloc, static helpers), so include it from exactly one .c file.
 */
#ifndef HEALTHWATCH_H
#define HEALTHWATCH_H

#define HW_IMPORT(name) __attribute__((import_module("healthwatch"), import_name(#name)))
#define HW_EXPORT(name) __attribute__((export_name(#name)))
/* The bigger helpers stay out-of-line: at -O2 clang would otherwise inline them at every call and double a
 * probe's size for no measurable gain (a probe spends its time waiting on the network). */
#define HW_OUTLINE static __attribute__((noinline, unused))

typedef unsigned char hw_u8;
typedef unsigned int hw_u32;
typedef int hw_i32;
typedef long long hw_i64;
typedef unsigned long long hw_u64;

/* ---- error codes (negative results of host functions) ---- */
#define HW_ENOTALLOWED (-1) /* the grant does not allow it */
#define HW_EINVAL (-2)      /* bad argument, malformed JSON, pointer out of bounds */
#define HW_ETIMEDOUT (-3)   /* did not finish in time (http_wait: not finished yet) */
#define HW_ENETWORK (-4)    /* refused, reset, DNS or TLS failure, malformed HTTP response */
#define HW_ETOOLARGE (-5)   /* over a size limit */
#define HW_ENOTFOUND (-6)   /* no such JSON path, environment variable or header */
#define HW_ELIMIT (-7)      /* a per-probe limit was reached */
#define HW_EBADHANDLE (-8)  /* no such handle, or it was closed */

/* log levels */
#define HW_TRACE 0
#define HW_DEBUG 1
#define HW_INFO 2
#define HW_WARNING 3
#define HW_ERROR 4

/* ---- imports: module "healthwatch" (capability in brackets) ---- */
/* [always] the verdict JSON; the last call wins; 0 or HW_EINVAL */
HW_IMPORT(set_result) hw_i32 hw_set_result(const void *ptr, hw_i32 len);
/* [log] one log line */
HW_IMPORT(log) void hw_log(hw_i32 level, const void *ptr, hw_i32 len);
/* [clock] wall clock (Unix ms) and monotonic ns */
HW_IMPORT(clock_now_ms) hw_i64 hw_clock_now_ms(void);
HW_IMPORT(clock_monotonic_ns) hw_i64 hw_clock_monotonic_ns(void);
/* [random] cryptographically strong bytes */
HW_IMPORT(random_fill) hw_i32 hw_random_fill(void *ptr, hw_i32 len);
/* [env] a value of the grant's map */
HW_IMPORT(env_get) hw_i32 hw_env_get(const void *key, hw_i32 key_len, void *out, hw_i32 out_cap);
/* [always] the JSON text at `path` in the JSON at (json, json_len); strings keep their quotes */
HW_IMPORT(json_get)
hw_i32 hw_json_get(const void *json, hw_i32 json_len, const void *path, hw_i32 path_len, void *out, hw_i32 out_cap);
/* [http] */
HW_IMPORT(http_send) hw_i32 hw_http_send(const void *req, hw_i32 req_len);
HW_IMPORT(http_wait) hw_i32 hw_http_wait(hw_i32 handle, hw_i32 timeout_ms);
HW_IMPORT(http_response) hw_i32 hw_http_response(hw_i32 handle, void *out, hw_i32 out_cap);
HW_IMPORT(http_body) hw_i32 hw_http_body(hw_i32 handle, hw_i32 offset, void *out, hw_i32 out_cap);
HW_IMPORT(http_body_json)
hw_i32 hw_http_body_json(hw_i32 handle, const void *path, hw_i32 path_len, void *out, hw_i32 out_cap);
HW_IMPORT(http_close) hw_i32 hw_http_close(hw_i32 handle);
/* [dns] {"addresses":[...],"durationMs":1.2} */
HW_IMPORT(dns_resolve) hw_i32 hw_dns_resolve(const void *name, hw_i32 name_len, void *out, hw_i32 out_cap);
/* [tcp] connect time in microseconds, or an error */
HW_IMPORT(tcp_connect) hw_i32 hw_tcp_connect(const void *host, hw_i32 host_len, hw_i32 port, hw_i32 timeout_ms);

/* ---- small string helpers ---- */
static inline hw_i32 hw_strlen(const char *s) {
    hw_i32 n = 0;
    while (s[n]) n++;
    return n;
}

static inline int hw_mem_eq(const void *a, const void *b, hw_i32 n) {
    const hw_u8 *x = (const hw_u8 *)a, *y = (const hw_u8 *)b;
    for (hw_i32 i = 0; i < n; i++)
        if (x[i] != y[i]) return 0;
    return 1;
}

static inline void hw_copy(void *dst, const void *src, hw_i32 n) { __builtin_memmove(dst, src, (unsigned long)n); }

/* Logs a NUL-terminated line (needs the `log` grant). */
static inline void hw_log_str(hw_i32 level, const char *s) { hw_log(level, s, hw_strlen(s)); }

static inline const char *hw_strerror(hw_i32 code) {
    switch (code) {
    case HW_ENOTALLOWED: return "not allowed by the grant";
    case HW_EINVAL: return "invalid argument";
    case HW_ETIMEDOUT: return "timed out";
    case HW_ENETWORK: return "network error";
    case HW_ETOOLARGE: return "too large";
    case HW_ENOTFOUND: return "not found";
    case HW_ELIMIT: return "probe limit reached";
    case HW_EBADHANDLE: return "bad handle";
    default: return code < 0 ? "unknown error" : "ok";
    }
}

/* ---- bump allocator ---- */
#ifdef HW_BUMP_WITH_MALLOC
/* With a libc (wasi-libc), malloc owns the heap; a second allocator starting at __heap_base would overwrite
 * its blocks. Define HW_BUMP_WITH_MALLOC after including <stdlib.h> and every helper allocates with malloc. */
static inline void *hw_bump(hw_u32 size) { return malloc(size ? size : 1); }
#else
/* __heap_base is the first byte after the linker's data and stack. Probes run once and are thrown away, so a
 * bump pointer that never frees is all they need; memory.grow fetches more pages when it runs out. */
extern hw_u8 __heap_base;
static hw_u32 hw_heap_top;

/* Returns `size` bytes aligned to 8, or 0 when memory cannot grow (the store's memory limit). */
static inline void *hw_bump(hw_u32 size) {
    if (hw_heap_top == 0) hw_heap_top = (hw_u32)&__heap_base;
    hw_u32 start = (hw_heap_top + 7u) & ~7u;
    hw_u32 end = start + size;
    if (end < start) return 0; /* wrapped around 4 GiB */
    hw_u32 have = (hw_u32)__builtin_wasm_memory_size(0) * 65536u;
    /* memory.grow gives -1 on failure, which the builtin's unsigned size_t makes SIZE_MAX. */
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535u) / 65536u) == (__SIZE_TYPE__)-1) return 0;
    hw_heap_top = end;
    return (void *)start;
}
#endif

#ifndef HW_NO_ALLOC_EXPORT
/* The host calls this once, before hw_probe, to get room for the config. */
HW_EXPORT(hw_alloc) hw_i32 hw_alloc(hw_i32 size) { return size < 0 ? 0 : (hw_i32)hw_bump((hw_u32)size); }
#endif

/* ---- reading host output of unknown length ---- */
/* Host functions that fill (out, cap) return the full length n and write min(n, cap) bytes. hw_fetch wraps
 * such a call: a first try into a 1 KiB buffer, then, if the answer was longer, another into an exact one. An
 * answer can change between calls (dns_resolve asks again), so it retries a few times rather than trusting
 * the second length. */
typedef hw_i32 (*hw_fill_fn)(void *ctx, void *out, hw_i32 cap);

typedef struct {
    char *ptr;  /* the bytes (not NUL-terminated by the host; hw_fetch adds a NUL after them) */
    hw_i32 len; /* >= 0: the length; < 0: the host's error code */
} hw_str;

HW_OUTLINE hw_str hw_fetch(hw_fill_fn fill, void *ctx) {
    hw_i32 cap = 1024;
    for (int attempt = 0; attempt < 4; attempt++) {
        char *buf = (char *)hw_bump((hw_u32)cap + 1);
        if (!buf) break;
        hw_i32 n = fill(ctx, buf, cap);
        if (n <= cap) {
            hw_str r = {n >= 0 ? buf : 0, n};
            if (n >= 0) buf[n] = 0;
            return r;
        }
        cap = n;
    }
    hw_str r = {0, HW_ETOOLARGE};
    return r;
}

/* json_get over (json, json_len), for a NUL-terminated path. */
typedef struct { const char *json; hw_i32 json_len; const char *path; } hw__json_get_ctx;
static inline hw_i32 hw__json_get_fill(void *c, void *out, hw_i32 cap) {
    hw__json_get_ctx *x = (hw__json_get_ctx *)c;
    return hw_json_get(x->json, x->json_len, x->path, hw_strlen(x->path), out, cap);
}
static inline hw_str hw_json_raw(const char *json, hw_i32 json_len, const char *path) {
    hw__json_get_ctx c = {json, json_len, path};
    return hw_fetch(hw__json_get_fill, &c);
}

/* http_body_json over a response, for a NUL-terminated path. */
typedef struct { hw_i32 handle; const char *path; } hw__body_json_ctx;
static inline hw_i32 hw__body_json_fill(void *c, void *out, hw_i32 cap) {
    hw__body_json_ctx *x = (hw__body_json_ctx *)c;
    return hw_http_body_json(x->handle, x->path, hw_strlen(x->path), out, cap);
}
static inline hw_str hw_body_json(hw_i32 handle, const char *path) {
    hw__body_json_ctx c = {handle, path};
    return hw_fetch(hw__body_json_fill, &c);
}

/* http_response metadata JSON of a finished request. */
static inline hw_i32 hw__response_fill(void *c, void *out, hw_i32 cap) { return hw_http_response(*(hw_i32 *)c, out, cap); }
static inline hw_str hw_response(hw_i32 handle) { return hw_fetch(hw__response_fill, &handle); }

/* ---- decoding the JSON text json_get returns ---- */
/* A number's text to a double: sign, digits, fraction, exponent. Returns 0 if `s` is no number (*ok = 0). */
HW_OUTLINE double hw_parse_number(const char *s, hw_i32 len, int *ok) {
    hw_i32 i = 0;
    double sign = 1, v = 0;
    int digits = 0;
    if (i < len && s[i] == '-') { sign = -1; i++; }
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) v = v * 10 + (s[i] - '0');
    if (i < len && s[i] == '.') {
        double scale = 0.1;
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++, scale /= 10) v += (s[i] - '0') * scale;
    }
    if (digits && i < len && (s[i] == 'e' || s[i] == 'E')) {
        int esign = 1, e = 0;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) esign = s[i++] == '-' ? -1 : 1;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) e = e < 400 ? e * 10 + (s[i] - '0') : e;
        for (; e > 0; e--) v = esign > 0 ? v * 10 : v / 10;
    }
    if (ok) *ok = digits > 0 && i == len;
    return sign * v;
}

/* Decodes a JSON string literal ("..." with escapes) in place to UTF-8 and NUL-terminates it. Returns the
 * decoded length, or -1 if `s` is not a string literal. */
HW_OUTLINE hw_i32 hw_json_unquote(char *s, hw_i32 len) {
    if (len < 2 || s[0] != '"' || s[len - 1] != '"') return -1;
    hw_i32 o = 0;
    for (hw_i32 i = 1; i < len - 1; i++) {
        char c = s[i];
        if (c != '\\') { s[o++] = c; continue; }
        if (++i >= len - 1) return -1;
        switch (s[i]) {
        case 'n': s[o++] = '\n'; break;
        case 't': s[o++] = '\t'; break;
        case 'r': s[o++] = '\r'; break;
        case 'b': s[o++] = '\b'; break;
        case 'f': s[o++] = '\f'; break;
        case 'u': {
            hw_u32 cp = 0;
            for (int k = 0; k < 4; k++) {
                char h = ++i < len - 1 ? s[i] : 0;
                cp = cp * 16 + (hw_u32)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                        : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 0);
            }
            /* Surrogate pairs arrive as two escapes; a lone half becomes U+FFFD. (The encoded form is never
             * longer than the 6-12 escape bytes it replaces, so decoding in place is safe.) */
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < len - 1 && s[i + 1] == '\\' && s[i + 2] == 'u') {
                hw_u32 lo = 0;
                for (int k = 3; k < 7; k++) {
                    char h = s[i + k];
                    lo = lo * 16 + (hw_u32)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 0);
                }
                if (lo >= 0xDC00 && lo <= 0xDFFF) { cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); i += 6; }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
            if (cp < 0x80) s[o++] = (char)cp;
            else if (cp < 0x800) { s[o++] = (char)(0xC0 | cp >> 6); s[o++] = (char)(0x80 | (cp & 0x3F)); }
            else if (cp < 0x10000) {
                s[o++] = (char)(0xE0 | cp >> 12); s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                s[o++] = (char)(0x80 | (cp & 0x3F));
            } else {
                s[o++] = (char)(0xF0 | cp >> 18); s[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F)); s[o++] = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: s[o++] = s[i]; break; /* \" \\ \/ */
        }
    }
    s[o] = 0;
    return o;
}

/* A config string at `path`, decoded; ptr 0 with len = the error (HW_ENOTFOUND, or HW_EINVAL if no string). */
static inline hw_str hw_json_string(const char *json, hw_i32 json_len, const char *path) {
    hw_str r = hw_json_raw(json, json_len, path);
    if (r.len < 0) { r.ptr = 0; return r; }
    r.len = hw_json_unquote(r.ptr, r.len);
    if (r.len < 0) { r.ptr = 0; r.len = HW_EINVAL; }
    return r;
}

/* A config number at `path`, or `fallback` when it is absent or not a number. */
static inline double hw_json_number(const char *json, hw_i32 json_len, const char *path, double fallback) {
    hw_str r = hw_json_raw(json, json_len, path);
    int ok = 0;
    double v = r.len > 0 ? hw_parse_number(r.ptr, r.len, &ok) : 0;
    return ok ? v : fallback;
}

/* ---- writing JSON ---- */
/* A growable text buffer on the bump heap. `comma` remembers whether the next value needs a ',' first, so
 * hw_w_key / hw_w_* calls read like the JSON they make. On out-of-memory `failed` is set and writes stop. */
typedef struct {
    char *buf;
    hw_i32 len, cap;
    int comma, failed;
} hw_writer;

HW_OUTLINE void hw_w_raw(hw_writer *w, const char *s, hw_i32 n) {
    if (w->failed) return;
    if (w->len + n + 1 > w->cap) {
        hw_i32 cap = (w->cap ? w->cap : 256);
        while (cap < w->len + n + 1) cap *= 2;
        char *nb = (char *)hw_bump((hw_u32)cap);
        if (!nb) { w->failed = 1; return; }
        if (w->len) hw_copy(nb, w->buf, w->len);
        w->buf = nb;
        w->cap = cap;
    }
    hw_copy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = 0; /* keeps buf usable as a C string */
}

static inline void hw_w_str(hw_writer *w, const char *s) { hw_w_raw(w, s, hw_strlen(s)); }
static inline void hw_w_char(hw_writer *w, char c) { hw_w_raw(w, &c, 1); }

/* Separator before a value or key. */
static inline void hw_w__sep(hw_writer *w) {
    if (w->comma) hw_w_char(w, ',');
    w->comma = 1;
}

/* Text (escaped) without quotes: for messages built in pieces between hw_w_quote_open/close. */
HW_OUTLINE void hw_w_escaped(hw_writer *w, const char *s, hw_i32 n) {
    static const char hex[] = "0123456789abcdef";
    for (hw_i32 i = 0; i < n; i++) {
        hw_u8 c = (hw_u8)s[i];
        if (c == '"' || c == '\\') { char e[2] = {'\\', (char)c}; hw_w_raw(w, e, 2); }
        else if (c == '\n') hw_w_raw(w, "\\n", 2);
        else if (c == '\r') hw_w_raw(w, "\\r", 2);
        else if (c == '\t') hw_w_raw(w, "\\t", 2);
        else if (c < 0x20) { char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]}; hw_w_raw(w, e, 6); }
        else hw_w_raw(w, (const char *)&c, 1); /* UTF-8 bytes pass through */
    }
}

/* A JSON string value. */
static inline void hw_w_string_n(hw_writer *w, const char *s, hw_i32 n) {
    hw_w__sep(w);
    hw_w_char(w, '"');
    hw_w_escaped(w, s, n);
    hw_w_char(w, '"');
}
static inline void hw_w_string(hw_writer *w, const char *s) { hw_w_string_n(w, s, hw_strlen(s)); }

/* "key": (the value follows with any hw_w_* value call). */
static inline void hw_w_key(hw_writer *w, const char *key) {
    hw_w_string(w, key);
    hw_w_char(w, ':');
    w->comma = 0;
}

/* Already-valid JSON text as a value (e.g. what json_get returned). */
static inline void hw_w_json(hw_writer *w, const char *json, hw_i32 n) {
    hw_w__sep(w);
    hw_w_raw(w, json, n);
}

static inline void hw_w_begin(hw_writer *w, char open) { hw_w__sep(w); hw_w_char(w, open); w->comma = 0; }
static inline void hw_w_end(hw_writer *w, char close) { hw_w_char(w, close); w->comma = 1; }
static inline void hw_w_bool(hw_writer *w, int b) { hw_w__sep(w); hw_w_str(w, b ? "true" : "false"); }

/* Digits of an integer (no separator): shared by hw_w_int and hw_w_number. */
HW_OUTLINE void hw_w__digits(hw_writer *w, hw_i64 v) {
    char tmp[24];
    int n = 0;
    hw_u64 u = v < 0 ? (hw_u64)0 - (hw_u64)v : (hw_u64)v;
    do { tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[sizeof tmp - 1 - n++] = '-';
    hw_w_raw(w, tmp + sizeof tmp - n, n);
}

static inline void hw_w_int(hw_writer *w, hw_i64 v) { hw_w__sep(w); hw_w__digits(w, v); }

/* Text of a number with at most `decimals` (0-6) digits after the point, trailing zeros dropped: 3.2, 12, -0.5.
 * Not a value by itself (no separator), so messages can use it too. NaN and infinities, which JSON cannot
 * hold, become 0; magnitudes past 2^63 are clamped. */
HW_OUTLINE void hw_w_fixed(hw_writer *w, double v, int decimals) {
    if (v != v || v > 9.2e18 || v < -9.2e18) v = v != v ? 0 : v > 0 ? 9.2e18 : -9.2e18;
    hw_i64 scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    int neg = v < 0;
    double a = neg ? -v : v;
    hw_u64 scaled = (hw_u64)(a * (double)scale + 0.5);
    hw_u64 ip = scaled / (hw_u64)scale, fp = scaled % (hw_u64)scale;
    if (neg && scaled) hw_w_char(w, '-');
    hw_w__digits(w, (hw_i64)ip);
    if (fp) {
        char d[8];
        int n = decimals;
        for (int i = decimals - 1; i >= 0; i--) { d[i] = (char)('0' + fp % 10); fp /= 10; }
        while (n > 0 && d[n - 1] == '0') n--;
        hw_w_char(w, '.');
        hw_w_raw(w, d, n);
    }
}

/* A number value with up to 3 decimals (enough for milliseconds with microsecond resolution). */
static inline void hw_w_number(hw_writer *w, double v) { hw_w__sep(w); hw_w_fixed(w, v, 3); }

/* Sends the writer's text as the verdict. Returns set_result's answer (0 or HW_EINVAL). */
static inline hw_i32 hw_w_set_result(hw_writer *w) {
    return w->failed ? HW_ETOOLARGE : hw_set_result(w->buf, w->len);
}

/* Opens a verdict and writes its required part: {"success":..,"message":"..". Add "metrics"/"data" keys after
 * it, then finish with hw_w_verdict_send. */
static inline void hw_w_verdict_head(hw_writer *w, int success, const char *message, hw_i32 message_len) {
    hw_w_begin(w, '{');
    hw_w_key(w, "success");
    hw_w_bool(w, success);
    hw_w_key(w, "message");
    hw_w_string_n(w, message, message_len);
}

/* Closes the verdict opened by hw_w_verdict_head and sends it. Returns 0 (hw_probe's "verdict reported") or 1. */
static inline hw_i32 hw_w_verdict_send(hw_writer *w) {
    hw_w_end(w, '}');
    return hw_w_set_result(w) == 0 ? 0 : 1;
}

/* The common verdict without metrics: {"success":..,"message":".."}. Returns 0 (hw_probe's "verdict reported"). */
static inline hw_i32 hw_verdict(int success, const char *message) {
    hw_writer w = {0};
    hw_w_verdict_head(&w, success, message, hw_strlen(message));
    return hw_w_verdict_send(&w);
}


/* ---- HTTP conveniences ---- */
/* Starts a GET of `url_json`, a JSON string literal such as json_get returns for a config's "url": it goes into
 * the request JSON as it is, so the probe never decodes or re-escapes a URL. timeout_ms <= 0 leaves the
 * timeout to the grant. Returns the handle (> 0) or an error code. */
static inline hw_i32 hw_http_get(const char *url_json, hw_i32 url_len, hw_i32 timeout_ms) {
    hw_writer req = {0};
    hw_w_begin(&req, '{');
    hw_w_key(&req, "method");
    hw_w_string(&req, "GET");
    hw_w_key(&req, "url");
    hw_w_json(&req, url_json, url_len);
    if (timeout_ms > 0) {
        hw_w_key(&req, "timeoutMs");
        hw_w_int(&req, timeout_ms);
    }
    hw_w_end(&req, '}');
    return req.failed ? HW_ETOOLARGE : hw_http_send(req.buf, req.len);
}

/* The total time of a finished request (timings.totalMs of its metadata), or 0 if unknown. */
static inline double hw_http_latency_ms(hw_i32 handle) {
    hw_str meta = hw_response(handle);
    return meta.len > 0 ? hw_json_number(meta.ptr, meta.len, "timings.totalMs", 0) : 0;
}

#endif
