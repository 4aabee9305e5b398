/* multi-request: GET several URLs at once.
 * config: {"urls": ["http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b"], "timeoutMs": 5000}
 * verdict: success iff every response is 2xx; metrics requests, ok, max_latency_ms, and per request
 *   status_<i> and latency_ms_<i> (status 0 when the request failed); data {"errors": {"<i>": "..."}}.
 * grants: http (every URL's host:port). At most 32 URLs; the host's in-flight limit may refuse some
 *   (HW_ELIMIT), which then count as failures.
 *
 * All requests are sent before any is waited for, so they run in parallel on the host and the probe takes
 * about as long as the slowest one. */
#include "healthwatch.h"

#define MAX_URLS 32

/* "urls[<i>]" into buf. */
static const char *index_path(char *buf, hw_i32 cap, const char *prefix, hw_i32 i, const char *suffix) {
    hw_writer w = {buf, 0, cap, 0, 0};
    hw_w_str(&w, prefix);
    hw_w__digits(&w, i);
    hw_w_str(&w, suffix);
    return w.buf; /* buf unless it overflowed onto the heap */
}

HW_EXPORT(hw_probe) hw_i32 hw_probe(const char *config, hw_i32 config_len) {
    hw_i32 timeout_ms = (hw_i32)hw_json_number(config, config_len, "timeoutMs", 0);
    hw_i32 handles[MAX_URLS];
    hw_i32 count = 0;
    char path[48];
    for (; count < MAX_URLS; count++) {
        hw_str url = hw_json_raw(config, config_len, index_path(path, sizeof path, "urls[", count, "]"));
        if (url.len < 0) break;
        handles[count] = hw_http_get(url.ptr, url.len, timeout_ms);
    }
    if (count == 0) return hw_verdict(0, "config: \"urls\" needs at least one URL");

    hw_writer metrics = {0}, errors = {0};
    hw_i32 ok = 0;
    double max_latency = 0;
    hw_w_begin(&metrics, '{');
    hw_w_begin(&errors, '{');
    for (hw_i32 i = 0; i < count; i++) {
        hw_i32 h = handles[i];
        hw_i32 status = h < 0 ? h : hw_http_wait(h, -1);
        double latency = status >= 0 ? hw_http_latency_ms(h) : 0;
        if (h > 0) hw_http_close(h);
        if (status >= 200 && status < 300) ok++;
        if (latency > max_latency) max_latency = latency;
        if (status < 0) {
            hw_w_key(&errors, index_path(path, sizeof path, "", i, ""));
            hw_w_string(&errors, hw_strerror(status));
        }
        hw_w_key(&metrics, index_path(path, sizeof path, "status_", i, ""));
        hw_w_int(&metrics, status < 0 ? 0 : status);
        hw_w_key(&metrics, index_path(path, sizeof path, "latency_ms_", i, ""));
        hw_w_number(&metrics, latency);
    }
    hw_w_key(&metrics, "requests");
    hw_w_int(&metrics, count);
    hw_w_key(&metrics, "ok");
    hw_w_int(&metrics, ok);
    hw_w_key(&metrics, "max_latency_ms");
    hw_w_number(&metrics, max_latency);
    hw_w_end(&metrics, '}');
    hw_w_end(&errors, '}');

    hw_writer m = {0};
    hw_w__digits(&m, ok);
    hw_w_char(&m, '/');
    hw_w__digits(&m, count);
    hw_w_str(&m, " responses 2xx, slowest ");
    hw_w_fixed(&m, max_latency, 1);
    hw_w_str(&m, " ms");

    hw_writer v = {0};
    hw_w_verdict_head(&v, ok == count, m.buf, m.len);
    hw_w_key(&v, "metrics");
    hw_w_json(&v, metrics.buf, metrics.len);
    hw_w_key(&v, "data");
    hw_w_begin(&v, '{');
    hw_w_key(&v, "errors");
    hw_w_json(&v, errors.buf, errors.len);
    hw_w_end(&v, '}');
    return hw_w_verdict_send(&v);
}
