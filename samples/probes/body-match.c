/* body-match: GET a URL and search its body for a pattern.
 * config: {"url": "http://127.0.0.1:8080/", "pattern": "<title>[^<]*OK", "timeoutMs": 5000}
 * verdict: success iff the pattern matches somewhere in the body (status is not checked: use http-status for
 *   that); metrics status, latency_ms, body_bytes.
 * grants: http (and maxResponseBytes large enough for the body).
 *
 * Pattern subset (a tiny backtracking matcher, bytes not code points, no groups or alternation):
 *   c      a literal byte        \c   c literally (\. \* \[ \\ ...)
 *   .      any byte but \n       [abc] [a-z0-9] [^...]  a class (\] and \\ inside for literals)
 *   x*  x+  x?   zero-or-more / one-or-more / optional, greedy, after any of the above
 *   ^  $   start / end of the body (only at the pattern's start / end)
 * Backtracking can be slow on pathological patterns; the probe's fuel limit bounds it. */
#include "healthwatch.h"

typedef struct { const char *p, *end; } pattern;

/* Length of the atom at p: a byte, an escape or a class. */
static hw_i32 atom_len(const char *p, const char *end) {
    if (*p == '\\') return p + 1 < end ? 2 : 1;
    if (*p != '[') return 1;
    const char *q = p + 1;
    if (q < end && *q == '^') q++;
    if (q < end && *q == ']') q++; /* a ']' first in a class is a literal */
    while (q < end && *q != ']') q += (*q == '\\' && q + 1 < end) ? 2 : 1;
    return (hw_i32)(q - p) + (q < end ? 1 : 0);
}

/* Whether the atom (p, n) matches byte c. */
static int atom_matches(const char *p, hw_i32 n, char c) {
    if (*p == '\\') return n > 1 ? p[1] == c : c == '\\';
    if (*p == '.') return c != '\n';
    if (*p != '[') return *p == c;
    const char *q = p + 1, *end = p + n - 1; /* between the brackets */
    int negate = q < end && *q == '^', hit = 0;
    if (negate) q++;
    for (int first = 1; q < end; first = 0) {
        char lo = *q;
        if (lo == '\\' && q + 1 < end) lo = *++q;
        else if (lo == ']' && !first) break;
        q++;
        char hi = lo;
        if (q + 1 < end && *q == '-') { hi = q[1]; q += 2; if (hi == '\\' && q < end) hi = *q++; }
        if ((hw_u8)c >= (hw_u8)lo && (hw_u8)c <= (hw_u8)hi) hit = 1;
    }
    return hit != negate;
}

/* Does the pattern (p..pe) match the text at s (s..se)? */
static int match_here(const char *p, const char *pe, const char *s, const char *se) {
    for (;;) {
        if (p == pe) return 1;
        if (*p == '$' && p + 1 == pe) return s == se;
        hw_i32 n = atom_len(p, pe);
        char q = p + n < pe ? p[n] : 0;
        if (q == '*' || q == '+' || q == '?') {
            /* greedy: take as many as allowed, then give back one at a time */
            const char *t = s, *rest = p + n + 1;
            hw_i32 max = q == '?' ? 1 : 0x7fffffff, count = 0;
            while (t < se && count < max && atom_matches(p, n, *t)) { t++; count++; }
            for (hw_i32 min = q == '+' ? 1 : 0; count >= min; count--, t--)
                if (match_here(rest, pe, t, se)) return 1;
            return 0;
        }
        if (s == se || !atom_matches(p, n, *s)) return 0;
        p += n;
        s++;
    }
}

static int search(const char *p, hw_i32 pn, const char *s, hw_i32 sn) {
    const char *pe = p + pn, *se = s + sn;
    if (pn > 0 && *p == '^') return match_here(p + 1, pe, s, se);
    for (const char *t = s;; t++) {
        if (match_here(p, pe, t, se)) return 1;
        if (t == se) return 0;
    }
}

HW_EXPORT(hw_probe) hw_i32 hw_probe(const char *config, hw_i32 config_len) {
    hw_str url = hw_json_raw(config, config_len, "url");
    hw_str pat = hw_json_string(config, config_len, "pattern");
    if (url.len < 0 || pat.len < 0) return hw_verdict(0, "config: \"url\" and \"pattern\" are required");
    hw_i32 timeout_ms = (hw_i32)hw_json_number(config, config_len, "timeoutMs", 0);

    hw_i32 handle = hw_http_get(url.ptr, url.len, timeout_ms);
    hw_i32 status = handle < 0 ? handle : hw_http_wait(handle, -1);
    if (status < 0) {
        hw_writer m = {0};
        hw_w_str(&m, "request failed: ");
        hw_w_str(&m, hw_strerror(status));
        return hw_verdict(0, m.buf);
    }
    hw_str meta = hw_response(handle);
    double latency = meta.len > 0 ? hw_json_number(meta.ptr, meta.len, "timings.totalMs", 0) : 0;
    hw_i32 size = meta.len > 0 ? (hw_i32)hw_json_number(meta.ptr, meta.len, "bodyBytes", 0) : 0;

    /* The whole body in one buffer: its size is known from the metadata, and http_body copies from an offset,
     * so loop until it returns 0 (or the buffer is full). */
    char *body = (char *)hw_bump((hw_u32)size + 1);
    if (!body) { hw_http_close(handle); return hw_verdict(0, "body does not fit in memory"); }
    hw_i32 have = 0;
    while (have < size) {
        hw_i32 n = hw_http_body(handle, have, body + have, size - have);
        if (n <= 0) break;
        have += n;
    }
    hw_http_close(handle);

    int found = search(pat.ptr, pat.len, body, have);
    hw_writer m = {0};
    hw_w_str(&m, found ? "found " : "not found: ");
    hw_w_raw(&m, pat.ptr, pat.len < 80 ? pat.len : 80);
    hw_w_str(&m, " in ");
    hw_w__digits(&m, have);
    hw_w_str(&m, " bytes");

    hw_writer v = {0};
    hw_w_verdict_head(&v, found, m.buf, m.len);
    hw_w_key(&v, "metrics");
    hw_w_begin(&v, '{');
    hw_w_key(&v, "status");
    hw_w_int(&v, status);
    hw_w_key(&v, "latency_ms");
    hw_w_number(&v, latency);
    hw_w_key(&v, "body_bytes");
    hw_w_int(&v, have);
    hw_w_end(&v, '}');
    return hw_w_verdict_send(&v);
}
