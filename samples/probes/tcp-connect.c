/* tcp-connect: check that a TCP port accepts connections.
 * config: {"host": "127.0.0.1", "port": 5432, "timeoutMs": 2000}   (timeoutMs is optional, default 5000)
 * verdict: success iff the connection opens; metrics connect_ms.
 * grants: tcp (that host and port). */
#include "healthwatch.h"

HW_EXPORT(hw_probe) hw_i32 hw_probe(const char *config, hw_i32 config_len) {
    hw_str host = hw_json_string(config, config_len, "host");
    double port = hw_json_number(config, config_len, "port", -1);
    if (host.len < 0 || port < 1 || port > 65535) return hw_verdict(0, "config: \"host\" and \"port\" (1-65535) are required");
    hw_i32 timeout_ms = (hw_i32)hw_json_number(config, config_len, "timeoutMs", 5000);

    hw_i32 us = hw_tcp_connect(host.ptr, host.len, (hw_i32)port, timeout_ms);

    hw_writer m = {0};
    hw_w_str(&m, host.ptr);
    hw_w_char(&m, ':');
    hw_w__digits(&m, (hw_i64)port);
    if (us >= 0) { hw_w_str(&m, " open in "); hw_w_fixed(&m, us / 1000.0, 1); hw_w_str(&m, " ms"); }
    else { hw_w_str(&m, ": "); hw_w_str(&m, hw_strerror(us)); }

    hw_writer v = {0};
    hw_w_verdict_head(&v, us >= 0, m.buf, m.len);
    if (us >= 0) {
        hw_w_key(&v, "metrics");
        hw_w_begin(&v, '{');
        hw_w_key(&v, "connect_ms");
        hw_w_number(&v, us / 1000.0);
        hw_w_end(&v, '}');
    }
    return hw_w_verdict_send(&v);
}
