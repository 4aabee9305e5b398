// The V8 side of eng/bench.sh: what `healthwatch invoke <module> <export> <args> --repeat R --warmup W` does, under
// node's WebAssembly. Prints the results once on stdout and, last on stderr, the same line as healthwatch:
//   timing: compile_ms=X instantiate_ms=X first_call_ms=X median_call_ms=X
// Usage: node eng/bench-v8.mjs <module.wasm> <export> [args...] [--repeat R] [--warmup W]
// Arguments are decimal numbers, passed as JS numbers: enough for i32 and f64 parameters (i64 would need BigInt).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const positionals = [];
const options = { '--repeat': 1, '--warmup': 0 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] in options) {
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < (argv[i - 1] === '--repeat' ? 1 : 0)) throw new Error(`bad ${argv[i - 1]} '${argv[i]}'`);
    options[argv[i - 1]] = value;
  } else {
    positionals.push(argv[i]);
  }
}
const [path, exportName, ...args] = positionals;
const repeat = options['--repeat'], warmup = options['--warmup'];

const bytes = readFileSync(path);
let start = performance.now();
// Synchronous compile and instantiate, as healthwatch's LoadModule and Instantiate are: V8 compiles with its
// baseline compiler (Liftoff) here and tiers hot functions up to TurboFan in the background while calls run.
const module = new WebAssembly.Module(bytes);
const compile = performance.now() - start;
start = performance.now();
const instance = new WebAssembly.Instance(module, {});
const instantiate = performance.now() - start;

const fn = instance.exports[exportName];
if (typeof fn !== 'function') throw new Error(`no function export '${exportName}'`);
const values = args.map(Number);
const timed = [];
let first = 0, result;
for (let call = 0; call < warmup + repeat; call++) {
  start = performance.now();
  result = fn(...values);
  const elapsed = performance.now() - start;
  if (call === 0) first = elapsed;
  if (call >= warmup) timed.push(elapsed);
}

timed.sort((a, b) => a - b);
const middle = timed.length >> 1;
const median = timed.length % 2 ? timed[middle] : (timed[middle - 1] + timed[middle]) / 2;
const ms = (x) => x.toFixed(3);
console.log(String(result));
console.error(`timing: compile_ms=${ms(compile)} instantiate_ms=${ms(instantiate)} first_call_ms=${ms(first)} median_call_ms=${ms(median)}`);
