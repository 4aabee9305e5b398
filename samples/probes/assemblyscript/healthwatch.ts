// healthwatch.ts: guest-side helpers for HealthWatch probes written in AssemblyScript 0.28 (Probe ABI v1,
// docs/probe-abi.md).
//
// A probe's entry file re-exports hw_alloc and exports its own hw_probe:
//
//   import { Config, httpGet, httpWait, setResult, Metrics } from "./healthwatch";
//   export { hw_alloc } from "./healthwatch";
//   export function hw_probe(configPtr: usize, configLen: i32): i32 { const config = new Config(configPtr, configLen); ... }
//
// Build flags (eng/build-probes.sh): --runtime stub (a bump allocator with no GC: a probe runs once and is
// thrown away) and --use abort=healthwatch/hwAbort, because AssemblyScript's default abort is an import of
// env.abort, and the host refuses any import outside the ABI. Only the imports a probe calls end up in its
// .wasm, and each needs its capability granted (see the table in the ABI doc).
//
// Strings: AssemblyScript strings are UTF-16; everything crossing the boundary is UTF-8, so the wrappers
// encode and decode.

// ---- error codes ----
export const HW_ENOTALLOWED: i32 = -1;
export const HW_EINVAL: i32 = -2;
export const HW_ETIMEDOUT: i32 = -3;
export const HW_ENETWORK: i32 = -4;
export const HW_ETOOLARGE: i32 = -5;
export const HW_ENOTFOUND: i32 = -6;
export const HW_ELIMIT: i32 = -7;
export const HW_EBADHANDLE: i32 = -8;

export enum LogLevel { Trace = 0, Debug = 1, Info = 2, Warning = 3, Error = 4 }

export function errorText(code: i32): string {
  switch (code) {
    case HW_ENOTALLOWED: return "not allowed by the grant";
    case HW_EINVAL: return "invalid argument";
    case HW_ETIMEDOUT: return "timed out";
    case HW_ENETWORK: return "network error";
    case HW_ETOOLARGE: return "too large";
    case HW_ENOTFOUND: return "not found";
    case HW_ELIMIT: return "probe limit reached";
    case HW_EBADHANDLE: return "bad handle";
  }
  return code < 0 ? "unknown error" : "ok";
}

// ---- raw imports: module "healthwatch" ----
@external("healthwatch", "set_result") declare function hw_set_result(ptr: usize, len: i32): i32;
@external("healthwatch", "log") declare function hw_log(level: i32, ptr: usize, len: i32): void;
@external("healthwatch", "clock_now_ms") declare function hw_clock_now_ms(): i64;
@external("healthwatch", "clock_monotonic_ns") declare function hw_clock_monotonic_ns(): i64;
@external("healthwatch", "random_fill") declare function hw_random_fill(ptr: usize, len: i32): i32;
@external("healthwatch", "env_get") declare function hw_env_get(keyPtr: usize, keyLen: i32, outPtr: usize, outCap: i32): i32;
@external("healthwatch", "json_get")
declare function hw_json_get(jsonPtr: usize, jsonLen: i32, pathPtr: usize, pathLen: i32, outPtr: usize, outCap: i32): i32;
@external("healthwatch", "http_send") declare function hw_http_send(reqPtr: usize, reqLen: i32): i32;
@external("healthwatch", "http_wait") declare function hw_http_wait(handle: i32, timeoutMs: i32): i32;
@external("healthwatch", "http_response") declare function hw_http_response(handle: i32, outPtr: usize, outCap: i32): i32;
@external("healthwatch", "http_body") declare function hw_http_body(handle: i32, offset: i32, outPtr: usize, outCap: i32): i32;
@external("healthwatch", "http_body_json")
declare function hw_http_body_json(handle: i32, pathPtr: usize, pathLen: i32, outPtr: usize, outCap: i32): i32;
@external("healthwatch", "http_close") declare function hw_http_close(handle: i32): i32;
@external("healthwatch", "dns_resolve") declare function hw_dns_resolve(namePtr: usize, nameLen: i32, outPtr: usize, outCap: i32): i32;
@external("healthwatch", "tcp_connect") declare function hw_tcp_connect(hostPtr: usize, hostLen: i32, port: i32, timeoutMs: i32): i32;

