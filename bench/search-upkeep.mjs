#!/usr/bin/env node
// SQLite text search under many small edits, and the server's merge (src/store/search-upkeep.ts).
// On a copy of a bench database (BENCH_STORE_DB=FILE node bench/store.mjs keeps one):
//   node bench/search-upkeep.mjs FILE [EDITS=10000] [AUTOMERGE]
// re-indexes EDITS forms one transaction each, as saves do (timing each), then merges as the server
// does when idle (mergeSearchStep until done), timing two counts that match many forms before, after
// the edits and after the merge, and each merge step. AUTOMERGE sets FTS5's automerge for the edits
// (the store's migrations set 0; FTS5's default is 4), to compare. It changes FILE: run it on a copy.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { register } from 'tsx/esm/api';
import { cpus, totalmem } from 'node:os';

register();
const { rowTokens } = await import('../src/store/search.ts');
const { mergeSearchStep, parseSearchShape, needsMerge, MERGE_PAGES } = await import('../src/store/search-upkeep.ts');
const [file, editsArg = '10000', automergeArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/search-upkeep.mjs FILE [EDITS]');
const EDITS = Number(editsArg);
const sqlite = new Database(file, { fileMustExist: true });
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
sqlite.pragma('cache_size = -131072');
const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });

console.log(`# search upkeep bench — ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, SQLite ${sqlite.prepare('select sqlite_version()').pluck().get()}`);
const shape = () => parseSearchShape(sqlite.prepare('select block from form_search_data where id = 10').pluck().get());
const count = sqlite.prepare('select count(*) from form_search where form_search match ?').pluck();
// a word in every generated form, and two words (what bench/store.mjs's list cases ask)
const QUERIES = [['a word in every form', '"绩效"'], ['two words', '"第1 12" AND "主管 管部 部门"']];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
function report(label) {
  const s = shape();
  const parts = QUERIES.map(([name, q]) => {
    const t = [];
    let n = 0;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      n = count.get(q);
      t.push(performance.now() - t0);
    }
    return `${name} (${n.toLocaleString('en-US')}): p50 ${pct(t, 50).toFixed(1)} ms`;
  });
  console.log(`${label.padEnd(24)} segments=${s.segments} tombstones=${s.tombstones} needsMerge=${needsMerge(s)}  ${parts.join('  ')}`);
}

report('start');
const rows = sqlite.prepare('select rowid, project_name, goals_expected, goals_actual, department, implementing_unit, year from forms order by rowid limit 5000').all();
const del = sqlite.prepare('delete from form_search where rowid = ?');
const ins = sqlite.prepare('insert into form_search (rowid, body) values (?, ?)');
const edit = sqlite.transaction((r) => { del.run(r.rowid); ins.run(r.rowid, rowTokens(r).join(' ')); });
if (automergeArg !== undefined) sqlite.exec(`insert into form_search (form_search, rank) values ('automerge', ${Math.trunc(Number(automergeArg))})`);
const automerge = sqlite.prepare(`select v from form_search_config where k = 'automerge'`).pluck().get() ?? 4;
// SQLite's own checkpoints would land inside some edits (the server checkpoints on a worker thread)
sqlite.pragma('wal_autocheckpoint = 0');
const editMs = [];
let t0 = performance.now();
for (let i = 0; i < EDITS; i++) {
  const r = rows[i % rows.length];
  r.goals_actual = `${r.goals_actual ?? ''}。`.slice(-200);
  const t = performance.now();
  edit(r);
  editMs.push(performance.now() - t);
  if (i % 1000 === 999) sqlite.pragma('wal_checkpoint(PASSIVE)');
}
console.log(`${EDITS.toLocaleString('en-US')} edits of ${rows.length.toLocaleString('en-US')} forms (automerge ${automerge}): ${((performance.now() - t0) / EDITS).toFixed(3)} ms each; an edit p50 ${pct(editMs, 50).toFixed(2)} ms, p99 ${pct(editMs, 99).toFixed(2)} ms, max ${Math.max(...editMs).toFixed(1)} ms, ${editMs.filter((x) => x > 50).length} over 50 ms`);
report(`after the edits`);
const steps = [];
for (;;) {
  t0 = performance.now();
  const more = await mergeSearchStep(db);
  steps.push(performance.now() - t0);
  if (!more) break;
}
const total = steps.reduce((a, b) => a + b, 0);
console.log(`merge: ${steps.length} steps of ${MERGE_PAGES} pages, ${(total / 1000).toFixed(1)} s in all; a step p50 ${pct(steps, 50).toFixed(1)} ms, p90 ${pct(steps, 90).toFixed(1)} ms, max ${Math.max(...steps).toFixed(1)} ms`);
report('after the merge');
await db.destroy();
