// Writes the results of eng/bench.sh: the "Side by side with V8" section of docs/performance.md (replacing the
// section if present, else appending it) and an SVG bar chart of the median-time ratios.
// Usage: node eng/bench-report.mjs <results> <command line> <performance.md> <chart.svg>
// <results> has one line per workload and round: name|call|ours: compile instantiate first median|V8: the same|ours
// with fuel metered: the same, in ms. Each figure reported is the lowest over the rounds.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';

const [resultsPath, commandLine, markdownPath, svgPath] = process.argv.slice(2);
const HEADING = '## Side by side with V8';

const figures = (text) => {
  const [compile, instantiate, first, median] = text.trim().split(' ').map(Number);
  return { compile, instantiate, first, median };
};
const lowest = (a, b) => Object.fromEntries(Object.keys(a).map((key) => [key, Math.min(a[key], b[key])]));
const byName = new Map();
for (const line of readFileSync(resultsPath, 'utf8').trim().split('\n')) {
  const [name, call, ours, v8, metered] = line.split('|');
  const seen = byName.get(name);
  byName.set(name, seen
    ? {
      ...seen,
      ours: lowest(seen.ours, figures(ours)),
      v8: lowest(seen.v8, figures(v8)),
      metered: lowest(seen.metered, figures(metered)),
      rounds: seen.rounds + 1,
    }
    : { name, call, ours: figures(ours), v8: figures(v8), metered: figures(metered), rounds: 1 });
}
const rows = [...byName.values()].map((row) => ({
  ...row,
  ratio: row.ours.median / row.v8.median,
  meteredRatio: row.metered.median / row.v8.median,
}));
const geometricMean = (values) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
const geomean = geometricMean(rows.map((r) => r.ratio));
const meteredGeomean = geometricMean(rows.map((r) => r.meteredRatio));

const shell = (command) => execSync(command, { encoding: 'utf8' }).trim();
const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown';
const cores = Number(shell('nproc'));
const machine = `${cores} cores (nproc), ${cpu}; .NET SDK ${shell('dotnet --version')}, node ${process.version}`;
const commit = shell('git rev-parse --short HEAD');
// Other work on the machine skews both sides, so the section says how busy it was (the run itself adds about 1).
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const times = (x) => `${x.toFixed(2)}x`;
const slower = rows.filter((r) => r.ratio > 1).length;
const [best, worst] = [Math.min(...rows.map((r) => r.ratio)), Math.max(...rows.map((r) => r.ratio))];

const section = `${HEADING}

The same \`.wasm\` files (\`tests/modules/c\`, clang-19 -O2) run under our managed engine
(\`healthwatch invoke ... --repeat R --warmup W\`) and under node's V8 (\`eng/bench-v8.mjs\`, the same calls
timed with \`performance.now()\`), one process per workload and side. Each process compiles and instantiates the
module once, makes W untimed calls, then R timed calls in the same instance; "median" is the median of the R
timed calls, and both sides must return the same result. "Ours" runs as \`invoke\` does without \`--fuel\`: the
code checks for interruption (timeouts, cancellation) at every function entry and loop header, like V8's stack
guard, but meters no fuel, as V8 meters none. "Ours, metered" runs with a fuel limit too large to reach
(\`--fuel\` 10^18, see \`eng/bench.sh\`), so that the code also counts fuel at those points, as it does under the probe runtime. Each workload runs in ${rows[0].rounds} rounds (a process per
side each round) and every figure below is its lowest over the rounds, the one least disturbed by other work.
Written by \`eng/bench.sh\` (this section and [the chart](${relative(dirname(markdownPath), svgPath)})), reproduce with:

\`\`\`bash
${commandLine}
\`\`\`

Machine: ${machine}; commit \`${commit}\`.
Load average at the end of the run: ${load}${Number(load) > cores
    ? ` (above the ${cores} cores: other work shared the machine, so the figures are noisier than usual and a rerun moves ratios by tens of percent)`
    : ''}. Take differences under about 10% as noise.

| workload | call | ours, median ms | ours, metered | V8, median ms | ours / V8 | metered / V8 |
|---|---|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.name} | \`${r.call}\` | ${ms(r.ours.median)} | ${ms(r.metered.median)} | ${ms(r.v8.median)} | ${times(r.ratio)} | ${times(r.meteredRatio)} |`).join('\n')}
| **geometric mean** | | | | | **${times(geomean)}** | **${times(meteredGeomean)}** |