// ---- ABI export ----
// The host calls hw_alloc once, before hw_probe, for the config. heap.alloc is the runtime's raw allocator
// (with --runtime stub, a bump pointer that grows memory as needed). Returns 0 on failure, as the ABI asks,
// rather than aborting.
export function hw_alloc(size: i32): usize {
  if (size < 0 || <u32>size > 0x3FFF0000) return 0;
  return heap.alloc(<usize>size);
}

// Replacement for AssemblyScript's env.abort (selected with --use abort=healthwatch/hwAbort): reports the
// failed assertion as the verdict (set_result needs no grant), then traps.
export function hwAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  let text = "abort: " + (message !== null ? message : "(no message)");
  if (fileName !== null) text += " at " + fileName + ":" + line.toString() + ":" + column.toString();
  const verdict = '{"success":false,"message":' + jsonString(text) + "}";
  const bytes = String.UTF8.encode(verdict);
  hw_set_result(changetype<usize>(bytes), bytes.byteLength);
  unreachable();
}

// ---- UTF-8 helpers ----
function utf8(s: string): ArrayBuffer { return String.UTF8.encode(s); }
function ptrOf(b: ArrayBuffer): usize { return changetype<usize>(b); }

// Calls a host function that fills (out, cap) and returns the full length: a 1 KiB try, then another with an
// exact buffer if the answer was longer. Returns the text, or null with lastError set.
export let lastError: i32 = 0;
type Fill = (out: usize, cap: i32) => i32;
let fillA: i32 = 0; // closures are not supported, so the few arguments a Fill needs travel in globals
let fillB: usize = 0;
let fillC: i32 = 0;
let fillD: usize = 0;
function fetchText(fill: Fill): string | null {
  let cap = 1024;
  for (let attempt = 0; attempt < 4; attempt++) { // the answer may change between calls (dns_resolve asks again)
    const buf = heap.alloc(<usize>cap);
    const n = fill(buf, cap);
    if (n < 0) { lastError = n; return null; }
    if (n <= cap) { lastError = 0; return String.UTF8.decodeUnsafe(buf, <usize>n); }
    cap = n;
  }
  lastError = HW_ETOOLARGE;
  return null;
}

// ---- JSON ----
// A JSON string literal for `s`, with the escapes JSON requires.
export function jsonString(s: string): string {
  let out = '"';
  let run = 0; // start of the current stretch that needs no escaping
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | null = null;
    if (c == 0x22) esc = '\\"';
    else if (c == 0x5C) esc = "\\\\";
    else if (c == 0x0A) esc = "\\n";
    else if (c == 0x0D) esc = "\\r";
    else if (c == 0x09) esc = "\\t";
    else if (c < 0x20) esc = "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    if (esc !== null) {
      out += s.substring(run, i) + esc;
      run = i + 1;
    }
  }
  return out + s.substring(run) + '"';
}

// A JSON number: integers without a fraction, others with up to 3 decimals; NaN and infinities become 0.
export function jsonNumber(v: f64): string {
  if (!isFinite(v)) return "0";
  const r = Math.round(v * 1000) / 1000;
  if (r == Math.floor(r) && Math.abs(r) < 9e15) return (<i64>r).toString();
  return r.toString();
}

