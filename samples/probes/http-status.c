/* http-status: GET a URL and check its status code.
 * config: {"url": "http://127.0.0.1:8080/health", "expectStatus": 200, "timeoutMs": 5000}
 *   expectStatus defaults to 200; timeoutMs is optional (the grant's timeout caps it anyway).
 * verdict: success iff the status matches; metrics status and latency_ms (the response's timings.totalMs);
 *   message "200 OK in 3.2 ms" or "503, expected 200, in 3.2 ms".
 * grants: http (the URL's host:port). */
#include "healthwatch.h"

HW_EXPORT(hw_probe) hw_i32 hw_probe(const char *config, hw_i32 config_len) {
    hw_str url = hw_json_raw(config, config_len, "url");
    if (url.len < 0) return hw_verdict(0, "config: \"url\" is missing");
    hw_i32 expect = (hw_i32)hw_json_number(config, config_len, "expectStatus", 200);
    hw_i32 timeout_ms = (hw_i32)hw_json_number(config, config_len, "timeoutMs", 0);

    hw_i32 handle = hw_http_get(url.ptr, url.len, timeout_ms);
    if (handle < 0) {
        hw_writer m = {0};
        hw_w_str(&m, "request refused: ");
        hw_w_str(&m, hw_strerror(handle));
        return hw_verdict(0, m.buf);
    }
    hw_i32 status = hw_http_wait(handle, -1); /* -1: until the request's own timeout */
    if (status < 0) {
        hw_writer m = {0};
        hw_w_str(&m, "request failed: ");
        hw_w_str(&m, hw_strerror(status));
        hw_http_close(handle);
        return hw_verdict(0, m.buf);
    }
    double latency = hw_http_latency_ms(handle);
    hw_http_close(handle);

    hw_writer m = {0};
    hw_w__digits(&m, status);
    if (status == expect) hw_w_str(&m, " OK");
    else { hw_w_str(&m, ", expected "); hw_w__digits(&m, expect); hw_w_char(&m, ','); }
    hw_w_str(&m, " in ");
    hw_w_fixed(&m, latency, 1);
    hw_w_str(&m, " ms");

    hw_writer v = {0};
    hw_w_verdict_head(&v, status == expect, m.buf, m.len);
    hw_w_key(&v, "metrics");
    hw_w_begin(&v, '{');
    hw_w_key(&v, "status");
    hw_w_int(&v, status);
    hw_w_key(&v, "latency_ms");
    hw_w_number(&v, latency);
    hw_w_end(&v, '}');
    return hw_w_verdict_send(&v);
}