![ours / V8 median call time per workload](${basename(svgPath)})

Geometric mean of the ratios: ${times(geomean)}, that is ${geomean >= 1
    ? `our engine takes ${times(geomean)} V8's time on these workloads (${((geomean - 1) * 100).toFixed(0)}% slower)`
    : `our engine takes ${(geomean * 100).toFixed(0)}% of V8's time on these workloads`};
we are slower on ${slower} of ${rows.length} workloads, ratios from ${times(best)} to ${times(worst)}. With fuel metered
the geometric mean is ${times(meteredGeomean)}, ratios up to ${times(Math.max(...rows.map((r) => r.meteredRatio)))}.

Cold start, in ms (compile: our decoding, validation and CIL generation vs. V8's synchronous
\`new WebAssembly.Module\`; first call: the first of all calls, which on our side includes the .NET JIT compiling
the called methods to machine code):

| workload | ours: compile | instantiate | first call | V8: compile | instantiate | first call |
|---|---:|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.name} | ${ms(r.ours.compile)} | ${ms(r.ours.instantiate)} | ${ms(r.ours.first)} | ${ms(r.v8.compile)} | ${ms(r.v8.instantiate)} | ${ms(r.v8.first)} |`).join('\n')}

What the cold-start figures include: our process is cold, so our compile and instantiate times also pay for the
.NET JIT compiling the engine's own decoder, validator, compiler and runtime on first use, which a process that
has already loaded a module does not pay again; V8's compile is its baseline tier (Liftoff), and its optimizing
tier (TurboFan) compiles hot functions in the background while the first calls run.
`;

const markdown = readFileSync(markdownPath, 'utf8');
const start = markdown.indexOf(`${HEADING}\n`);
let updated;
if (start < 0) {
  updated = `${markdown.trimEnd()}\n\n${section}`;
} else {
  const next = markdown.indexOf('\n## ', start + HEADING.length);
  updated = markdown.slice(0, start) + section + (next < 0 ? '' : markdown.slice(next));
}
writeFileSync(markdownPath, updated);

// Horizontal bars, one per workload and one for the geometric mean, with a line at parity (1x).
const labelWidth = 400, plotWidth = 400, barHeight = 22, gap = 10, top = 40, right = 70;
const bars = [
  ...rows.flatMap((r) => [{ label: r.name, value: r.ratio }, { label: 'metered', value: r.meteredRatio, metered: true }]),
  { label: 'geometric mean', value: geomean, bold: true },
  { label: 'metered', value: meteredGeomean, bold: true, metered: true },
];
const scaleMax = Math.max(1, ...bars.map((b) => b.value)) * 1.05;
const x = (value) => labelWidth + (value / scaleMax) * plotWidth;
const height = top + bars.length * (barHeight + gap) + 30;
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + right}" height="${height}" font-family="sans-serif" font-size="13">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="15" font-weight="bold">Median call time, ours / V8 (lower is better; 1x = as fast as V8; pale: fuel metered)</text>
${bars.map((b, i) => {
    const y = top + i * (barHeight + gap);
    return `<text x="${labelWidth - 8}" y="${y + barHeight * 0.7}" text-anchor="end"${b.bold ? ' font-weight="bold"' : ''}>${escape(b.label)}</text>
<rect x="${labelWidth}" y="${y}" width="${(x(b.value) - labelWidth).toFixed(1)}" height="${barHeight}" fill="${b.bold ? '#444' : b.value > 1 ? '#c0504d' : '#4f81bd'}"${b.metered ? ' fill-opacity="0.45"' : ''}/>
<text x="${(x(b.value) + 5).toFixed(1)}" y="${y + barHeight * 0.7}">${b.value.toFixed(2)}x</text>`;
  }).join('\n')}
<line x1="${x(1).toFixed(1)}" y1="${top - 6}" x2="${x(1).toFixed(1)}" y2="${height - 24}" stroke="black" stroke-dasharray="4 3"/>
<text x="${x(1).toFixed(1)}" y="${height - 8}" text-anchor="middle">1x</text>
</svg>
`;
writeFileSync(svgPath, svg);
console.error(`wrote ${HEADING.slice(3)} in ${markdownPath} and ${svgPath}: geometric mean ${times(geomean)}`);
