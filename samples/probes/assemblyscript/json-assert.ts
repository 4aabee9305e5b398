// json-assert (AssemblyScript): the same probe as ../json-assert.c.
// config: {"url": "...", "path": "data.state", "equals": <any JSON>, "timeoutMs": 5000}
// verdict: success iff the body's value at `path` equals `equals` (compared as JSON text made by the host,
//   whitespace outside strings ignored); metrics status, latency_ms.
// grants: http.
import { Config, HW_EINVAL, HW_ENOTFOUND, Metrics, bodyJson, errorText, httpClose, httpGet, httpWait, lastError, latencyMs, setResult } from "./healthwatch";
export { hw_alloc } from "./healthwatch";

// JSON text without the whitespace outside string literals.
function compact(json: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c == 0x5C && i + 1 < json.length) { out += json.substring(i, i + 2); i++; continue; }
      if (c == 0x22) inString = false;
    } else if (c == 0x22) inString = true;
    else if (c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D) continue;
    out += String.fromCharCode(c);
  }
  return out;
}

function clip(s: string): string { return s.length <= 120 ? s : s.substring(0, 117) + "..."; }

export function hw_probe(configPtr: usize, configLen: i32): i32 {
  const config = new Config(configPtr, configLen);
  const url = config.string("url");
  const path = config.string("path");
  const expected = config.raw("equals");
  if (url === null || path === null || expected === null) return setResult(false, 'config: "url", "path" and "equals" are required');

  const handle = httpGet(url, <i32>config.number("timeoutMs", 0));
  const status = handle < 0 ? handle : httpWait(handle);
  if (status < 0) return setResult(false, "request failed: " + errorText(status));
  const latency = latencyMs(handle);
  const actual = bodyJson(handle, path);
  const error = lastError;
  httpClose(handle);

  let success = false;
  let message: string;
  if (actual === null) {
    message = error == HW_ENOTFOUND ? path + " is missing"
      : error == HW_EINVAL ? path + ": the body is not JSON (or the path is malformed)"
      : path + ": " + errorText(error);
  } else {
    const a = compact(actual), e = compact(expected);
    success = a == e;
    message = path + " is " + clip(a) + (success ? "" : ", expected " + clip(e));
  }
  return setResult(success, message, new Metrics().set("status", status).set("latency_ms", latency));
}
