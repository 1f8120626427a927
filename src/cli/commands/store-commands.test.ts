import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { main } from '../main.js';
import { openStore } from '../../store/db.js';
import { dashboard, listForms } from '../../store/queries.js';
import { PG_URL, dialects, dropSchema } from '../../store/testing.js';
import { startServer } from './serve.js';
import { searchShape } from '../../store/search-upkeep.js';
import { saveForm } from '../../store/forms-repo.js';
import { derive } from '../../store/derive.js';
import { SYSTEM } from '../../store/audit-repo.js';
import { makeForm } from '../../model/testing.js';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLES = join(ROOT, 'samples');

let dir: string;
let out: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => { out.push(String(s)); return true; });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (db: string, table: 'forms' | 'orgs' | 'users' | 'audit_log') => {
  const s = await openStore(db);
  try {
    return Number((await s.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  } finally {
    await s.close();
  }
};

describe('jixiao import / user / backup (SQLite)', () => {
  it('imports a directory with a summary; a second import creates nothing', async () => {
    const db = join(dir, 'j.sqlite');
    expect(await main(['import', SAMPLES, '--db', db])).toBe(0);
    expect(out.join('')).toMatch(/新建 \d+, 重复跳过 0/);
    const forms = await count(db, 'forms');
    const orgs = await count(db, 'orgs');
    expect(forms).toBeGreaterThan(4);
    out.length = 0;
    expect(await main(['import', SAMPLES, '--db', db])).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`新建 0, 重复跳过 ${forms}`));
    expect(await count(db, 'forms')).toBe(forms);
    expect(await count(db, 'orgs')).toBe(orgs);
    out.length = 0;
    expect(await main(['import', SAMPLES, '--db', db, '--dry-run'])).toBe(0);
    expect(out.join('')).toMatch(/新建 0/);
  });

  it('adds users, lists them and resets a password', async () => {
    const db = join(dir, 'j.sqlite');
    await main(['import', SAMPLES, '--db', db]);
    const s = await openStore(db);
    const root = await s.db.selectFrom('orgs').select('name').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    await s.close();
    expect(await main(['user', 'add', 'boss', '--role', 'admin', '--org', root.name, '--password', 'secret-pass', '--db', db])).toBe(0);
    expect(await main(['user', 'add', 'boss', '--role', 'admin', '--org', root.name, '--password', 'secret-pass', '--db', db])).toBe(2);
    expect(await main(['user', 'add', 'x', '--role', 'filler', '--org', root.name, '--password', 'secret-pass', '--db', db])).toBe(2);
    expect(await main(['user', 'passwd', 'boss', '--password', 'new-secret-1', '--db', db])).toBe(0);
    out.length = 0;
    expect(await main(['user', 'list', '--db', db])).toBe(0);
    expect(out.join('')).toContain(`boss\tadmin\t${root.name}`);
  });

  it('backs up a consistent copy with the SQLite online backup', async () => {
    const db = join(dir, 'j.sqlite');
    await main(['import', SAMPLES, '--db', db]);
    const copy = join(dir, 'copy.sqlite');
    expect(await main(['backup', '--out', copy, '--db', db])).toBe(0);
    expect(await count(copy, 'forms')).toBe(await count(db, 'forms'));
    expect(await count(copy, 'audit_log')).toBe(await count(db, 'audit_log'));
    out.length = 0;
    expect(await main(['backup', '--out', copy, '--db', 'postgres://u@127.0.0.1/x'])).toBe(1);
    expect(out.join('')).toContain('pg_dump');
  });

  it('reindex rebuilds a lost search index and roll-ups to what they were', async () => {
    const db = join(dir, 'j.sqlite');
    await main(['import', SAMPLES, '--db', db]);
    const look = async () => {
      const s = await openStore(db);
      try {
        return { found: (await listForms(s.db, null, { q: '绩效' })).total, dash: await dashboard(s.db, null, {}) };
      } finally {
        await s.close();
      }
    };
    const before = await look();
    expect(before.found).toBeGreaterThan(0);
    const s = await openStore(db);
    s.sqlite!.exec("insert into form_search (form_search) values ('delete-all'); delete from form_stats; delete from finding_stats");
    await s.close();
    expect((await look()).found).toBe(0);
    out.length = 0;
    expect(await main(['reindex', '--db', db])).toBe(0);
    expect(out.join('')).toMatch(/已重建/);
    expect(await look()).toEqual(before);
  });
});

