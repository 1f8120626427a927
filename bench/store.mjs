#!/usr/bin/env node
// Store and API benchmark (issue 3). Every figure sits next to a floor measured in the same run:
//   import:    N generated forms through the real import path (derive, dedupe, place, insert, audit)
//              vs a bare bulk insert of exactly the same rows (prepared/multi-row INSERTs, no logic)
//   dashboard: the dashboard aggregates and a filtered list over those N forms, p50/p95
//   API:       reads and writes from this process to a server in a second process on loopback, at
//              fixed request rates (open loop: latency counts from the scheduled send time), next to
//              a bare route (/api/health) of the same server
// Env: BENCH_STORE_N (default 1000000), BENCH_STORE_DIALECTS=sqlite,postgres,
//      BENCH_STORE_RATES=100,500, BENCH_STORE_SECS=10, BENCH_STORE_WARM_SECS=5 (per request kind, before
//      the timed runs), JIXIAO_BENCH_PG (default the test URL),
//      BENCH_STORE_DB=FILE (SQLite: import into FILE and keep it; when FILE exists, reuse it and skip
//      both imports — for iterating on queries), BENCH_STORE_PG_SCHEMA=NAME (the same for PostgreSQL:
//      import into schema NAME and keep it; reuse it when it holds forms), BENCH_STORE_SKIP_FLOOR, BENCH_STORE_SKIP_QUERIES,
//      BENCH_STORE_SKIP_API, BENCH_STORE_WORKERS=1,2 (the API runs once per count: serve --workers N), BENCH_STORE_KINDS=health,mix (only the API request kinds whose names contain these),
//      BENCH_STORE_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' (node flags for the server, e.g. to profile it;
//      bench/cpuprofile-top.mjs summarises the profile), BENCH_STORE_TRACE=DIR (each API run's requests
//      as [ms after its start, latency ms] in DIR, and the start in epoch ms beside it, to see when the slow ones came), BENCH_STORE_SERVER_LOG=FILE
//      (the server's output appended to FILE).
import { register } from 'tsx/esm/api';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { openStore, afterBulkWrite } = await import('../src/store/db.ts');
const { commitStream } = await import('../src/store/imports-repo.ts');
const { buildFormRows } = await import('../src/store/forms-repo.ts');
const { derive, contentHash } = await import('../src/store/derive.ts');
const { rowTokens, tsVector } = await import('../src/store/search.ts');
const { dashboard, listForms } = await import('../src/store/queries.ts');
const { createUser } = await import('../src/store/users-repo.ts');
const { hashPassword } = await import('../src/store/passwords.ts');
const { ensureRoot } = await import('../src/store/orgs-repo.ts');
const { seededRandom } = await import('../src/store/workflow.ts');
const { searchShape } = await import('../src/store/search-upkeep.ts');
const { makeForm, defaultIndicators } = await import('../src/model/testing.ts');

const N = Number(process.env.BENCH_STORE_N ?? 1_000_000);
const DIALECTS = (process.env.BENCH_STORE_DIALECTS ?? 'sqlite,postgres').split(',');
const RATES = (process.env.BENCH_STORE_RATES ?? '100,500').split(',').map(Number);
// 10 s: at 500/s the p99 is then the 50th slowest request, not decided by one 20–30 ms stall of the machine
const SECS = Number(process.env.BENCH_STORE_SECS ?? 10);
const WARM_SECS = Number(process.env.BENCH_STORE_WARM_SECS ?? 5);
const PG_URL = process.env.JIXIAO_BENCH_PG ?? process.env.JIXIAO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 1000;
const WORKER_COUNTS = (process.env.BENCH_STORE_WORKERS ?? '1,2').split(',').map(Number);
const TRACE = process.env.BENCH_STORE_TRACE;
if (TRACE) mkdirSync(TRACE, { recursive: true });
const SYSTEM = { id: null, name: 'bench' };

