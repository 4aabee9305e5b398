/* dns-resolve: resolve a name, optionally expecting one address among the answers.
 * config: {"name": "db.internal.example", "expectAddress": "10.0.0.5"}   (expectAddress is optional)
 * verdict: success iff the name resolves (and, with expectAddress, one of its addresses is that text);
 *   metrics addresses (how many) and duration_ms; data {"addresses": [...]} as the host returned them.
 * grants: dns. */
#include "healthwatch.h"

typedef struct { const char *name; hw_i32 len; } resolve_ctx;
static hw_i32 resolve_fill(void *c, void *out, hw_i32 cap) {
    resolve_ctx *x = (resolve_ctx *)c;
    return hw_dns_resolve(x->name, x->len, out, cap);
}

HW_EXPORT(hw_probe) hw_i32 hw_probe(const char *config, hw_i32 config_len) {
    hw_str name = hw_json_string(config, config_len, "name");
    if (name.len < 0) return hw_verdict(0, "config: \"name\" is required");
    /* Kept as JSON text: compared with the answer's address strings, which are JSON text too. */
    hw_str expect = hw_json_raw(config, config_len, "expectAddress");

    resolve_ctx ctx = {name.ptr, name.len};
    hw_str answer = hw_fetch(resolve_fill, &ctx);
    if (answer.len < 0) {
        hw_writer m = {0};
        hw_w_str(&m, name.ptr);
        hw_w_str(&m, ": ");
        hw_w_str(&m, hw_strerror(answer.len));
        return hw_verdict(0, m.buf);
    }
    double duration = hw_json_number(answer.ptr, answer.len, "durationMs", 0);

    /* Walk addresses[0], addresses[1], ... until json_get says there is no such index. */
    hw_i32 count = 0;
    int found = expect.len < 0; /* nothing expected: any answer will do */
    hw_str first = {0, -1};
    for (;; count++) {
        char path[32] = "addresses[";
        hw_writer p = {path, 10, sizeof path, 0, 0};
        hw_w__digits(&p, count);
        hw_w_char(&p, ']');
        hw_str a = hw_json_raw(answer.ptr, answer.len, p.buf);
        if (a.len < 0) break;
        if (count == 0) first = a;
        if (!found && a.len == expect.len && hw_mem_eq(a.ptr, expect.ptr, a.len)) found = 1;
    }
    int success = count > 0 && found;

    hw_writer m = {0};
    hw_w_str(&m, name.ptr);
    if (count == 0) hw_w_str(&m, " has no addresses");
    else {
        hw_w_str(&m, " -> ");
        if (expect.len >= 0 && found) hw_w_raw(&m, expect.ptr + 1, expect.len - 2);
        else hw_w_raw(&m, first.ptr + 1, first.len - 2); /* the quotes off: addresses need no unescaping */
        hw_w_str(&m, " (");
        hw_w__digits(&m, count);
        hw_w_str(&m, count == 1 ? " address" : " addresses");
        if (!found) { hw_w_str(&m, ", none is "); hw_w_raw(&m, expect.ptr, expect.len); }
        hw_w_str(&m, ") in ");
        hw_w_fixed(&m, duration, 1);
        hw_w_str(&m, " ms");
    }

    hw_writer v = {0};
    hw_w_verdict_head(&v, success, m.buf, m.len);
    hw_w_key(&v, "metrics");
    hw_w_begin(&v, '{');
    hw_w_key(&v, "addresses");
    hw_w_int(&v, count);
    hw_w_key(&v, "duration_ms");
    hw_w_number(&v, duration);
    hw_w_end(&v, '}');
    hw_str addresses = hw_json_raw(answer.ptr, answer.len, "addresses");
    if (addresses.len > 0) {
        hw_w_key(&v, "data");
        hw_w_begin(&v, '{');
        hw_w_key(&v, "addresses");
        hw_w_json(&v, addresses.ptr, addresses.len);
        hw_w_end(&v, '}');
    }
    return hw_w_verdict_send(&v);
}