// Decodes a JSON string literal (as json_get returns it) to a string; null if it is not one.
export function jsonUnquote(text: string): string | null {
  if (text.length < 2 || text.charCodeAt(0) != 0x22 || text.charCodeAt(text.length - 1) != 0x22) return null;
  let out = "";
  let run = 1;
  const end = text.length - 1;
  for (let i = 1; i < end; i++) {
    if (text.charCodeAt(i) != 0x5C) continue;
    out += text.substring(run, i);
    const e = text.charCodeAt(++i);
    if (e == 0x6E) out += "\n";
    else if (e == 0x74) out += "\t";
    else if (e == 0x72) out += "\r";
    else if (e == 0x62) out += "\b";
    else if (e == 0x66) out += "\f";
    else if (e == 0x75) { // \uXXXX: UTF-16 code units, which is what AssemblyScript strings hold anyway
      out += String.fromCharCode(<i32>I32.parseInt(text.substring(i + 1, i + 5), 16));
      i += 4;
    } else out += String.fromCharCode(e); // \" \\ \/
    run = i + 1;
  }
  return out + text.substring(run, end);
}

// The JSON text at `path` in the JSON at (ptr, len), evaluated by the host; null (lastError set) if absent.
export function jsonGetRaw(ptr: usize, len: i32, path: string): string | null {
  const p = utf8(path);
  fillB = ptr; fillA = len; fillD = ptrOf(p); fillC = p.byteLength;
  return fetchText((out: usize, cap: i32): i32 => hw_json_get(fillB, fillA, fillD, fillC, out, cap));
}

// The same over JSON text held in an AssemblyScript string.
export function jsonGet(json: string, path: string): string | null {
  const j = utf8(json);
  return jsonGetRaw(ptrOf(j), j.byteLength, path);
}

// Typed access to the config JSON the host passed to hw_probe.
export class Config {
  constructor(public ptr: usize, public len: i32) {}
  // The value's JSON text (strings keep their quotes), or null.
  raw(path: string): string | null { return jsonGetRaw(this.ptr, this.len, path); }
  string(path: string, fallback: string | null = null): string | null {
    const r = this.raw(path);
    if (r === null) return fallback;
    const s = jsonUnquote(r);
    return s !== null ? s : fallback;
  }
  number(path: string, fallback: f64): f64 {
    const r = this.raw(path);
    if (r === null) return fallback;
    const v = parseFloat(r);
    return isNaN(v) ? fallback : v;
  }
}

// ---- logging ----
// Needs the `log` grant.
export function log(level: LogLevel, message: string): void {
  const b = utf8(message);
  hw_log(<i32>level, ptrOf(b), b.byteLength);
}

// ---- HTTP (needs the `http` grant) ----
// Starts a request from its JSON (see the ABI doc); returns a handle > 0 or an error code.
export function httpSend(requestJson: string): i32 {
  const b = utf8(requestJson);
  return hw_http_send(ptrOf(b), b.byteLength);
}

// Starts a GET; timeoutMs <= 0 leaves the timeout to the grant. Returns a handle > 0 or an error code.
export function httpGet(url: string, timeoutMs: i32 = 0): i32 {
  let req = '{"method":"GET","url":' + jsonString(url);
  if (timeoutMs > 0) req += ',"timeoutMs":' + timeoutMs.toString();
  return httpSend(req + "}");
}

// Waits for a request (-1: until its own timeout). Returns the HTTP status or an error code.
export function httpWait(handle: i32, timeoutMs: i32 = -1): i32 { return hw_http_wait(handle, timeoutMs); }

export function httpClose(handle: i32): i32 { return hw_http_close(handle); }

// The response metadata JSON ({"status":..,"headers":{..},"timings":{..},..}), or null.
export function httpResponse(handle: i32): string | null {
  fillA = handle;
  return fetchText((out: usize, cap: i32): i32 => hw_http_response(fillA, out, cap));
}

// The HTTP status of a finished request, from its metadata; an error code if unavailable.
export function status(handle: i32): i32 {
  const meta = httpResponse(handle);
  if (meta === null) return lastError;
  const s = jsonGet(meta, "status");
  return s !== null ? I32.parseInt(s) : lastError;
}

