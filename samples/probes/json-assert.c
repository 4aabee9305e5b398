/* json-assert: GET a JSON document and check the value at a path.
 * config: {"url": "http://127.0.0.1:8080/status", "path": "data.state", "equals": "ok", "timeoutMs": 5000}
 *   "equals" is any JSON value (string, number, object, ...); timeoutMs is optional.
 * verdict: success iff the value at `path` of the response body equals `equals`; metrics status, latency_ms.
 * grants: http.
 *
 * The body never enters guest memory: http_body_json evaluates the path on the host and hands back only the
 * value's JSON text. "equals" comes back through json_get the same way, so both sides are JSON text made by
 * the same host; the comparison also drops whitespace outside strings in case the host returns the text as
 * it was written rather than re-serialised. */
#include "healthwatch.h"

/* Removes JSON whitespace outside string literals, in place. Returns the new length. */
static hw_i32 strip_json_space(char *s, hw_i32 n) {
    hw_i32 o = 0;
    int in_string = 0;
    for (hw_i32 i = 0; i < n; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\' && i + 1 < n) { s[o++] = c; c = s[++i]; }
            else if (c == '"') in_string = 0;
        } else if (c == '"') in_string = 1;
        else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        s[o++] = c;
    }
    return o;
}

/* Appends at most 120 bytes of JSON text to a message, so a huge value cannot bloat the verdict. */
static void append_clipped(hw_writer *m, const char *s, hw_i32 n) {
    if (n <= 120) { hw_w_raw(m, s, n); return; }
    hw_w_raw(m, s, 117);
    hw_w_str(m, "...");
}

HW_EXPORT(hw_probe) hw_i32 hw_probe(const char *config, hw_i32 config_len) {
    hw_str url = hw_json_raw(config, config_len, "url");
    hw_str path = hw_json_string(config, config_len, "path");
    hw_str expected = hw_json_raw(config, config_len, "equals");
    if (url.len < 0 || path.len < 0 || expected.len < 0) return hw_verdict(0, "config: \"url\", \"path\" and \"equals\" are required");
    hw_i32 timeout_ms = (hw_i32)hw_json_number(config, config_len, "timeoutMs", 0);

    hw_i32 handle = hw_http_get(url.ptr, url.len, timeout_ms);
    hw_i32 status = handle < 0 ? handle : hw_http_wait(handle, -1);
    if (status < 0) {
        hw_writer m = {0};
        hw_w_str(&m, "request failed: ");
        hw_w_str(&m, hw_strerror(status));
        return hw_verdict(0, m.buf);
    }
    double latency = hw_http_latency_ms(handle);
    hw_str actual = hw_body_json(handle, path.ptr);
    hw_http_close(handle);

    hw_writer m = {0};
    int success = 0;
    hw_w_str(&m, path.ptr);
    if (actual.len == HW_ENOTFOUND) hw_w_str(&m, " is missing");
    else if (actual.len == HW_EINVAL) hw_w_str(&m, ": the body is not JSON (or the path is malformed)");
    else if (actual.len < 0) { hw_w_str(&m, ": "); hw_w_str(&m, hw_strerror(actual.len)); }
    else {
        hw_i32 an = strip_json_space(actual.ptr, actual.len);
        hw_i32 en = strip_json_space(expected.ptr, expected.len);
        success = an == en && hw_mem_eq(actual.ptr, expected.ptr, an);
        hw_w_str(&m, " is ");
        append_clipped(&m, actual.ptr, an);
        if (!success) { hw_w_str(&m, ", expected "); append_clipped(&m, expected.ptr, en); }
    }

    hw_writer v = {0};
    hw_w_verdict_head(&v, success, m.buf, m.len);
    hw_w_key(&v, "metrics");
    hw_w_begin(&v, '{');
    hw_w_key(&v, "status");
    hw_w_int(&v, status);
    hw_w_key(&v, "latency_ms");
    hw_w_number(&v, latency);
    hw_w_end(&v, '}');
    return hw_w_verdict_send(&v);
}
