/* invalid-utf8: hands the host invalid UTF-8 everywhere a string crosses the boundary, and reads what the host
 * answers about a server that sends invalid UTF-8 back.
 * config: {"url": "http://127.0.0.1:8080/bad-utf8", "badVerdict": false}
 *   url: a server whose response has invalid UTF-8 in a header value and in its body; badVerdict: when true the
 *   verdict's own message is invalid UTF-8 (and nothing else is tried).
 * verdict: success, with one metric per attempt holding the host function's return value, so a test sees what
 *   each call gave (HW_EINVAL expected for every string the probe sends; the host must never trap):
 *   method, url_host, header_name, header_value, body (http_send), dns (dns_resolve), tcp (tcp_connect),
 *   env (env_get key), json_doc (json_get over a document with a bad string), json_path (json_get, bad path),
 *   status (http_wait on the bad server), response_status (json_get "status" over http_response: the host's
 *   metadata JSON must stay valid), body_json (http_body_json over the bad body). Also logs an invalid line.
 * grants: log, env, http (the url's host:port and bad.test), dns and tcp (bad.test). */
#include "healthwatch.h"

#define BAD "\xff\xfe\xc3(\xed\xa0\x80" /* a stray byte, a cut-off sequence, an encoded surrogate */
#define LEN(s) ((hw_i32)sizeof(s) - 1)

/* http_send of `{"method":..,"url":..}` plus `extra` (raw JSON members, maybe with bad bytes); the request JSON
 * is made here byte by byte, since the point is to send the host what a JSON encoder never would. */
static hw_i32 send_raw(const char *method, hw_i32 method_len, const char *url, hw_i32 url_len, const char *extra, hw_i32 extra_len) {
    hw_writer w = {0};
    hw_w_str(&w, "{\"method\":\"");
    hw_w_raw(&w, method, method_len);
    hw_w_str(&w, "\",\"url\":");
    hw_w_raw(&w, url, url_len);
    hw_w_raw(&w, extra, extra_len);
    hw_w_char(&w, '}');
    hw_i32 handle = hw_http_send(w.buf, w.len);
    if (handle > 0) {
        hw_i32 status = hw_http_wait(handle, -1);
        hw_http_close(handle);
        return status;
    }
    return handle;
}

static void metric(hw_writer *v, const char *name, hw_i32 value) {
    hw_w_key(v, name);
    hw_w_int(v, value);
}

HW_EXPORT(hw_probe) hw_i32 hw_probe(const char *config, hw_i32 config_len) {
    if (hw_json_raw(config, config_len, "badVerdict").len == 4) { /* true */
        static const char verdict[] = "{\"success\":true,\"message\":\"" BAD "\"}";
        hw_set_result(verdict, LEN(verdict));
        return 0;
    }
    hw_str url = hw_json_raw(config, config_len, "url");
    if (url.len < 0) return hw_verdict(0, "config: \"url\" is missing");

    static const char line[] = "a log line with " BAD " in it";
    hw_log(HW_INFO, line, LEN(line));

    static const char bad_host_url[] = "\"http://" BAD ".test/\"";
    static const char header_name[] = ",\"headers\":{\"X-" BAD "\":\"v\"}";
    static const char header_value[] = ",\"headers\":{\"X-Ok\":\"" BAD "\"}";
    static const char body[] = ",\"body\":\"" BAD "\"";
    static const char name[] = BAD ".test";
    static const char doc[] = "{\"a\":\"" BAD "\"}";
    static const char good_doc[] = "{\"a\":1}";
    static const char path[] = "a" BAD;
    char out[64];

    hw_writer v = {0};
    hw_w_verdict_head(&v, 1, "every call answered", LEN("every call answered"));
    hw_w_key(&v, "metrics");
    hw_w_begin(&v, '{');
    metric(&v, "method", send_raw("G" BAD, LEN("G" BAD), url.ptr, url.len, "", 0));
    metric(&v, "url_host", send_raw("GET", 3, bad_host_url, LEN(bad_host_url), "", 0));
    metric(&v, "header_name", send_raw("GET", 3, url.ptr, url.len, header_name, LEN(header_name)));
    metric(&v, "header_value", send_raw("GET", 3, url.ptr, url.len, header_value, LEN(header_value)));
    metric(&v, "body", send_raw("POST", 4, url.ptr, url.len, body, LEN(body)));
    metric(&v, "dns", hw_dns_resolve(name, LEN(name), out, sizeof out));
    metric(&v, "tcp", hw_tcp_connect(name, LEN(name), 80, 1000));
    metric(&v, "env", hw_env_get(name, LEN(name), out, sizeof out));
    metric(&v, "json_doc", hw_json_get(doc, LEN(doc), "a", 1, out, sizeof out));
    metric(&v, "json_path", hw_json_get(good_doc, LEN(good_doc), path, LEN(path), out, sizeof out));

    hw_i32 handle = hw_http_get(url.ptr, url.len, 0);
    hw_i32 status = handle > 0 ? hw_http_wait(handle, -1) : handle;
    metric(&v, "status", status);
    hw_str meta = status >= 0 ? hw_response(handle) : (hw_str){0, status};
    metric(&v, "response_status", meta.len >= 0 ? (hw_i32)hw_json_number(meta.ptr, meta.len, "status", HW_EINVAL) : meta.len);
    metric(&v, "body_json", status >= 0 ? hw_http_body_json(handle, "a", 1, out, sizeof out) : status);
    hw_w_end(&v, '}');
    return hw_w_verdict_send(&v);
}
