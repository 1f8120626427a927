#!/usr/bin/env node
// jixiao benchmarks: every figure is reported next to a floor measured in the same run on the
// same machine, so the ratios mean something on any hardware. `npm run bench` (builds first).
//   BENCH_FORMS=100000  forms for the parse/check benchmarks
//   BENCH_FUZZ=100000   fuzzed inputs
//   BENCH_BIG_MB=1024   size of the streaming-memory export (0 to skip)
//   BENCH_ONLY=parse,check,editor,fuzz,memory,store,formats   run a subset
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache/bench');
mkdirSync(cache, { recursive: true });
const N = Number(process.env.BENCH_FORMS ?? 100_000);
const FUZZ = Number(process.env.BENCH_FUZZ ?? 100_000);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 1024);
const only = new Set((process.env.BENCH_ONLY ?? 'parse,check,editor,fuzz,memory,store,formats').split(','));
const cli = join(root, 'bin/jixiao.mjs');
const lib = await import(join(root, 'dist/index.mjs'));

const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const results = [];
const report = (name, fields) => {
  results.push({ name, ...fields });
  console.log(`${name.padEnd(38)} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('  ')}`);
};

console.log(`# jixiao bench — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, ${platform()} ${release()}, node ${process.version}`);
console.log();

/** Runs a command, returns wall seconds and (via /usr/bin/time when present) peak RSS in MiB. */
function timed(cmd, args, { stdout } = {}) {
  return new Promise((resolve, reject) => {
    const useTime = existsSync('/usr/bin/time');
    const t0 = process.hrtime.bigint();
    const p = spawn(useTime ? '/usr/bin/time' : cmd, useTime ? ['-f', '%M', cmd, ...args] : args, { stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    if (stdout) p.stdout.pipe(stdout);
    p.on('close', (code) => {
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      const rss = useTime ? Number(err.trim().split('\n').pop()) / 1024 : NaN;
      if (code !== 0 && code !== 1) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`));
      resolve({ secs, rssMiB: rss });
    });
  });
}

function generate(n, seed, name) {
  const out = join(cache, `${name}.txt`), truth = join(cache, `${name}.json`);
  if (!existsSync(out) || !existsSync(truth) || statSync(out).mtimeMs < statSync(join(root, 'dist/cli.mjs')).mtimeMs) {
    const r = spawnSync(process.execPath, [cli, 'gen', '--forms', String(n), '--seed', String(seed), '--out', out, '--truth', truth], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('gen failed');
  }
  return { out, truth, bytes: statSync(out).size };
}

// The floor: read the same bytes, split lines and cells, write them out as JSON — what any
// reader of this file must at least do.
const floorScript = `
const fs = require('fs'); const out = fs.createWriteStream('/dev/null'); const d = new TextDecoder(); let rest = '';
const s = fs.createReadStream(process.argv[1], { highWaterMark: 1 << 20 });
s.on('data', (c) => { const t = rest + d.decode(c, { stream: true }); const ls = t.split('\\n'); rest = ls.pop();
  const o = []; for (const l of ls) o.push(JSON.stringify(l.split('\\t'))); out.write(o.join('\\n')); });
s.on('end', () => out.end());`;

if (only.has('parse')) {
  const g = generate(N, 1, `gen-${N}`);
  // median of three runs each, interleaved, so a passing hiccup of the machine does not decide
  const median = (xs) => xs.slice().sort((a, b) => a.secs - b.secs)[1];
  const floors = [], parses = [];
  for (let i = 0; i < 3; i++) {
    floors.push(await timed(process.execPath, ['-e', floorScript, g.out]));
    parses.push(await timed(process.execPath, [cli, 'parse', g.out, '--format', 'ndjson', '--out', '/dev/null']));
  }
  const floor = median(floors), parse = median(parses);
  const mb = g.bytes / 2 ** 20;
  report('floor: read+split+write', { forms: fmt(N), MB: fmt(mb, 1), secs: fmt(floor.secs, 2), runs: floors.map((p) => fmt(p.secs, 2)).join('/'), 'forms/s': fmt(N / floor.secs), 'MB/s': fmt(mb / floor.secs, 1) });
  report('jixiao parse (CLI, end to end)', { forms: fmt(N), secs: fmt(parse.secs, 2), runs: parses.map((p) => fmt(p.secs, 2)).join('/'), 'forms/s': fmt(N / parse.secs), 'MB/s': fmt(mb / parse.secs, 1), 'x floor': fmt(parse.secs / floor.secs, 2), 'peak MiB': fmt(parse.rssMiB) });
  // In-process parser alone (no output), for the hot loop.
  const bytes = readFileSync(g.out);
  const t0 = performance.now();
  let n = 0;
  const r = new lib.TextFormReader(() => n++);
  for (let i = 0; i < bytes.length; i += 1 << 20) r.pushBytes(bytes.subarray(i, i + (1 << 20)));
  r.end();
  const secs = (performance.now() - t0) / 1000;
  report('parser in process (no output)', { forms: fmt(n), 'forms/s': fmt(n / secs), 'MB/s': fmt(mb / secs, 1) });
}

if (only.has('check')) {
  const g = generate(Math.min(N, 100_000), 2, `gen-check-${Math.min(N, 100_000)}`);
  const forms = JSON.parse(readFileSync(g.truth, 'utf8'));
  // floor: touching every field of every form (a JSON round trip of each)
  let t0 = performance.now();
  let sink = 0;
  for (const f of forms) sink += JSON.stringify(f).length;
  const floorSecs = (performance.now() - t0) / 1000;
  t0 = performance.now();
  let findings = 0;
  for (const f of forms) {
    const report = lib.scoreForm(f);
    findings += lib.runChecks(f, { report }).length;
  }
  const secs = (performance.now() - t0) / 1000;
  report('floor: stringify each form', { forms: fmt(forms.length), 'forms/s': fmt(forms.length / floorSecs) });
  report('score + check (in process)', { forms: fmt(forms.length), findings: fmt(findings), 'forms/s': fmt(forms.length / secs), 'x floor': fmt(secs / floorSecs, 2), sink: sink > 0 ? 'ok' : '' });
  const cliCheck = await timed(process.execPath, [cli, 'check', g.out, '--format', 'json', '--out', '/dev/null']);
  report('jixiao check (CLI, parse+score+check)', { forms: fmt(forms.length), secs: fmt(cliCheck.secs, 2), 'forms/s': fmt(forms.length / cliCheck.secs) });
}

if (only.has('editor')) {
  // The editor's live recompute (web/src/editor/live.ts, the server's scoring and checks) on every
  // keystroke of a 100-row form: goal one frame (16 ms). The exact browser code, bundled here.
  const { build } = await import('esbuild');
  const entry = join(cache, 'editor-entry.mjs'), out = join(cache, 'editor.mjs');
  writeFileSync(entry, `export { recompute } from ${JSON.stringify(join(root, 'web/src/editor/live.ts'))};\nexport { bigForm } from ${JSON.stringify(join(root, 'test/e2e/support/big-form.ts'))};\n`);
  await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  const { recompute, bigForm } = await import(`${out}?${Date.now()}`);
  const form = bigForm(100);
  const edit = (i) => { const rows = form.indicators.slice(); rows[i % 100] = { ...rows[i % 100], actual: `${90 + (i % 10)}%` }; return { ...form, indicators: rows }; };
  const runs = 2000;
  for (let i = 0; i < 200; i++) recompute(edit(i)); // warm-up (JIT)
  const floor = [], live = [];
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const f = edit(i);
    let t0 = performance.now();
    sink += JSON.stringify(f).length; // floor: reading every field once, as the check bench's floor
    floor.push(performance.now() - t0);
    t0 = performance.now();
    sink += recompute(f).findings.length;
    live.push(performance.now() - t0);
  }
  const q = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  report('floor: stringify a 100-row form', { edits: fmt(runs), 'p50 ms': fmt(q(floor, 0.5), 3), 'p95 ms': fmt(q(floor, 0.95), 3) });
  report('editor recompute, 100 rows', { edits: fmt(runs), 'p50 ms': fmt(q(live, 0.5), 2), 'p95 ms': fmt(q(live, 0.95), 2), 'max ms': fmt(q(live, 1), 2), 'x floor (p50)': fmt(q(live, 0.5) / q(floor, 0.5), 1), goal: q(live, 0.95) < 16 ? 'p95 < 16 ms ✓' : 'p95 < 16 ms ✗', sink: sink > 0 ? 'ok' : '' });
}

if (only.has('fuzz')) {
  const seeds = ['000_3e14c9280df4d171', '001_f974810bc026f243', '002_01ee96ef31214bdb', '004_f5e7e42ab4334a59'].map((n) => readFileSync(join(root, 'samples', `${n}.txt`), 'utf8'));
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pieces = ['\t', '', '总分', '100', '—', '>=', '效益指标', '社会效益指标', '财政项目支出绩效自评表', '项目名称', '|', '<p>', '\u0000', '年度资金总额', '-1', '1e309', '%', '\ufffd', '　'];
  let exceptions = 0, internal = 0, forms = 0;
  const t0 = performance.now();
  for (let k = 0; k < FUZZ; k++) {
    const lines = seeds[k % seeds.length].split('\n');
    const start = Math.floor(rnd() * lines.length);
    const m = lines.slice(start, start + 10 + Math.floor(rnd() * 60));
    for (let o = 0, ops = 1 + Math.floor(rnd() * 8); o < ops; o++) {
      const i = Math.floor(rnd() * m.length), r = rnd();
      if (r < 0.2) m.splice(i, 1);
      else if (r < 0.35) m.splice(i, 0, m[Math.floor(rnd() * m.length)] ?? '');
      else if (r < 0.6) m[i] = (m[i] ?? '').split('\t').map((c) => (rnd() < 0.3 ? pieces[Math.floor(rnd() * pieces.length)] : c)).join('\t');
      else if (r < 0.75) m[i] = '\t' + (m[i] ?? '');
      else if (r < 0.85) m[i] = (m[i] ?? '').slice(0, Math.floor(rnd() * (m[i] ?? '').length));
      else m.splice(i, 0, '');
    }
    let input = m.join('\n');
    if (k % 7 === 0) {
      const b = new TextEncoder().encode(input);
      for (let j = 0; j < 5; j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      input = b;
    }
    try {
      const res = lib.parseText(input);
      forms += res.forms.length;
      if (res.diagnostics.some((d) => d.code === 'internal') || res.forms.some((f) => f.diagnostics.some((d) => d.code === 'internal'))) internal++;
      for (const f of res.forms) { const rep = lib.scoreForm(f); lib.runChecks(f, { report: rep }); }
    } catch {
      exceptions++;
    }
  }
  const secs = (performance.now() - t0) / 1000;
  report('fuzz: mutated exports → parse+check', { inputs: fmt(FUZZ), forms: fmt(forms), exceptions, 'internal errors': internal, 'inputs/s': fmt(FUZZ / secs) });
}

if (only.has('memory') && BIG_MB > 0) {
  // A ~1 GB export streamed through parse: peak memory must stay flat, not grow with the file.
  const per = generate(20_000, 3, 'gen-unit');
  const big = join(cache, `big-${BIG_MB}.txt`);
  if (!existsSync(big) || statSync(big).size < BIG_MB * 2 ** 20 * 0.99) {
    const unit = readFileSync(per.out);
    const ws = createWriteStream(big);
    for (let written = 0; written < BIG_MB * 2 ** 20; written += unit.length) if (!ws.write(unit)) await new Promise((r) => ws.once('drain', r));
    await new Promise((r) => ws.end(r));
  }
  const small = await timed(process.execPath, [cli, 'parse', per.out, '--format', 'ndjson', '--out', '/dev/null']);
  const r = await timed(process.execPath, [cli, 'parse', big, '--format', 'ndjson', '--out', '/dev/null']);
  const mb = statSync(big).size / 2 ** 20;
  report('streaming: parse a big export', { MB: fmt(mb), secs: fmt(r.secs, 1), 'MB/s': fmt(mb / r.secs, 1), 'peak MiB': fmt(r.rssMiB), 'peak MiB (small file)': fmt(small.rssMiB) });
}

for (const extra of ['store', 'formats']) {
  const p = join(root, 'bench', `${extra}.mjs`);
  if (only.has(extra) && existsSync(p)) {
    console.log();
    const r = spawnSync(process.execPath, [p], { stdio: 'inherit', env: { ...process.env } });
    if (r.status !== 0) console.log(`${extra} bench exited ${r.status}`);
  }
}
