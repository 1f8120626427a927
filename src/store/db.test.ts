import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { dialects, dropSchema, openTestStore, PG_URL } from './testing.js';
import { afterBulkWrite, isUnavailable, migrate, openStore, type Store } from './db.js';
import { CHECKPOINT_EVERY_MS } from './checkpointer.js';
import type { DB } from './schema.js';
import { audit, listAudit, SYSTEM } from './audit-repo.js';
import { createOrg, ensureRoot, listOrgs } from './orgs-repo.js';
import { createUser } from './users-repo.js';

describe.each(dialects)('store on %s', (dialect) => {
  let store: Store;
  afterEach(async () => store?.close());

  it('migrates, and migrating again is a no-op', async () => {
    store = await openTestStore(dialect);
    await migrate(store.db);
    const n = await store.db.selectFrom('forms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(0); // a number on both dialects, not '0'
  });

  it('builds the org tree 财政局 → 主管部门 → 实施单位 and refuses a fourth level', async () => {
    store = await openTestStore(dialect);
    const root = await ensureRoot(store.db, SYSTEM);
    expect(root.kind).toBe('finance');
    expect((await ensureRoot(store.db, SYSTEM)).id).toBe(root.id);
    const dept = await createOrg(store.db, SYSTEM, { name: '区科委', parentId: root.id });
    expect(dept.success && dept.data.kind).toBe('department');
    if (!dept.success) return;
    const unit = await createOrg(store.db, SYSTEM, { name: '政务网管理中心', parentId: dept.data.id });
    expect(unit.success && unit.data.path).toBe(`/${root.id}/${dept.data.id}/${unit.success ? unit.data.id : ''}/`);
    if (!unit.success) return;
    const deeper = await createOrg(store.db, SYSTEM, { name: 'x', parentId: unit.data.id });
    expect(deeper.success).toBe(false);
    const dup = await createOrg(store.db, SYSTEM, { name: ' 区科委 ', parentId: root.id });
    expect(dup).toMatchObject({ success: false, error: { code: 'duplicate-name' } });
    expect((await listOrgs(store.db, dept.data.path)).map((o) => o.name)).toEqual(['区科委', '政务网管理中心']);
  });

  it('keeps the audit log append-only in the database', async () => {
    store = await openTestStore(dialect);
    await audit(store.db, SYSTEM, [{ action: 'a', entity: 'x', old: 1, new: 2 }, { action: 'b', entity: 'x' }]);
    const { items, total } = await listAudit(store.db, { entity: 'x' });
    expect(total).toBe(2);
    expect(items.map((i) => i.action)).toEqual(['a', 'b']);
    expect(items[0]).toMatchObject({ old: 1, new: 2, actorName: 'system' });
    await expect(store.db.updateTable('audit_log').set({ action: 'z' }).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect((await listAudit(store.db)).total).toBe(2);
  });

  it('enforces foreign keys', async () => {
    store = await openTestStore(dialect);
    await expect(
      createUser(store.db, SYSTEM, { username: 'u', passwordHash: 'scrypt$x', role: 'admin', orgId: 'nope' }),
    ).resolves.toMatchObject({ success: false });
    await expect(
      store.db.insertInto('users').values({
        id: 'x', username: 'x', display_name: 'x', password_hash: 'x', role: 'admin', org_id: 'missing',
        disabled: 0, failed_logins: 0, locked_until: null, created_at: '', updated_at: '',
      }).execute(),
    ).rejects.toThrow();
  });

  it('round-trips large fen amounts and CJK text exactly', async () => {
    store = await openTestStore(dialect);
    const root = await ensureRoot(store.db, SYSTEM, '上海市普陀区财政局');
    const r = await store.db.selectFrom('orgs').select(['name']).where('id', '=', root.id).executeTakeFirstOrThrow();
    expect(r.name).toBe('上海市普陀区财政局');
    const big = 123456789012345; // 1.2 万亿元 in fen, beyond int32
    const v = await sql<{ v: number }>`select cast(${String(big)} as bigint) as v`.execute(store.db);
    expect(Number(v.rows[0].v)).toBe(big);
  });
});

describe('SQLite file', () => {
  it('uses WAL and foreign keys, and survives reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
    try {
      const file = join(dir, 'sub', 'j.sqlite');
      let s = await openStore(file);
      expect(s.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(s.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
      await ensureRoot(s.db, SYSTEM);
      await s.close();
      s = await openStore(file);
      expect((await listOrgs(s.db, null)).length).toBe(1);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with background checkpoints, commits leave the WAL and a worker thread folds it into the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
    try {
      const file = join(dir, 'j.sqlite');
      const s = await openStore(file, { backgroundCheckpoints: true });
      expect(s.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      // wait for the checkpoint of the migrations, then write ~4 MB: far past SQLite's own 1000-page trigger
      await new Promise((r) => setTimeout(r, CHECKPOINT_EVERY_MS * 1.5));
      const size0 = statSync(file).size;
      await s.db.transaction().execute((trx) => audit(trx, SYSTEM, Array.from({ length: 2000 }, (_, i) => ({ action: 'test', entity: 'x', entityId: String(i), new: 'x'.repeat(2000) }))));
      expect(statSync(file).size).toBe(size0); // the commit itself did not checkpoint
      const deadline = Date.now() + CHECKPOINT_EVERY_MS * 5;
      // the worker's checkpoint may be caught halfway (the file grows as it copies): wait for all of it
      while (statSync(file).size <= size0 + 3_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statSync(file).size).toBeGreaterThan(size0 + 3_000_000);
      await s.close(); // stops the worker: the test process would not exit otherwise
      const again = await openStore(file);
      expect((await listAudit(again.db, { entity: 'x', limit: 5 })).total).toBe(2000);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('with background checkpoints, the WAL starts over while writes go on, instead of growing with every commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
    try {
      const file = join(dir, 'j.sqlite');
      const s = await openStore(file, { backgroundCheckpoints: { everyMs: 50, restartBytes: 2 ** 20 } });
      s.sqlite!.exec('create table t (x blob)');
      const put = s.sqlite!.prepare('insert into t (x) values (randomblob(16384))');
      // a commit every 2 ms for 3 s, as a server under load leaves short gaps between its writes (a
      // pass every 50 ms, and a RESTART from 1 MB of WAL, to keep the test short)
      let written = 0;
      const until = Date.now() + 3000;
      while (Date.now() < until) {
        put.run();
        written += 16384;
        await new Promise((r) => setTimeout(r, 2));
      }
      // passive checkpoints alone never caught up with these writes: the WAL held all of them
      expect(statSync(`${file}-wal`).size).toBeLessThan(written / 4);
      expect(s.sqlite!.prepare('select count(*) from t').pluck().get()).toBe(written / 16384);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite write turns', () => {
  it('begins each write transaction only once its turn is granted, and gives the turn back on commit, rollback or a failed begin', async () => {
    const log: string[] = [];
    let grant: (() => void) | null = null;
    const turns = {
      acquire: () => new Promise<void>((res) => { log.push('ask'); grant = res; }),
      release: () => void log.push('done'),
    };
    // grant the turn asked for last, once it has been asked for
    const grantAsked = async (asks: number) => {
      while (log.filter((x) => x === 'ask').length < asks) await new Promise((r) => setTimeout(r, 1));
      grant!();
    };
    const s = await openStore(':memory:', { migrate: false, writeTurns: turns });
    try {
      await sql`create table t (x integer)`.execute(s.db);
      const tx = s.db.transaction().execute(async (trx) => { log.push('in'); await sql`insert into t values (1)`.execute(trx); });
      await new Promise((r) => setTimeout(r, 20));
      expect(log).toEqual(['ask']); // not begun while waiting
      await grantAsked(1);
      await tx;
      expect(log).toEqual(['ask', 'in', 'done']);
      const failing = s.db.transaction().execute(async () => { throw new Error('boom'); });
      await grantAsked(2);
      await expect(failing).rejects.toThrow('boom');
      expect(log.slice(3)).toEqual(['ask', 'done']);
      s.sqlite!.exec('begin'); // the connection already in a transaction: BEGIN IMMEDIATE fails
      const badBegin = s.db.transaction().execute(async () => {});
      await grantAsked(3);
      await expect(badBegin).rejects.toThrow();
      expect(log.slice(5)).toEqual(['ask', 'done']);
      s.sqlite!.exec('rollback');
      expect((await sql<{ n: number }>`select count(*) as n from t`.execute(s.db)).rows[0].n).toBe(1);
    } finally {
      await s.close();
    }
  });
});

describe.skipIf(!dialects.includes('postgres'))('PostgreSQL named statements', () => {
  it('prepares parameterised queries once per connection, but not text searches or anything during migrations', async () => {
    const schema = `jx_t_named_${process.pid}`;
    const s = await openStore(PG_URL, { schema, poolSize: 1 });
    try {
      const root = await ensureRoot(s.db, SYSTEM);
      for (let i = 0; i < 3; i++) await s.db.selectFrom('orgs').select('name').where('id', '=', root.id).execute();
      await s.db.selectFrom('orgs').select('name').where('name', 'like', '%财政%').execute();
      const prepared = (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(s.db)).rows.map((r) => r.statement);
      expect(prepared.filter((t) => /select "name" from "orgs" where "id" = \$1/.test(t))).toHaveLength(1);
      expect(prepared.some((t) => /like/i.test(t))).toBe(false);
      expect(prepared.some((t) => /^\s*(create|alter)\b|kysely_migration/i.test(t))).toBe(false);
    } finally {
      await s.close();
      await dropSchema(schema);
    }
  });
});

describe('database unavailable', () => {
  it('tells errors that a retry may cure from errors in the request', () => {
    for (const e of [{ code: 'SQLITE_BUSY' }, { code: '08006' }, { code: '57P01' }, { code: 'ECONNREFUSED' }, new Error('Connection terminated unexpectedly')]) expect([e, isUnavailable(e)]).toEqual([e, true]);
    for (const e of [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }, { code: '23505' }, { code: '42601' }, new Error('boom'), null, 'text']) expect([e, isUnavailable(e)]).toEqual([e, false]);
  });
});

describe.skipIf(!dialects.includes('postgres'))('PostgreSQL connections', () => {
  // as a restart or an administrator would; vitest fails the run on the unhandled 'error' event this once caused
  async function terminate(where: string, param: unknown) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and ${where}`, [param]);
    } finally {
      await admin.end();
    }
  }

  it('run in the store\'s schema without JIT (whose compile alone cost a full-scan count 100–150 ms)', async () => {
    const store = await openTestStore('postgres');
    try {
      const r = (await sql<{ jit: string; path: string }>`select current_setting('jit') as jit, current_setting('search_path') as path`.execute(store.db)).rows[0];
      expect(r.jit).toBe('off');
      expect(r.path).toMatch(/^jx_t_/);
    } finally {
      await store.close();
    }
  });

  it('with `warm`, are all open and warmed before the store is returned, and stay open', async () => {
    const schema = `jx_t_warm_${process.pid}_${Date.now().toString(36)}`;
    const warmed: number[] = [];
    const pidOf = async (db: Kysely<DB>) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0].pid;
    const store = await openStore(PG_URL, { schema, poolSize: 4, warm: async (conn) => warmed.push(await pidOf(conn)) });
    try {
      expect(new Set(warmed).size).toBe(4);
      // a burst of four finds the four warmed connections: none is opened under load
      const burst = await Promise.all(Array.from({ length: 4 }, () => store.db.connection().execute(async (c) => {
        const pid = await pidOf(c);
        await sql`select pg_sleep(0.05)`.execute(c);
        return pid;
      })));
      expect(new Set(burst)).toEqual(new Set(warmed));
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it('lives through PostgreSQL closing a connection, idle or in the middle of a query or transaction', async () => {
    const store = await openTestStore('postgres');
    try {
      const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0].pid;
      const idle = await pid();
      await terminate('pid = $1', idle);
      await new Promise((r) => setTimeout(r, 200));
      expect(await pid()).not.toBe(idle);
      for (const busy of [
        () => sql`select pg_sleep(5)`.execute(store.db),
        () => store.db.transaction().execute((trx) => sql`select pg_sleep(5)`.execute(trx)),
      ]) {
        const settled = busy().then(() => null, (e: Error) => e);
        await new Promise((r) => setTimeout(r, 300));
        await terminate('query = $1', 'select pg_sleep(5)');
        expect(await settled).toBeInstanceOf(Error); // the request fails, the process goes on
        await new Promise((r) => setTimeout(r, 200));
        expect(await pid()).toBeGreaterThan(0);
      }
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!dialects.includes('postgres'))('PostgreSQL after a bulk write', () => {
  it('vacuums and analyses every table of its own schema, and no other schema\'s', async () => {
    const store = await openTestStore('postgres');
    const other = await openTestStore('postgres');
    try {
      await afterBulkWrite(store);
      const vacuumed = async (s: Store) => {
        const r = await sql<{ name: string; done: boolean }>`select relname as name, last_vacuum is not null and last_analyze is not null as done from pg_stat_user_tables where schemaname = current_schema()`.execute(s.db);
        return r.rows;
      };
      const mine = await vacuumed(store);
      expect(mine.map((t) => t.name)).toEqual(expect.arrayContaining(['forms', 'indicators', 'findings', 'scores', 'comments', 'audit_log', 'form_search', 'form_stats', 'orgs', 'users', 'sessions']));
      expect(mine.filter((t) => !t.done)).toEqual([]);
      expect((await vacuumed(other)).filter((t) => t.done)).toEqual([]);
    } finally {
      await store.close();
      await other.close();
    }
  });
});

describe('migrations', () => {
  it.skipIf(!dialects.includes('postgres'))('replay to the same tables, columns and nullability on SQLite and PostgreSQL', async () => {
    const shape = async (dialect: 'sqlite' | 'postgres') => {
      const s = await openTestStore(dialect);
      try {
        const tables = ['orgs', 'users', 'sessions', 'forms', 'indicators', 'findings', 'scores', 'comments', 'audit_log', 'imports', 'spot_checks'];
        const out: Record<string, string[]> = {};
        for (const t of tables) {
          if (dialect === 'sqlite') {
            const cols = s.sqlite!.prepare(`pragma table_info(${t})`).all() as { name: string; notnull: number; pk: number }[];
            out[t] = cols.map((c) => `${c.name}${c.notnull || c.pk ? ' not null' : ''}`).sort();
          } else {
            const r = await sql<{ column_name: string; is_nullable: string }>`select column_name, is_nullable from information_schema.columns where table_schema = current_schema() and table_name = ${t}`.execute(s.db);
            out[t] = r.rows.map((c) => `${c.column_name}${c.is_nullable === 'NO' ? ' not null' : ''}`).sort();
          }
        }
        return out;
      } finally {
        await s.close();
      }
    };
    const a = await shape('sqlite');
    expect(Object.values(a).every((cols) => cols.length > 0)).toBe(true);
    expect(await shape('postgres')).toEqual(a);
  });
});
