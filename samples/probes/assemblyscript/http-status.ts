// http-status (AssemblyScript): the same probe as ../http-status.c, to prove the AssemblyScript toolchain.
// config: {"url": "http://127.0.0.1:8080/health", "expectStatus": 200, "timeoutMs": 5000}
// verdict: success iff the status matches; metrics status, latency_ms; message "200 OK in 3.2 ms".
// grants: http.
import { Config, Metrics, errorText, httpClose, httpGet, httpWait, latencyMs, setResult } from "./healthwatch";
export { hw_alloc } from "./healthwatch";

export function hw_probe(configPtr: usize, configLen: i32): i32 {
  const config = new Config(configPtr, configLen);
  const url = config.string("url");
  if (url === null) return setResult(false, 'config: "url" is missing');
  const expect = <i32>config.number("expectStatus", 200);

  const handle = httpGet(url, <i32>config.number("timeoutMs", 0));
  if (handle < 0) return setResult(false, "request refused: " + errorText(handle));
  const status = httpWait(handle);
  if (status < 0) {
    httpClose(handle);
    return setResult(false, "request failed: " + errorText(status));
  }
  const latency = latencyMs(handle);
  httpClose(handle);

  const ms = (Math.round(latency * 10) / 10).toString();
  const message = status == expect
    ? status.toString() + " OK in " + ms + " ms"
    : status.toString() + ", expected " + expect.toString() + ", in " + ms + " ms";
  return setResult(status == expect, message, new Metrics().set("status", status).set("latency_ms", latency));
}