const fmt = (x, d = 0) => (x == null || Number.isNaN(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const results = [];
const report = (name, fields) => {
  results.push({ name, ...fields });
  console.log(`${name.padEnd(44)} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('  ')}`);
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

/** N varied forms: 40 departments × 15 units, 6 years of each project (year-over-year pairs). */
function* generate(n, seed = 'bench') {
  const rnd = seededRandom(seed);
  const base = defaultIndicators();
  for (let i = 0; i < n; i++) {
    const project = Math.floor(i / 6);
    const dept = project % 40;
    const unit = (project * 7) % 15;
    const budget = Math.round((10_000 + rnd() * 9_990_000) * 100) / 100;
    const executed = Math.round(budget * (0.5 + rnd() * 0.6) * 100) / 100;
    const indicators = base.map((r) => ({ ...r, score: Math.round(r.weight * (0.6 + rnd() * 0.4) * 100) / 100, deviation: rnd() < 0.2 ? '受疫情影响进度滞后' : null }));
    const form = makeForm({
      year: 2019 + (i % 6),
      projectName: `第${project}号绩效项目`,
      department: `第${dept}主管部门`,
      implementingUnit: `第${dept}主管部门第${unit}实施单位`,
      funds: { total: { annualBudget: budget, initialBudget: budget, executed } },
      indicators,
    });
    yield { source: 'generated', index: i, form };
  }
}

const KEEP = process.env.BENCH_STORE_DB;
const KEEP_PG = process.env.BENCH_STORE_PG_SCHEMA;
async function pgSchemaHasForms(schema) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const r = await c.query('select 1 from information_schema.tables where table_schema = $1 and table_name = $2', [schema, 'forms']);
    return r.rowCount > 0 && (await c.query(`select exists (select 1 from ${schema}.forms) as e`)).rows[0].e;
  } finally {
    await c.end();
  }
}
async function freshStore(dialect, dir, keep = false) {
  if (dialect === 'sqlite') {
    const file = keep && KEEP ? KEEP : join(dir, `bench-${Date.now()}.sqlite`);
    const store = await openStore(file);
    return { store, target: file, cleanup: async () => { if (!(keep && KEEP)) for (const x of ['', '-wal', '-shm']) rmSync(file + x, { force: true }); } };
  }
  const kept = keep && KEEP_PG;
  const schema = kept ? KEEP_PG : `jx_bench_${process.pid}_${Date.now().toString(36)}`;
  const store = await openStore(PG_URL, { schema });
  const target = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    store, target, schema,
    cleanup: async () => {
      if (kept) return;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** The real import path, minus the time the generator itself takes (the floor's rows are generated untimed too). */
async function importReal(store) {
  let t0 = performance.now();
  let n = 0;
  for (const f of generate(N)) n += f.form.indicators.length > 0 ? 1 : 0;
  const genSecs = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const res = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, generate(N), { status: 'draft', batchSize: BATCH, sources: ['generated'] });
  const secs = (performance.now() - t0) / 1000 - genSecs;
  if (res.created.length !== N || n !== N) throw new Error(`imported ${res.created.length} of ${N}`);
  return secs;
}

/** The floor: the same rows (built untimed) inserted with bare prepared/multi-row statements. */
async function importFloor(dialect, dir) {
  const { store, cleanup } = await freshStore(dialect, dir);
  const rootOrg = await ensureRoot(store.db, SYSTEM);
  // orgs are created untimed; the floor only inserts the form rows
  const orgIds = new Map();
  const orgFor = async (dept, unit) => {
    const key = `${dept}|${unit}`;
    if (!orgIds.has(key)) {
      const d = orgIds.get(dept) ?? (await store.db.insertInto('orgs').values({ id: crypto.randomUUID(), name: dept, kind: 'department', parent_id: rootOrg.id, path: crypto.randomUUID(), created_at: '' }).returning('id').executeTakeFirstOrThrow()).id;
      orgIds.set(dept, d);
      const u = (await store.db.insertInto('orgs').values({ id: crypto.randomUUID(), name: unit, kind: 'unit', parent_id: d, path: crypto.randomUUID(), created_at: '' }).returning('id').executeTakeFirstOrThrow()).id;
      orgIds.set(key, { unit: u, dept: d });
    }
    return orgIds.get(key);
  };
  let timed = 0;
  let batch = [];
  const tables = ['forms', 'search', 'indicators', 'findings', 'scores', 'audit'];
  const tableName = (t) => (t === 'audit' ? 'audit_log' : t === 'search' ? 'form_search' : t);
  let insert;
  let finish;
  let analyze;
  let analyzed = false;
  if (dialect === 'sqlite') {
    const db = store.sqlite;
    const stmts = { search: db.prepare('INSERT INTO form_search (rowid, body) VALUES ((SELECT rowid FROM forms WHERE id = ?), ?)') };
    const t0 = performance.now();
    db.exec('BEGIN');
    timed += performance.now() - t0;
    insert = (t, rows) => {
      if (!rows.length) return;
      if (t === 'search') { for (const [id, tokens] of rows) stmts.search.run(id, tokens.join(' ')); return; }
      const cols = Object.keys(rows[0]);
      stmts[t] ??= db.prepare(`INSERT INTO ${tableName(t)} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
      for (const r of rows) stmts[t].run(cols.map((c) => r[c]));
    };
    finish = () => db.exec('COMMIT');
  } else {
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${(await freshStoreSchema(store))}` });
    await client.connect();
    await client.query('BEGIN');
    insert = async (t, rows) => {
      if (!rows.length) return;
      if (t === 'search') rows = rows.map(([id, tokens]) => ({ form_id: id, vec: tsVector(tokens) }));
      const cols = Object.keys(rows[0]);
      const per = Math.floor(60_000 / cols.length);
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params = [];
        const values = chunk.map((r) => `(${cols.map((c) => { params.push(r[c]); return `$${params.length}`; }).join(',')})`);
        await client.query(`INSERT INTO ${tableName(t)} (${cols.join(',')}) VALUES ${values.join(',')}`, params);
      }
    };
    finish = async () => { await client.query('COMMIT'); await client.end(); };
    analyze = () => client.query('analyze (skip_locked) forms');
  }
  const flush = async () => {
    const items = [];
    for (const { form } of batch) {
      const o = await orgFor(form.department, form.implementingUnit);
      items.push({ form, derived: derive(form), meta: { orgId: o.unit, deptOrgId: o.dept, status: 'draft', createdBy: null, importId: null, contentHash: contentHash(form) } });
    }
    const rows = buildFormRows(SYSTEM, items, Date.now());
    // the search index's rows: tokens made untimed, like every other row of the floor
    rows.search = rows.forms.map((r) => [r.id, rowTokens(r)]);
    const t0 = performance.now();
    for (const t of tables) await insert(t, rows[t]);
    // as the import does (imports-repo.ts): without it, autovacuum's ANALYZE records forms as empty mid-transaction
    if (dialect === 'postgres' && !analyzed) { await analyze(); analyzed = true; }
    timed += performance.now() - t0;
    batch = [];
  };
  for (const f of generate(N)) {
    batch.push(f);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  const t0 = performance.now();
  await finish();
  timed += performance.now() - t0;
  await store.close();
  await cleanup();
  return timed / 1000;
}
async function freshStoreSchema(store) {
  return (await sql`select current_schema() as s`.execute(store.db)).rows[0].s;
}

async function timeIt(reps, fn) {
  const xs = [];
  await fn();
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

async function benchQueries(dialect, store) {
  // searches slow down as saves fragment SQLite's index (the server merges it only when idle): say what it was
  if (dialect === 'sqlite') {
    const shape = await searchShape(store.db);
    if (shape) report('sqlite search index', { segments: shape.segments, entries: fmt(shape.entries), tombstones: fmt(shape.tombstones) });
  }
  const rootRow = await store.db.selectFrom('orgs').select('path').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const dept = await store.db.selectFrom('orgs').select(['id', 'path']).where('kind', '=', 'department').orderBy('name').executeTakeFirstOrThrow();
  const cases = [
    ['dashboard: all forms (admin)', () => dashboard(store.db, null, {})],
    ['dashboard: 财政局 scope, one year', () => dashboard(store.db, rootRow.path, { year: 2022 })],
    ['dashboard: one 主管部门', () => dashboard(store.db, dept.path, {})],
    ['list: year + rate sort, page 1', () => listForms(store.db, rootRow.path, { year: 2022, sort: 'rate', order: 'desc', pageSize: 20 })],
    ['list: text search', () => listForms(store.db, rootRow.path, { q: '第123号', pageSize: 20 })],
    ['list: text search, a word in every form', () => listForms(store.db, rootRow.path, { q: '绩效', pageSize: 20 })],
    ['list: text search, two words', () => listForms(store.db, rootRow.path, { q: '第12 主管部门', pageSize: 20 })],
    ['list: text search in one year, a word in every form', () => listForms(store.db, rootRow.path, { q: '绩效', year: 2022, pageSize: 20 })],
    ['list: text search in one year, two words', () => listForms(store.db, rootRow.path, { q: '第12 主管部门', year: 2022, pageSize: 20 })],
    ['list: finding code F8', () => listForms(store.db, rootRow.path, { finding: 'F8', pageSize: 20 })],
  ];
  for (const [name, fn] of cases) {
    const r = await timeIt(Number(process.env.BENCH_STORE_REPS ?? 20), fn);
    report(`${dialect} ${name}`, { forms: fmt(N), 'p50 ms': fmt(r.p50, 1), 'p95 ms': fmt(r.p95, 1), goal: 'p95 < 300 ms' });
  }
}

async function benchApi(dialect, store, target, workers) {
  const password = 'bench-password-1';
  const rootOrg = await ensureRoot(store.db, SYSTEM);
  await createUser(store.db, SYSTEM, { username: 'bench-admin', passwordHash: await hashPassword(password), role: 'admin', orgId: rootOrg.id });
  const pool = await store.db.selectFrom('forms').select(['id', 'version', 'data']).orderBy('id').limit(5000).execute();
  // the built CLI (npm run bench builds it first), as a deployment runs it
  const child = spawn(process.execPath, [...(process.env.BENCH_STORE_NODE_ARGS ?? '').split(' ').filter(Boolean), join(root, 'bin/jixiao.mjs'), 'serve', '--db', target, '--port', '0', '--workers', String(workers)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  // the server's own output (say, with BENCH_STORE_NODE_ARGS=--trace-gc), to line up with a trace
  if (process.env.BENCH_STORE_SERVER_LOG) child.stdout.pipe(createWriteStream(process.env.BENCH_STORE_SERVER_LOG, { flags: 'a' }));
  const url = await new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) res(m[1]);
    });
    child.once('exit', (c) => rej(new Error(`server exited ${c}`)));
  });
  try {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password }) });
    const { csrfToken } = await login.json();
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    let k = 0;
    let edits = 0;
    // PostgreSQL: the WAL a run wrote and the checkpoints that began during it, which decide how long
    // commits wait for the disk (after a checkpoint, a save logs each page it is first to touch whole)
    const walState = async () => dialect !== 'postgres' ? null
      : (await sql`select pg_current_wal_lsn()::text as lsn, (checkpoints_timed + checkpoints_req)::float8 as ckpts from pg_stat_bgwriter`.execute(store.db)).rows[0];
    const walSince = async (b) => {
      if (!b) return {};
      const a = await walState();
      const bytes = Number((await sql`select pg_wal_lsn_diff(${a.lsn}, ${b.lsn})::float8 as d`.execute(store.db)).rows[0].d);
      return { 'WAL MiB': fmt(bytes / 2 ** 20, 1), checkpoints: a.ckpts - b.ckpts };
    };
    const runMark = Date.now().toString(36);
    const versions = new Map(pool.map((p) => [p.id, p.version]));
    // node:http with kept-alive sockets, not fetch: on this 2-core machine the generator shares the
    // CPU with the server, and fetch costs it about five times as much per request (484 µs against
    // 81, sequentially over loopback), which the server's figures then paid for
    const agent = new http.Agent({ keepAlive: true });
    const call = (method, path, body) =>
      new Promise((resolve, reject) => {
        const h = body == null ? headers : { ...headers, 'content-length': Buffer.byteLength(body) };
        const rq = http.request(`${url}${path}`, { method, agent, headers: h }, (r) => {
          const chunks = [];
          r.on('data', (c) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode, ok: r.statusCode === 200, body: () => JSON.parse(Buffer.concat(chunks).toString()) }));
          r.on('error', reject);
        });
        rq.on('error', reject);
        rq.end(body);
      });
    const kinds = {
      'bare route GET /api/health': () => call('GET', '/api/health'),
      'GET /api/forms/{id}': () => call('GET', `/api/forms/${pool[k++ % pool.length].id}`),
      'GET /api/forms?year&sort': () => call('GET', `/api/forms?year=2022&sort=rate&pageSize=20&page=${1 + (k++ % 50)}`),
      'PUT /api/forms/{id}': async () => {
        const p = pool[k++ % pool.length];
        const form = JSON.parse(p.data);
        // a new text on every save, also on the second lap over the pool (the stored text plus one
        // mark sent again would change nothing but the version). The mark replaces the last run's, so
        // the text does not grow with every run on a kept store, and names this run, or it would
        // repeat the last run's marks in the same order.
        form.goals.actual = `${(form.goals.actual ?? '').replace(/（第 [\w-]+ 次修改）/g, '')}（第 ${runMark}-${++edits} 次修改）`;
        const r = await call('PUT', `/api/forms/${p.id}`, JSON.stringify({ version: versions.get(p.id), form }));
        const b = r.body();
        if (r.status === 200) versions.set(p.id, b.version);
        else if (r.status === 409) versions.set(p.id, b.currentVersion);
        return { status: r.status, ok: r.status === 200 || r.status === 409 };
      },
    };
    // what a review system sees in the filling season: mostly reads, one request in ten a save
    let m = 0;
    kinds['mix 70% GET form, 20% list, 10% PUT'] = () => {
      const i = m++ % 10;
      return i < 7 ? kinds['GET /api/forms/{id}']() : i < 9 ? kinds['GET /api/forms?year&sort']() : kinds['PUT /api/forms/{id}']();
    };
    const only = process.env.BENCH_STORE_KINDS?.split(',');
    // A fresh Node process runs unoptimised code until V8 has seen each path a few thousand times:
    // measured cold, the first seconds of an open-loop run queue up and the backlog is what gets
    // timed. Warm each request kind first (closed loop, 4 in flight, WARM_SECS, not measured).
    for (const [name, fn] of Object.entries(kinds)) {
      if (name.startsWith('mix') || (only && !only.some((o) => name.includes(o)))) continue;
      const until = performance.now() + WARM_SECS * 1000;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (performance.now() < until) {
          await fn();
        }
      }));
    }
    for (const rate of RATES)
      for (const [name, fn] of Object.entries(kinds)) {
        if (only && !only.some((o) => name.includes(o))) continue;
        const lat = [];
        const trace = TRACE ? [] : null; // [ms after the run's start, latency ms] per request
        let errors = 0;
        const why = new Map();
        const fail = (k) => { errors++; why.set(k, (why.get(k) ?? 0) + 1); };
        const total = Math.round(rate * SECS);
        // The load generator's own pauses count against the server (latency runs from when a request
        // was due): collect its garbage before the run, and report its longest stall beside the figures.
        globalThis.gc?.();
        const walBefore = await walState();
        const stalls = monitorEventLoopDelay({ resolution: 2 }); // samples every 2 ms: a stall is its max less 2
        stalls.enable();
        const t0 = performance.now() + 50;
        await Promise.all(Array.from({ length: total }, async (_, i) => {
          const at = t0 + (i * 1000) / rate;
          const wait = at - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          try {
            const r = await fn();
            if (!r.ok) fail(r.status);
          } catch (e) {
            fail(e.code ?? e.message);
          }
          lat.push(Math.max(0, performance.now() - at));
          trace?.push([Math.round(at - t0), Math.round((performance.now() - at) * 10) / 10]);
        }));
        stalls.disable();
        const wal = await walSince(walBefore);
        if (trace) {
          const file = join(TRACE, `${dialect}-w${workers}-${name.replace(/\W+/g, '_')}-${rate}`);
          writeFileSync(`${file}.json`, JSON.stringify(trace));
          // when the run started (epoch ms), to line the trace up with other logs
          writeFileSync(`${file}.start`, String(Math.round(performance.timeOrigin + t0)));
        }
        report(`${dialect} API${workers > 1 ? ` (${workers} processes)` : ''} ${name} @${rate}/s`, { requests: total, 'p50 ms': fmt(pct(lat, 50), 1), 'p99 ms': fmt(pct(lat, 99), 1), 'client stall ms': fmt(Math.max(0, stalls.max / 1e6 - 2), 1), errors: errors ? `${errors} (${[...why].map(([k, v]) => `${k}: ${v}`).join(', ')})` : 0, ...wal, goal: 'p99 < 50 ms at 500/s' });
      }
  } finally {
    child.kill('SIGTERM');
  }
}

