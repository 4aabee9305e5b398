// The harness's I/O thread. The probe runs synchronously on the main thread (host calls must return a value
// at once), so every network operation happens here and its result goes back over a MessagePort that the main
// thread reads with receiveMessageOnPort, after a wake-up through Atomics.notify on a shared counter.
import { workerData, parentPort } from 'node:worker_threads';
import http from 'node:http';
import net from 'node:net';
import dns from 'node:dns';

const { port, signal } = workerData;
const wake = new Int32Array(signal);

function reply(message) {
  port.postMessage(message);
  Atomics.add(wake, 0, 1);
  Atomics.notify(wake, 0);
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (x) => Math.round(x * 1000) / 1000;

function doHttp({ id, req, maxResponseBytes }) {
  const t0 = process.hrtime.bigint();
  const timings = { dnsMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 0, totalMs: 0 };
  let url;
  try { url = new URL(req.url); } catch { return reply({ id, error: -2, reason: 'bad url' }); }
  if (url.protocol !== 'http:') return reply({ id, error: -2, reason: 'the harness speaks plain http only' });
  const r = http.request(url, { method: req.method ?? 'GET', headers: req.headers ?? {}, timeout: req.timeoutMs ?? 5000 }, (res) => {
    timings.firstByteMs = round(ms(t0));
    const chunks = [];
    let size = 0, tooLarge = false;
    res.on('data', (c) => {
      size += c.length;
      if (size > maxResponseBytes) { tooLarge = true; res.destroy(); return; }
      chunks.push(c);
    });
    res.on('close', () => {
      if (tooLarge) return reply({ id, error: -5, reason: 'response too large' });
      timings.totalMs = round(ms(t0));
      const body = Buffer.concat(chunks);
      const headers = {};
      for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      reply({ id, status: res.statusCode, body, meta: { status: res.statusCode, url: req.url, redirects: 0, headers, bodyBytes: body.length, truncated: false, timings } });
    });
  });
  r.on('socket', (s) => {
    s.on('lookup', () => { timings.dnsMs = round(ms(t0)); });
    s.on('connect', () => { timings.connectMs = round(ms(t0) - timings.dnsMs); });
  });
  r.on('timeout', () => { r.destroy(); reply({ id, error: -3, reason: 'request timed out' }); });
  r.on('error', (e) => { if (!r.destroyed || e.code) reply({ id, error: -4, reason: e.message }); });
  if (req.body !== undefined) r.write(req.body);
  r.end();
}

function doDns({ id, name }) {
  const t0 = process.hrtime.bigint();
  dns.lookup(name, { all: true }, (err, addrs) => {
    if (err) return reply({ id, error: -4, reason: err.message });
    reply({ id, json: JSON.stringify({ addresses: addrs.map((a) => a.address), durationMs: round(ms(t0)) }) });
  });
}

function doTcp({ id, host, port: p, timeoutMs }) {
  const t0 = process.hrtime.bigint();
  const s = net.connect({ host, port: p });
  const timer = setTimeout(() => { s.destroy(); reply({ id, error: -3, reason: 'connect timed out' }); }, timeoutMs > 0 ? timeoutMs : 5000);
  s.on('connect', () => { clearTimeout(timer); const us = Math.min(2 ** 31 - 1, Math.round(ms(t0) * 1000)); s.destroy(); reply({ id, value: us }); });
  s.on('error', (e) => { clearTimeout(timer); reply({ id, error: -4, reason: e.message }); });
}

parentPort.on('message', (m) => {
  if (m.op === 'http') doHttp(m);
  else if (m.op === 'dns') doDns(m);
  else if (m.op === 'tcp') doTcp(m);
});
