/* wasi-hello: a probe built with a WASI toolchain (clang --target=wasm32-wasi, wasi-libc) as a reactor.
 * config: {"name": "world"}   (optional)
 * It printf()s a greeting (stdout lines become info log lines) and reports a verdict.
 * grants: log (fd_write to stdout is the `log` capability).
 *
 * Why a reactor: a command's _start would run main and exit; a reactor exports _initialize (libc's
 * constructors, which the host calls once) and then our own hw_alloc / hw_probe.
 * Why fflush: wasi-libc buffers stdout (fully, unless fd_fdstat_get says it is a character device), and a
 * reactor never runs exit(), which is what would flush it. */
#include <stdio.h>
#include <stdlib.h>

/* malloc owns the heap here, so healthwatch.h's helpers (and its hw_alloc export) allocate with it. */
#define HW_BUMP_WITH_MALLOC
#include "healthwatch.h"

HW_EXPORT(hw_probe) int probe(const char *config, int config_len) {
    hw_str name = hw_json_string(config, config_len, "name");
    const char *who = name.len >= 0 ? name.ptr : "world";
    printf("hello, %s, from wasi-libc\n", who);
    printf("config was %d bytes\n", config_len);
    fflush(stdout);

    /* The message holds a config string, so it goes through hw_writer, which escapes it for JSON. */
    char text[128];
    snprintf(text, sizeof text, "said hello to %s", who);
    hw_writer v = {0};
    hw_w_verdict_head(&v, 1, text, hw_strlen(text));
    hw_w_key(&v, "metrics");
    hw_w_begin(&v, '{');
    hw_w_key(&v, "config_bytes");
    hw_w_int(&v, config_len);
    hw_w_end(&v, '}');
    return hw_w_verdict_send(&v);
}