console.log(`# store bench — ${N.toLocaleString('en-US')} generated forms, dialects ${DIALECTS.join(', ')}`);
const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
try {
  for (const dialect of DIALECTS) {
    if (dialect === 'postgres') {
      try {
        const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
        await c.connect();
        // the settings that decide write throughput: part of what the machine was
        const names = ['server_version', 'shared_buffers', 'max_wal_size', 'fsync', 'synchronous_commit', 'autovacuum'];
        const set = (await c.query('select n, current_setting(n) as v from unnest($1::text[]) as n', [names])).rows;
        console.log(`postgres: ${set.map((r) => `${r.n}=${r.v}`).join(', ')}`);
        await c.end();
      } catch (e) {
        report('postgres', { skipped: `unreachable at ${PG_URL}: ${e.message}` });
        continue;
      }
    }
    const reuse = dialect === 'sqlite' ? KEEP && existsSync(KEEP) : KEEP_PG && (await pgSchemaHasForms(KEEP_PG));
    const floorSecs = reuse || process.env.BENCH_STORE_SKIP_FLOOR ? NaN : await importFloor(dialect, dir);
    const { store, target, cleanup } = await freshStore(dialect, dir, true);
    try {
      const secs = reuse ? NaN : await importReal(store);
      if (!reuse) {
        // what `jixiao import` does after committing (SQLite: checkpoint + ANALYZE; PostgreSQL: VACUUM ANALYZE)
        const t0 = performance.now();
        await afterBulkWrite(store);
        report(`${dialect} after the import (afterBulkWrite)`, { secs: fmt((performance.now() - t0) / 1000, 1) });
      }
      const size = dialect === 'sqlite' ? statSync(target).size + (existsSync(`${target}-wal`) ? statSync(`${target}-wal`).size : 0) : NaN;
      report(`${dialect} import ${fmt(N)} forms`, { secs: fmt(secs, 1), 'forms/s': fmt(N / secs), 'floor forms/s': fmt(N / floorSecs), ratio: `${fmt(secs / floorSecs, 2)}×`, goal: 'within 2×', ...(dialect === 'sqlite' ? { 'db MiB': fmt(size / 2 ** 20) } : {}) });
      if (!process.env.BENCH_STORE_SKIP_QUERIES) await benchQueries(dialect, store);
      if (!process.env.BENCH_STORE_SKIP_API) for (const w of WORKER_COUNTS) await benchApi(dialect, store, target, w);
    } finally {
      await store.close();
      await cleanup();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync(join(root, '.cache/bench'), { recursive: true });
writeFileSync(join(root, '.cache/bench/store.json'), JSON.stringify({ n: N, at: new Date().toISOString(), results }, null, 2));
