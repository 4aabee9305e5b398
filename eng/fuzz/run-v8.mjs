// Runs every exported function of a binaryen -ttf module under node's WebAssembly (V8) and prints a trace that
// eng/fuzz/HealthWatch.Fuzz compares line for line with the managed engine's (same format, same order):
//   call NAME / log TYPE BITS / result TYPE:BITS ... or trap / memory HASH / end   (or `load error`, `link error`)
// HASH is a hash of the exported memory after the call, so that a wrong store shows where it happens.
// Values are printed as their bit patterns in hex; any NaN prints as `nan`, since NaN payloads are
// nondeterministic in the spec. Each export is called with zero arguments after hangLimitInitializer (when the
// module has one), which resets binaryen's hang budget so every call ends.
// Usage: node run-v8.mjs module.wasm
import { readFileSync } from 'node:fs';

const TYPES = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref' };
const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);

function bits(type, value) {
  switch (type) {
    case 'i32': return (value >>> 0).toString(16);
    case 'i64': return BigInt.asUintN(64, value).toString(16);
    case 'f32': if (Number.isNaN(value)) return 'nan'; f32[0] = value; return u32[0].toString(16);
    case 'f64': if (Number.isNaN(value)) return 'nan'; f64[0] = value; return u64[0].toString(16);
    default: return value === null ? 'null' : 'ref';
  }
}

// FNV-1a over 32-bit little-endian words (a memory is whole 64 KiB pages), fast enough for every call.
function hashMemory(buffer) {
  const words = new Int32Array(buffer);
  let hash = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 0x01000193);
  return (hash >>> 0).toString(16);
}

// The JS API does not expose function types: read the type, import, function and export sections.
function exportTypes(bytes) {
  let pos = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do { byte = bytes[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return result;
  };
  const skipName = () => { const n = leb(); pos += n; };
  const name = () => { const n = leb(); const s = new TextDecoder().decode(bytes.subarray(pos, pos + n)); pos += n; return s; };
  const limits = () => { const flags = leb(); leb(); if (flags & 1) leb(); };
  const types = [], funcs = [], result = new Map();
  while (pos < bytes.length) {
    const id = bytes[pos++], size = leb(), end = pos + size;
    if (id === 1) {
      for (let n = leb(); n > 0; n--) {
        pos++;
        const params = Array.from({ length: leb() }, () => TYPES[bytes[pos++]]);
        const results = Array.from({ length: leb() }, () => TYPES[bytes[pos++]]);
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        skipName(); skipName();
        const kind = bytes[pos++];
        if (kind === 0) funcs.push(leb());
        else if (kind === 1) { pos++; limits(); }
        else if (kind === 2) limits();
        else pos += 2;
      }
    } else if (id === 3) {
      for (let n = leb(); n > 0; n--) funcs.push(leb());
    } else if (id === 7) {
      for (let n = leb(); n > 0; n--) {
        const exportName = name(), kind = bytes[pos++], index = leb();
        if (kind === 0) result.set(exportName, types[funcs[index]]);
      }
    }
    pos = end;
  }
  return result;
}

const out = [];
const print = (line) => out.push(line);
const bytes = readFileSync(process.argv[2]);
const log = (type) => (value) => print(`log ${type} ${bits(type, value)}`);
const imports = {
  'fuzzing-support': { 'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64') },
};
let instance;
try {
  instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
} catch (e) {
  print(e instanceof WebAssembly.LinkError ? 'link error' : e instanceof WebAssembly.RuntimeError ? 'trap' : 'load error');
}
if (instance) {
  const exports = instance.exports;
  for (const [name, type] of exportTypes(bytes)) {
    print(`call ${name}`);
    try {
      exports.hangLimitInitializer?.();
      const args = type.params.map((p) => (p === 'i64' ? 0n : p === 'funcref' || p === 'externref' ? null : 0));
      const value = exports[name](...args);
      const values = type.results.length === 1 ? [value] : type.results.length === 0 ? [] : value;
      print(['result', ...type.results.map((t, i) => `${t}:${bits(t, values[i])}`)].join(' '));
    } catch (e) {
      // Any exception out of wasm is a trap here, including V8's stack overflow (a RangeError).
      print('trap');
    }
    if (exports.memory instanceof WebAssembly.Memory) print(`memory ${hashMemory(exports.memory.buffer)}`);
  }
}
print('end');
process.stdout.write(out.join('\n') + '\n');