describe('jixiao serve --sample', () => {
  it('imports the samples once, creates one demo account per role, serves the API, and restarts with nothing lost', async () => {
    const db = join(dir, 'serve.sqlite');
    const logs: string[] = [];
    let s = await startServer({ db, port: 0, sample: true, log: (x) => logs.push(x) });
    try {
      expect(logs.join('')).toMatch(/admin \/ admin123/);
      expect(logs.join('')).toMatch(/filler \/ filler123/);
      expect(await (await fetch(`${s.url}/api/health`)).json()).toEqual({ ok: true, worker: 0 });
      const login = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin123' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const list = await (await fetch(`${s.url}/api/forms?pageSize=200`, { headers: { cookie } })).json();
      expect(list.total).toBeGreaterThan(4);
      for (const u of ['finance', 'dept', 'filler']) {
        const r = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: { finance: 'finance123', dept: 'dept1234', filler: 'filler123' }[u] }) });
        expect([u, r.status]).toEqual([u, 200]);
      }
      await s.close();
      s = await startServer({ db, port: 0, sample: true, log: () => {} });
      const again = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin123' }) });
      const cookie2 = again.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      expect((await (await fetch(`${s.url}/api/forms`, { headers: { cookie: cookie2 } })).json()).total).toBe(list.total);
      // the old session survives the restart too
      expect((await fetch(`${s.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('jixiao serve: search index upkeep', () => {
  it('merges the search index once no request has come for a while, not while requests keep coming or other processes write', async () => {
    const db = join(dir, 'upkeep.sqlite');
    let othersWrote = 0; // serve --workers: when another process last wrote
    const s = await startServer({ db, port: 0, sample: true, log: () => {}, upkeep: { idleAfterMs: 300, everyMs: 20, pauseMs: 1, othersWroteAt: () => othersWrote } });
    try {
      const shape = async () => (await searchShape(s.store.db))!;
      // saves as the API makes them: each re-indexes its form and leaves a tombstone
      const rows = await s.store.db.selectFrom('forms').select(['id', 'version', 'data']).limit(10).execute();
      for (const r of rows) {
        const f = JSON.parse(r.data);
        f.goals.actual = `${f.goals.actual ?? ''}（已核实）`;
        const res = await s.store.db.transaction().execute((trx) => saveForm(trx, SYSTEM, r.id, r.version, f, derive(f)));
        expect(res.success).toBe(true);
      }
      expect((await shape()).tombstones).toBeGreaterThan(0);
      // a request every 50 ms: never idle, nothing merged
      for (let i = 0; i < 20; i++) {
        await (await fetch(`${s.url}/api/health`)).arrayBuffer();
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await shape()).tombstones).toBeGreaterThan(0);
      // no request here, but other processes write: not idle either
      for (let i = 0; i < 20; i++) {
        othersWrote = Date.now();
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await shape()).tombstones).toBeGreaterThan(0);
      // quiet: merged into one segment without tombstones
      for (let i = 0; i < 200 && (await shape()).segments > 1; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await shape()).toMatchObject({ segments: 1, tombstones: 0 });
    } finally {
      await s.close();
    }
  });
});

describe.skipIf(!dialects.includes('postgres'))('jixiao import into PostgreSQL', () => {
  it('imports through a postgres:// URL, idempotently', async () => {
    const schema = `jx_cli_${process.pid}_${Date.now().toString(36)}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    try {
      expect(await main(['import', SAMPLES, '--db', url])).toBe(0);
      const n = await count(url, 'forms');
      expect(n).toBeGreaterThan(4);
      expect(await main(['import', SAMPLES, '--db', url])).toBe(0);
      expect(await count(url, 'forms')).toBe(n);
    } finally {
      await dropSchema(schema);
    }
  });
});

describe.each(dialects)('an import on %s of a form whose text PostgreSQL cannot store', (dialect) => {
  it('reports that form unreadable, says why, and imports the others', async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => { err.push(String(s)); return true; });
    const file = join(dir, 'forms.json');
    writeFileSync(file, JSON.stringify([makeForm({ projectName: '项目\u0000甲' }), makeForm({ projectName: '项目乙' })]));
    const schema = `jx_cli_nul_${process.pid}_${Date.now().toString(36)}`;
    let db = join(dir, 'nul.sqlite');
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.end();
      db = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    }
    try {
      // before: PostgreSQL refused the whole import ('invalid byte sequence for encoding "UTF8": 0x00'), SQLite stored it
      expect(await main(['import', file, '--db', db])).toBe(1);
      expect(await count(db, 'forms')).toBe(1);
      expect(err.join('')).toContain('无法读取 forms.json 第 1 张');
      expect(err.join('')).toContain('projectName: 文本含有空字符（U+0000）');
    } finally {
      if (dialect === 'postgres') await dropSchema(schema);
    }
  });
});

describe('an import killed midway (SIGKILL)', () => {
  it('leaves the SQLite store exactly as before', async () => {
    const db = join(dir, 'kill.sqlite');
    await main(['import', join(SAMPLES, readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))[0]), '--db', db]);
    const before = { forms: await count(db, 'forms'), orgs: await count(db, 'orgs'), audit: await count(db, 'audit_log') };
    const forms = Array.from({ length: 4000 }, (_, i) => makeForm({ projectName: `批量项目 ${i}`, department: `部门${i % 20}`, implementingUnit: `单位${i % 200}` }));
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify(forms));
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { main } from ${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}; process.exitCode = await main(${JSON.stringify(['import', file, '--db', db])});`], {
      cwd: ROOT, env: { ...process.env, JIXIAO_PROGRESS: 'lines' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let killedAt = 0;
    await new Promise<void>((res) => {
      child.stderr.on('data', (d: Buffer) => {
        const m = /progress (\d+)\/(\d+)/.exec(d.toString());
        if (m && !killedAt && Number(m[1]) >= 500) { killedAt = Number(m[1]); child.kill('SIGKILL'); }
      });
      child.on('exit', () => res());
    });
    expect(killedAt).toBeGreaterThanOrEqual(500);
    expect(killedAt).toBeLessThan(4000);
    expect({ forms: await count(db, 'forms'), orgs: await count(db, 'orgs'), audit: await count(db, 'audit_log') }).toEqual(before);
    const s = await openStore(db);
    expect(s.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    await s.close();
  });
});
