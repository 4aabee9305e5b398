#!/usr/bin/env node
// Runs every sample and hostile probe under run.mjs (the JavaScript stand-in for the host) against a local
// HTTP server and TCP listener on 127.0.0.1, and checks each outcome. Each probe runs in its own node process,
// so a hostile one (an infinite loop) can be killed by a timeout without taking this process down.
//   node samples/probes/test-harness/selftest.mjs      -> one line per case, then "N passed, N failed"
import http from 'node:http';
import net from 'node:net';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const probes = path.resolve(here, '..');
const runner = path.join(here, 'run.mjs');

const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  if (u.pathname === '/ok') return res.end('ok');
  if (u.pathname.startsWith('/status/')) { res.statusCode = Number(u.pathname.slice(8)); return res.end(); }
  if (u.pathname === '/json') { res.setHeader('content-type', 'application/json'); return res.end('{"data": {"state": "ok", "count": 3, "items": [1, 2, {"a": "x y"}], "k.e.y": true}}'); }
  if (u.pathname === '/html') { res.setHeader('content-type', 'text/html'); return res.end('<!doctype html>\n<html><head><title>Service OK</title></head><body>colour: blue; version 1.20.3; file.txt</body></html>'); }
  if (u.pathname === '/bigjson') return res.end(JSON.stringify({ items: Array.from({ length: 600 }, (_, i) => i) }));
  if (u.pathname === '/big') return res.end('x'.repeat(100000) + 'NEEDLE');
  if (u.pathname === '/slow') return setTimeout(() => res.end('slow'), 300);
  res.statusCode = 404; res.end('not found');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const tcp = net.createServer((s) => s.end());
await new Promise((r) => tcp.listen(0, '127.0.0.1', r));
const tcpPort = tcp.address().port;
// a port with nothing listening: bind one, note it, close it
const closed = net.createServer();
await new Promise((r) => closed.listen(0, '127.0.0.1', r));
const closedPort = closed.address().port;
await new Promise((r) => closed.close(r));

const base = `http://127.0.0.1:${port}`;
const httpGrant = { http: { allow: [`127.0.0.1:${port}`] } };
const everything = { ...httpGrant, log: {}, clock: {}, random: {}, env: {}, dns: {}, tcp: { allow: [`127.0.0.1:${tcpPort}`, `127.0.0.1:${closedPort}`] } };

function run(wasm, config, grants, { timeoutMs = 20000, nodeFlags = [] } = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeFlags, runner, path.join(probes, wasm), JSON.stringify(config), JSON.stringify(grants)],
      { timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout) => {
        if (err && err.killed) return resolve({ killed: true });
        try { resolve(JSON.parse(stdout)); } catch { resolve({ crashed: String(err ?? stdout).slice(0, 300) }); }
      });
  });
}

const ok = (r) => r.verdict?.success === true;
const notOk = (r) => r.verdict?.success === false;
const msg = (re) => (r) => re.test(r.verdict?.message ?? '');
const err = (kind, re = /./) => (r) => r.error?.kind === kind && re.test(r.error.message);
const all = (...ps) => (r) => ps.every((p) => p(r));