// The total time of a finished request in milliseconds (timings.totalMs), or 0.
export function latencyMs(handle: i32): f64 {
  const meta = httpResponse(handle);
  if (meta === null) return 0;
  const t = jsonGet(meta, "timings.totalMs");
  return t !== null ? parseFloat(t) : 0;
}

// The JSON text at `path` of the response body, evaluated on the host (the body stays there); null with
// lastError (HW_ENOTFOUND, HW_EINVAL for a body that is not JSON, ...) otherwise.
export function bodyJson(handle: i32, path: string): string | null {
  const p = utf8(path);
  fillA = handle; fillD = ptrOf(p); fillC = p.byteLength;
  return fetchText((out: usize, cap: i32): i32 => hw_http_body_json(fillA, fillD, fillC, out, cap));
}

// The whole body as text (UTF-8 decoded), read with http_body; null on error.
export function bodyText(handle: i32): string | null {
  let cap = 4096, have = 0;
  let buf = heap.alloc(<usize>cap);
  for (;;) {
    const n = hw_http_body(handle, have, buf + <usize>have, cap - have);
    if (n < 0) { lastError = n; return null; }
    if (n == 0) break;
    have += n;
    if (have == cap) { // full: double the buffer and keep reading
      const bigger = heap.alloc(<usize>cap * 2);
      memory.copy(bigger, buf, <usize>have);
      buf = bigger;
      cap *= 2;
    }
  }
  return String.UTF8.decodeUnsafe(buf, <usize>have);
}

// ---- DNS and TCP ----
// {"addresses":[..],"durationMs":..} or null (needs the `dns` grant).
export function dnsResolve(name: string): string | null {
  const n = utf8(name);
  fillD = ptrOf(n); fillC = n.byteLength;
  return fetchText((out: usize, cap: i32): i32 => hw_dns_resolve(fillD, fillC, out, cap));
}

// Connect time in microseconds, or an error code (needs the `tcp` grant).
export function tcpConnect(host: string, port: i32, timeoutMs: i32 = 5000): i32 {
  const h = utf8(host);
  return hw_tcp_connect(ptrOf(h), h.byteLength, port, timeoutMs);
}

// ---- the verdict ----
// Metric names and values, in the order added.
export class Metrics {
  names: string[] = [];
  values: f64[] = [];
  set(name: string, value: f64): Metrics { this.names.push(name); this.values.push(value); return this; }
  toJson(): string {
    let s = "{";
    for (let i = 0; i < this.names.length; i++) {
      if (i > 0) s += ",";
      s += jsonString(this.names[i]) + ":" + jsonNumber(this.values[i]);
    }
    return s + "}";
  }
}

// Reports the verdict. `dataJson`, if given, must be valid JSON text. Returns the value hw_probe should
// return: 0 when the host took the verdict.
export function setResult(success: bool, message: string, metrics: Metrics | null = null, dataJson: string | null = null): i32 {
  let v = '{"success":' + (success ? "true" : "false") + ',"message":' + jsonString(message);
  if (metrics !== null) v += ',"metrics":' + metrics.toJson();
  if (dataJson !== null) v += ',"data":' + dataJson;
  const b = utf8(v + "}");
  return hw_set_result(ptrOf(b), b.byteLength) == 0 ? 0 : 1;
}

// Rarely needed, but part of the ABI: clock (`clock` grant), random bytes (`random`), env values (`env`).
export function nowMs(): i64 { return hw_clock_now_ms(); }
export function monotonicNs(): i64 { return hw_clock_monotonic_ns(); }
export function randomBytes(n: i32): Uint8Array {
  const a = new Uint8Array(n);
  const rc = hw_random_fill(a.dataStart, n);
  if (rc < 0) lastError = rc;
  return a;
}
export function envGet(key: string): string | null {
  const k = utf8(key);
  fillD = ptrOf(k); fillC = k.byteLength;
  return fetchText((out: usize, cap: i32): i32 => hw_env_get(fillD, fillC, out, cap));
}
