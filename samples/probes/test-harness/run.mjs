#!/usr/bin/env node
// A stand-in for the HealthWatch host, for trying probes without .NET: implements Probe ABI v1
// (docs/probe-abi.md) in JavaScript closely enough to exercise a probe's logic. It is NOT the real host: no fuel,
// no memory limit, no address filtering beyond the grant's host:port list, plain http only.
//
//   node run.mjs <probe.wasm> '<config json>' ['<grants json>']
//   grants: {"http": {"allow": ["127.0.0.1:8080"]}, "dns": {"allow": [...]}, "tcp": {"allow": [...]}, "log": {}, "clock": {}, ...}
// Prints one JSON line: {"verdict": {...} | null, "error": {"kind", "message"} | null, "logs": [...], "hostCalls": n}
import fs from 'node:fs';
import { Worker, MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const HW = { ENOTALLOWED: -1, EINVAL: -2, ETIMEDOUT: -3, ENETWORK: -4, ETOOLARGE: -5, ENOTFOUND: -6, ELIMIT: -7, EBADHANDLE: -8 };
const MAX_LOGS = 1000, MAX_LOG_LINE = 4096, MAX_IN_FLIGHT = 16;

// Which capability each import needs (null: always allowed). Anything else is refused.
const HW_CAPS = {
  set_result: null, json_get: null, log: 'log', clock_now_ms: 'clock', clock_monotonic_ns: 'clock', random_fill: 'random',
  env_get: 'env', http_send: 'http', http_wait: 'http', http_response: 'http', http_body: 'http', http_body_json: 'http',
  http_close: 'http', dns_resolve: 'dns', tcp_connect: 'tcp',
};
const WASI_CAPS = {
  fd_write: 'log', clock_time_get: 'clock', clock_res_get: 'clock', random_get: 'random', args_sizes_get: null, args_get: null,
  environ_sizes_get: null, environ_get: null, proc_exit: null, fd_close: null, fd_fdstat_get: null, fd_seek: null,
};

class ProbeError extends Error { constructor(kind, message) { super(message); this.kind = kind; } }

export function capabilityOf(mod, name) {
  if (mod === 'healthwatch' && name in HW_CAPS) return HW_CAPS[name];
  if (mod === 'wasi_snapshot_preview1') return name in WASI_CAPS ? WASI_CAPS[name] : 'filesystem';
  return undefined;
}

// JSON path: a.b[0], $.a, ["key.with.dots"]. Returns undefined when the path does not exist.
export function jsonPath(value, path) {
  let i = 0;
  if (path.startsWith('$')) i = path[1] === '.' ? 2 : 1;
  while (i < path.length) {
    let key;
    if (path[i] === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw new ProbeError('path', 'unclosed [');
      const inner = path.slice(i + 1, end);
      key = inner.startsWith('"') ? JSON.parse(inner) : Number(inner);
      i = end + 1;
      if (path[i] === '.') i++;
    } else {
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      key = path.slice(i, end);
      i = path[end] === '.' ? end + 1 : end;
    }
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof key === 'number' ? !Array.isArray(value) : Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

export function runProbe(wasmBytes, configText, grants = {}) {
  const logs = [];
  let verdictText = null, hostCalls = 0, memory = null;
  const log = (level, text) => { if (logs.length < MAX_LOGS) logs.push({ level, text: text.slice(0, MAX_LOG_LINE) }); else if (logs.length === MAX_LOGS) logs.push({ level: 3, text: 'log limit reached; further lines dropped' }); };
  const fail = (code, reason) => { log(1, `host call failed (${code}): ${reason}`); return code; };

  const module = new WebAssembly.Module(wasmBytes);
  for (const imp of WebAssembly.Module.imports(module)) {
    const cap = capabilityOf(imp.module, imp.name);
    if (cap === undefined) throw new ProbeError('unknownImport', `Unknown import: ${imp.module}.${imp.name}`);
    if (cap !== null && !(cap in grants)) throw new ProbeError('capabilityNotGranted', `Capability not granted: ${cap}`);
  }

  // guest memory access; out-of-bounds ranges give HW_EINVAL, never a trap
  const inBounds = (p, n) => p >= 0 && n >= 0 && p + n <= memory.buffer.byteLength;
  const bytes = (p, n) => new Uint8Array(memory.buffer, p, n);
  const text = (p, n) => { if (!inBounds(p >>> 0, n)) throw new RangeError('oob'); return Buffer.from(bytes(p >>> 0, n)).toString('utf8'); };
  const give = (data, out, cap) => { // host -> guest: write min(n, cap), return n
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!inBounds(out >>> 0, cap)) return fail(HW.EINVAL, 'output buffer out of bounds');
    bytes(out >>> 0, Math.min(b.length, cap)).set(b.subarray(0, Math.min(b.length, cap)));
    return b.length;
  };
  const guarded = (fn) => (...args) => { hostCalls++; try { return fn(...args); } catch (e) { if (e instanceof RangeError) return fail(HW.EINVAL, 'buffer out of bounds'); throw e; } };

  // network worker (see net-worker.mjs)
  let worker = null, nextId = 1;
  const signal = new SharedArrayBuffer(4), wake = new Int32Array(signal);
  const channel = new MessageChannel(), results = new Map();
  const startWorker = () => {
    if (!worker) worker = new Worker(new URL('./net-worker.mjs', import.meta.url), { workerData: { port: channel.port2, signal }, transferList: [channel.port2] });
  };
  // a Buffer crosses the MessagePort as a plain Uint8Array; make it a Buffer again (for toString('utf8'))
  const asBuffer = (m) => { if (m.body) m.body = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.length); return m; };
  const pump = () => { let m; while ((m = receiveMessageOnPort(channel.port1))) results.set(m.message.id, asBuffer(m.message)); };
  const await_ = (id, timeoutMs) => {
    const deadline = timeoutMs < 0 ? Infinity : Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(wake, 0);
      pump();
      if (results.has(id)) return results.get(id);
      const left = deadline - Date.now();
      if (left <= 0) return null;
      Atomics.wait(wake, 0, seen, left === Infinity ? 30000 : left);
    }
  };
  const call = (msg) => { startWorker(); const id = nextId++; worker.postMessage({ ...msg, id }); return id; };

  const httpGrant = grants.http ?? {};
  const handles = new Map(); // handle -> {id, result}
  const getJsonAt = (jsonText, path) => {
    let doc;
    try { doc = JSON.parse(jsonText); } catch { return { code: fail(HW.EINVAL, 'malformed JSON') }; }
    let v;
    try { v = jsonPath(doc, path); } catch { return { code: fail(HW.EINVAL, 'malformed path') }; }
    if (v === undefined) return { code: fail(HW.ENOTFOUND, `no such path: ${path}`) };
    return { json: JSON.stringify(v) };
  };
  const finished = (h) => { const e = handles.get(h); if (!e) return null; if (!e.result) e.result = await_(e.id, 0); return e.result; };

  const healthwatch = {
    set_result: guarded((p, n) => { verdictText = text(p, n); return 0; }),
    log: guarded((level, p, n) => { log(level, text(p, n)); }),
    clock_now_ms: guarded(() => BigInt(Date.now())),
    clock_monotonic_ns: guarded(() => process.hrtime.bigint()),
    random_fill: guarded((p, n) => { if (!inBounds(p >>> 0, n)) return fail(HW.EINVAL, 'oob'); crypto.getRandomValues(bytes(p >>> 0, n)); return 0; }),
    env_get: guarded((kp, kn, out, cap) => { const v = (grants.env ?? {})[text(kp, kn)]; return v === undefined ? fail(HW.ENOTFOUND, 'no such variable') : give(v, out, cap); }),
    json_get: guarded((jp, jn, pp, pn, out, cap) => { const r = getJsonAt(text(jp, jn), text(pp, pn)); return r.json === undefined ? r.code : give(r.json, out, cap); }),
    http_send: guarded((p, n) => {
      let req;
      try { req = JSON.parse(text(p, n)); } catch { return fail(HW.EINVAL, 'malformed request JSON'); }
      if (typeof req.url !== 'string') return fail(HW.EINVAL, 'request has no url');
      let u; try { u = new URL(req.url); } catch { return fail(HW.EINVAL, 'malformed url'); }
      if (!(httpGrant.allow ?? []).includes(u.host)) return fail(HW.ENOTALLOWED, `${u.host} is not in the grant`);
      if ([...handles.values()].filter((e) => !e.result).length >= MAX_IN_FLIGHT) return fail(HW.ELIMIT, 'too many requests in flight');
      const h = handles.size + 1;
      handles.set(h, { id: call({ op: 'http', req, maxResponseBytes: httpGrant.maxResponseBytes ?? 1 << 20 }) });
      return h;
    }),
    http_wait: guarded((h, timeout) => {
      const e = handles.get(h);
      if (!e) return fail(HW.EBADHANDLE, 'no such handle');
      e.result ??= await_(e.id, timeout);
      if (!e.result) return HW.ETIMEDOUT;
      return e.result.error !== undefined ? fail(e.result.error, e.result.reason) : e.result.status;
    }),
    http_response: guarded((h, out, cap) => { const r = finished(h); if (!r) return fail(handles.has(h) ? HW.ETIMEDOUT : HW.EBADHANDLE, 'not finished'); return r.error ?? give(JSON.stringify(r.meta), out, cap); }),
    http_body: guarded((h, off, out, cap) => { const r = finished(h); if (!r) return fail(handles.has(h) ? HW.ETIMEDOUT : HW.EBADHANDLE, 'not finished'); if (r.error) return r.error; const part = r.body.subarray(Math.min(off, r.body.length), Math.min(off + cap, r.body.length)); return give(part, out, cap); }),
    http_body_json: guarded((h, pp, pn, out, cap) => { const r = finished(h); if (!r) return fail(handles.has(h) ? HW.ETIMEDOUT : HW.EBADHANDLE, 'not finished'); if (r.error) return r.error; const j = getJsonAt(r.body.toString('utf8'), text(pp, pn)); return j.json === undefined ? j.code : give(j.json, out, cap); }),
    http_close: guarded((h) => (handles.delete(h) ? 0 : fail(HW.EBADHANDLE, 'no such handle'))),
    dns_resolve: guarded((np, nn, out, cap) => { const r = await_(call({ op: 'dns', name: text(np, nn) }), 10000); if (!r) return fail(HW.ETIMEDOUT, 'dns timed out'); return r.error ? fail(r.error, r.reason) : give(r.json, out, cap); }),
    tcp_connect: guarded((hp, hn, port, timeout) => {
      const host = text(hp, hn);
      if (!(grants.tcp?.allow ?? []).includes(`${host}:${port}`)) return fail(HW.ENOTALLOWED, `${host}:${port} is not in the grant`);
      const r = await_(call({ op: 'tcp', host, port, timeoutMs: timeout }), timeout > 0 ? timeout + 1000 : 10000);
      if (!r) return fail(HW.ETIMEDOUT, 'connect timed out');
      return r.error ? fail(r.error, r.reason) : r.value;
    }),
  };

  // WASI: stdout/stderr lines become log lines; no files, no arguments.
  const lineBuf = { 1: '', 2: '' };
  const flushLines = (fd, final) => { const parts = lineBuf[fd].split('\n'); lineBuf[fd] = final ? '' : parts.pop(); for (const l of parts) if (l !== '' || !final) log(fd === 1 ? 2 : 3, l); };
  class Exit { constructor(code) { this.code = code; } }
  const dv = () => new DataView(memory.buffer);
  const wasi = {
    fd_write: guarded((fd, iovs, n, outp) => {
      if (fd !== 1 && fd !== 2) return 8; // EBADF
      let total = 0;
      for (let i = 0; i < n; i++) { const p = dv().getUint32(iovs + i * 8, true), l = dv().getUint32(iovs + i * 8 + 4, true); lineBuf[fd] += text(p, l); total += l; }
      flushLines(fd, false);
      dv().setUint32(outp, total, true);
      return 0;
    }),
    fd_close: guarded((fd) => (fd <= 2 ? 0 : 8)),
    fd_seek: guarded((fd) => (fd <= 2 ? 70 : 8)), // ESPIPE: stdio is not seekable
    fd_fdstat_get: guarded((fd, p) => { if (fd > 2) return 8; const d = dv(); d.setUint8(p, 2); d.setUint16(p + 2, 0, true); d.setBigUint64(p + 8, 0n, true); d.setBigUint64(p + 16, 0n, true); return 0; }),
    proc_exit: (code) => { throw new Exit(code); },
    args_sizes_get: guarded((a, b) => { dv().setUint32(a, 0, true); dv().setUint32(b, 0, true); return 0; }),
    args_get: guarded(() => 0),
    environ_sizes_get: guarded((a, b) => { dv().setUint32(a, 0, true); dv().setUint32(b, 0, true); return 0; }),
    environ_get: guarded(() => 0),
    clock_time_get: guarded((id, prec, p) => { dv().setBigUint64(p, id === 0 ? BigInt(Date.now()) * 1000000n : process.hrtime.bigint(), true); return 0; }),
    clock_res_get: guarded((id, p) => { dv().setBigUint64(p, 1000n, true); return 0; }),
    random_get: guarded((p, n) => { crypto.getRandomValues(bytes(p, n)); return 0; }),
  };

  let error = null, rc = null;
  try {
    const instance = new WebAssembly.Instance(module, { healthwatch, wasi_snapshot_preview1: wasi });
    const ex = instance.exports;
    memory = ex.memory;
    if (!(memory instanceof WebAssembly.Memory) || typeof ex.hw_alloc !== 'function' || typeof ex.hw_probe !== 'function') throw new ProbeError('abi', 'missing export memory/hw_alloc/hw_probe');
    if (ex._initialize) ex._initialize();
    const cfg = Buffer.from(configText, 'utf8');
    const p = ex.hw_alloc(cfg.length);
    if (!p || !inBounds(p >>> 0, cfg.length)) throw new ProbeError('abi', 'hw_alloc failed');
    bytes(p >>> 0, cfg.length).set(cfg);
    rc = ex.hw_probe(p, cfg.length);
  } catch (e) {
    if (e instanceof Exit) { if (e.code !== 0) error = { kind: 'exit', message: `proc_exit(${e.code})` }; }
    else if (e instanceof ProbeError) error = { kind: e.kind, message: e.message };
    else if (e instanceof WebAssembly.RuntimeError) error = { kind: 'trap', message: e.message };
    else if (e instanceof RangeError) error = { kind: 'trap', message: `stack exhausted: ${e.message}` };
    else throw e;
  } finally {
    flushLines(1, true); flushLines(2, true);
    worker?.terminate();
  }
  let verdict = null;
  if (!error) {
    if (verdictText === null) error = { kind: 'noVerdict', message: `hw_probe returned ${rc} without a verdict` };
    else {
      try { verdict = JSON.parse(verdictText); } catch { verdict = null; }
      const metricsOk = verdict && (verdict.metrics === undefined || (typeof verdict.metrics === 'object' && Object.values(verdict.metrics).every((v) => typeof v === 'number')));
      if (!verdict || typeof verdict.success !== 'boolean' || !metricsOk) { error = { kind: 'invalidVerdict', message: verdictText.slice(0, 200) }; verdict = null; }
    }
  }
  return { verdict, error, rc, logs, hostCalls };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasm, config = '{}', grants = '{}'] = process.argv.slice(2);
  if (!wasm) { console.error('usage: node run.mjs <probe.wasm> <config-json> [grants-json]'); process.exit(2); }
  let out;
  try { out = runProbe(fs.readFileSync(wasm), config, JSON.parse(grants)); } catch (e) {
    out = { verdict: null, error: { kind: e.kind ?? 'load', message: e.message }, logs: [], hostCalls: 0 };
  }
  console.log(JSON.stringify(out));
}