const cases = [];
for (const hs of ['http-status.wasm', 'http-status-as.wasm']) {
  cases.push(
    [hs, 'status 200', { url: `${base}/ok` }, httpGrant, all(ok, msg(/^200 OK in \d+(\.\d)? ms$/), (r) => r.verdict.metrics.status === 200 && r.verdict.metrics.latency_ms >= 0)],
    [hs, 'status 503 vs 200', { url: `${base}/status/503`, expectStatus: 200 }, httpGrant, all(notOk, msg(/^503, expected 200, in/), (r) => r.verdict.metrics.status === 503)],
    [hs, 'expect 404', { url: `${base}/nope`, expectStatus: 404 }, httpGrant, all(ok, msg(/^404 OK/))],
    [hs, 'escaped url in config', JSON.parse(`{"url": "http:\\/\\/127.0.0.1:${port}\\/o\\u006b"}`), httpGrant, ok],
    [hs, 'host not in grant', { url: 'http://127.0.0.1:1/ok' }, httpGrant, all(notOk, msg(/not allowed/))],
    [hs, 'connection refused', { url: `http://127.0.0.1:${closedPort}/` }, { http: { allow: [`127.0.0.1:${closedPort}`] } }, all(notOk, msg(/network error/))],
    [hs, 'no http grant', { url: `${base}/ok` }, {}, err('capabilityNotGranted', /^Capability not granted: http$/)],
    [hs, 'missing url', {}, httpGrant, all(notOk, msg(/url/))],
  );
}
for (const ja of ['json-assert.wasm', 'json-assert-as.wasm']) {
  cases.push(
    [ja, 'string equals', { url: `${base}/json`, path: 'data.state', equals: 'ok' }, httpGrant, all(ok, msg(/^data.state is "ok"$/))],
    [ja, 'array equals (whitespace differs)', { url: `${base}/json`, path: '$.data.items', equals: [1, 2, { a: 'x y' }] }, httpGrant, ok],
    [ja, 'quoted key', { url: `${base}/json`, path: 'data["k.e.y"]', equals: true }, httpGrant, ok],
    [ja, 'number differs', { url: `${base}/json`, path: 'data.count', equals: 4 }, httpGrant, all(notOk, msg(/is 3, expected 4/))],
    [ja, 'missing path', { url: `${base}/json`, path: 'data.nope', equals: 1 }, httpGrant, all(notOk, msg(/missing/))],
    [ja, 'value over 1 KiB (second fetch)', { url: `${base}/bigjson`, path: 'items', equals: Array.from({ length: 600 }, (_, i) => i) }, httpGrant, all(ok, msg(/\.\.\.$/))],
    [ja, 'body not JSON', { url: `${base}/html`, path: 'a', equals: 1 }, httpGrant, all(notOk, msg(/not JSON/))],
  );
}
const bm = (pattern, expect) => ['body-match.wasm', `pattern ${JSON.stringify(pattern)}`, { url: `${base}/html`, pattern }, httpGrant, expect ? all(ok, (r) => r.verdict.metrics.body_bytes > 100) : notOk];
cases.push(
  bm('<title>[^<]*OK', true), bm('^<!doctype', true), bm('^<html', false), bm('colou?r: [a-z]+;', true), bm('version [0-9]+\\.[0-9]+\\.[0-9]+', true),
  bm('version 1\\.2\\.', false), bm('file\\.txt</body></html>$', true), bm('html>$x', false), bm('b.dy', true), bm('[A-Z][a-z]+ OK', true), bm('[^a-z<>/ !]+', true),
  bm('color', false), bm('x*y*z*', true),
  ['body-match.wasm', 'needle after 100 KB', { url: `${base}/big`, pattern: 'x+NEEDLE$' }, httpGrant, all(ok, (r) => r.verdict.metrics.body_bytes === 100006)],
  ['dns-resolve.wasm', 'localhost', { name: 'localhost' }, { dns: {} }, all(ok, msg(/^localhost -> /), (r) => r.verdict.metrics.addresses >= 1)],
  ['dns-resolve.wasm', 'localhost is 127.0.0.1', { name: 'localhost', expectAddress: '127.0.0.1' }, { dns: {} }, all(ok, msg(/-> 127\.0\.0\.1/))],
  ['dns-resolve.wasm', 'localhost is not 10.9.9.9', { name: 'localhost', expectAddress: '10.9.9.9' }, { dns: {} }, all(notOk, msg(/none is "10\.9\.9\.9"/))],
  ['dns-resolve.wasm', 'no dns grant', { name: 'localhost' }, {}, err('capabilityNotGranted', /dns$/)],
  ['tcp-connect.wasm', 'open port', { host: '127.0.0.1', port: tcpPort }, everything, all(ok, msg(/open in/), (r) => r.verdict.metrics.connect_ms >= 0)],
  ['tcp-connect.wasm', 'closed port', { host: '127.0.0.1', port: closedPort }, everything, all(notOk, msg(/network error/))],
  ['tcp-connect.wasm', 'bad port', { host: '127.0.0.1', port: 70000 }, everything, notOk],
  ['multi-request.wasm', 'three 2xx', { urls: [`${base}/ok`, `${base}/json`, `${base}/slow`] }, httpGrant,
    all(ok, msg(/^3\/3 responses 2xx, slowest/), (r) => r.verdict.metrics.requests === 3 && r.verdict.metrics.max_latency_ms >= 250 && r.verdict.metrics.status_2 === 200)],
  ['multi-request.wasm', 'one 500, one refused', { urls: [`${base}/ok`, `${base}/status/500`, 'http://127.0.0.1:1/'] }, httpGrant,
    all(notOk, msg(/^1\/3/), (r) => r.verdict.metrics.status_1 === 500 && r.verdict.metrics.status_2 === 0 && r.verdict.data.errors['2'] === 'not allowed by the grant')],
  ['multi-request.wasm', 'parallel, not serial', { urls: Array(4).fill(`${base}/slow`) }, httpGrant, all(ok, (r) => r.verdict.metrics.max_latency_ms < 1000)],
  ['wasi-hello.wasm', 'printf becomes log lines', { name: 'probe "quoted"' }, { log: {} },
    all(ok, msg(/said hello to probe "quoted"/), (r) => r.logs.some((l) => l.level === 2 && l.text === 'hello, probe "quoted", from wasi-libc'))],
  ['wasi-hello.wasm', 'no log grant', {}, {}, err('capabilityNotGranted', /^Capability not granted: log$/)],
  ['hostile/infinite-loop.wasm', 'killed by the timeout', {}, everything, (r) => r.killed === true, { timeoutMs: 3000 }],
  ['hostile/deep-recursion.wasm', 'trap', {}, everything, err('trap')],
  ['hostile/deep-recursion-large-frames.wasm', 'trap', {}, everything, err('trap')],
  // node cannot limit a module's memory per run; V8's page cap plays the host's memory limit here
  ['hostile/memory-bomb.wasm', 'grow stops at the limit', {}, everything, all(ok, msg(/^memory exhausted at 1024 pages$/)), { nodeFlags: ['--wasm-max-mem-pages=1024'] }],
  ['hostile/log-flood.wasm', 'log capped', {}, everything, all(ok, (r) => r.logs.length === 1001 && r.hostCalls === 1000001)],
  ['hostile/filesystem-import.wasm', 'refused', {}, everything, err('capabilityNotGranted', /^Capability not granted: filesystem$/)],
  ['hostile/no-verdict.wasm', 'noVerdict', {}, everything, err('noVerdict')],
  ['hostile/bad-verdict.wasm', 'invalidVerdict', {}, everything, err('invalidVerdict')],
  ['hostile/verdict-out-of-bounds.wasm', 'both ranges refused', {}, everything, all(ok, msg(/refused both/))],
  ['hostile/trap.wasm', 'trap', {}, everything, err('trap')],
  ['hostile/unknown-import.wasm', 'refused', {}, everything, err('unknownImport', /env\.foo/)],
);

let passed = 0, failed = 0;
for (const [wasm, name, config, grants, check, opts] of cases) {
  const r = await run(wasm, config, grants, opts);
  let good = false;
  try { good = check(r); } catch { good = false; }
  if (good) passed++; else failed++;
  const shown = r.verdict ? JSON.stringify(r.verdict) : r.error ? `${r.error.kind}: ${r.error.message}` : JSON.stringify(r).slice(0, 200);
  console.log(`${good ? 'ok  ' : 'FAIL'} ${wasm} / ${name}: ${shown.slice(0, 160)}`);
}
server.close(); tcp.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
