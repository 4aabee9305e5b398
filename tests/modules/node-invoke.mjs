// Runs module exports under node's WebAssembly and prints the results as JSON (the format of expected.json).
// Usage: node node-invoke.mjs <cases.json>
// cases.json is [{ "module": "c/fib.wasm", "export": "fib", "args": ["20"] }, ...], modules relative to it.
// Arguments use healthwatch's syntax: integers in decimal or 0x hex, floats in decimal, nan, inf, -inf.
// Each result is { type, value } with value as healthwatch prints integers (signed decimal); floats also carry
// "bits" (the IEEE 754 pattern in hex), which is what the tests compare, since JS and .NET print floats differently.
// A trap gives { "trap": "<node's message>" } instead of results.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VALTYPES = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref' };

// Reads just enough of the binary format to know each exported function's parameter and result types:
// the JS API does not expose them, and i64 needs BigInt while floats need their type to be printed.
function exportSignatures(bytes) {
  let pos = 8;
  const u32 = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[pos++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  };
  const name = () => {
    const length = u32();
    const text = new TextDecoder().decode(bytes.subarray(pos, pos + length));
    pos += length;
    return text;
  };
  const vec = (item) => Array.from({ length: u32() }, item);
  const limits = () => { const flags = u32(); u32(); if (flags & 1) u32(); };
  const types = [], functions = [], exports = new Map();
  while (pos < bytes.length) {
    const id = bytes[pos++], size = u32(), end = pos + size;
    if (id === 1) {
      types.push(...vec(() => {
        pos++; // 0x60
        return { params: vec(() => VALTYPES[bytes[pos++]]), results: vec(() => VALTYPES[bytes[pos++]]) };
      }));
    } else if (id === 2) {
      vec(() => {
        name(); name();
        const kind = bytes[pos++];
        if (kind === 0) functions.push(u32());
        else if (kind === 1) { pos++; limits(); }
        else if (kind === 2) limits();
        else pos += 2;
      });
    } else if (id === 3) {
      functions.push(...vec(u32));
    } else if (id === 7) {
      vec(() => {
        const exportName = name(), kind = bytes[pos++], index = u32();
        if (kind === 0) exports.set(exportName, types[functions[index]]);
      });
    }
    pos = end;
  }
  return exports;
}

function parseArg(type, text) {
  if (type === 'i32') return Number(BigInt.asIntN(32, BigInt(text)));
  if (type === 'i64') return BigInt.asIntN(64, BigInt(text));
  const special = { nan: NaN, '-nan': NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity }[text.toLowerCase()];
  const value = special ?? Number(text);
  if (text.trim() === '' || (Number.isNaN(value) && special === undefined)) throw new Error(`bad ${type} argument '${text}'`);
  return type === 'f32' ? Math.fround(value) : value;
}

function formatResult(type, value) {
  if (type === 'i32' || type === 'i64') return { type, value: String(value) };
  const view = new DataView(new ArrayBuffer(8));
  let bits;
  if (type === 'f32') {
    view.setFloat32(0, value);
    bits = '0x' + view.getUint32(0).toString(16).padStart(8, '0');
  } else {
    view.setFloat64(0, value);
    bits = '0x' + view.getBigUint64(0).toString(16).padStart(16, '0');
  }
  return { type, value: Object.is(value, -0) ? '-0' : String(value), bits };
}

const casesPath = process.argv[2];
const cases = JSON.parse(readFileSync(casesPath, 'utf8'));
const compiled = new Map();
const output = [];
for (const c of cases) {
  if (!compiled.has(c.module)) {
    const bytes = readFileSync(join(dirname(casesPath), c.module));
    compiled.set(c.module, { module: await WebAssembly.compile(bytes), signatures: exportSignatures(bytes) });
  }
  const { module, signatures } = compiled.get(c.module);
  const signature = signatures.get(c.export);
  if (!signature) throw new Error(`${c.module} has no function export '${c.export}'`);
  // A fresh instance per case, as healthwatch invoke has.
  const { exports } = await WebAssembly.instantiate(module, {});
  const args = c.args.map((text, i) => parseArg(signature.params[i], text));
  const entry = { module: c.module, export: c.export, args: c.args };
  try {
    const returned = exports[c.export](...args);
    const values = signature.results.length === 1 ? [returned] : signature.results.length === 0 ? [] : returned;
    entry.results = signature.results.map((type, i) => formatResult(type, values[i]));
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    entry.trap = `${e.name}: ${e.message}`;
  }
  output.push(entry);
}
process.stdout.write(JSON.stringify(output, null, 2) + '\n');
