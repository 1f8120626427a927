// Summarises a V8 .cpuprofile (self and inclusive time by function), e.g. of the server under
// `BENCH_STORE_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" node bench/store.mjs`.
// usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [top]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('..', import.meta.url));
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 40);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
const hits = new Map();
for (let i = 0; i < p.samples.length; i++) { hits.set(p.samples[i], (hits.get(p.samples[i]) ?? 0) + (dt[i] ?? 0)); total += dt[i] ?? 0; }
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, 'nm/').replace(`file://${root}`, '').replace(root, '')}:${n.callFrame.lineNumber}`;
const incl = new Map();
for (const [id, t] of hits) {
  const n = byId.get(id); const k = key(n);
  self.set(k, (self.get(k) ?? 0) + t);
  const seen = new Set();
  for (let x = id; x != null; x = parent.get(x)) { const kk = key(byId.get(x)); if (seen.has(kk)) continue; seen.add(kk); incl.set(kk, (incl.get(kk) ?? 0) + t); }
}
const show = (m, title) => { console.log(`== ${title} (total ${(total / 1000).toFixed(0)} ms)`); for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(100 * t / total).toFixed(1).padStart(5)}%  ${k}`); };
show(self, 'self'); show(incl, 'inclusive');
