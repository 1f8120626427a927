/**
 * Test support for the storage conformance suite: every storage and API test runs once per
 * dialect. PostgreSQL tests each get a fresh schema, dropped on close.
 */
import pg from 'pg';
import { openStore, type Store } from './db.js';
import type { DialectName } from './dialect.js';

export const PG_URL = process.env.JIXIAO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

const pgError = await probe();
if (pgError) {
  if (process.env.CI) throw new Error(`PostgreSQL at ${PG_URL} is unreachable (${pgError}); CI requires it`);
  console.warn(`[jixiao tests] PostgreSQL at ${PG_URL} unreachable (${pgError}): PostgreSQL cases skipped`);
}

export const dialects: DialectName[] = pgError ? ['sqlite'] : ['sqlite', 'postgres'];

let n = 0;
/** A fresh, migrated store: in-memory SQLite, or a new PostgreSQL schema dropped on close. */
export async function openTestStore(dialect: DialectName, opts: { file?: string; schema?: string } = {}): Promise<Store> {
  if (dialect === 'sqlite') return openStore(opts.file ?? ':memory:');
  const schema = opts.schema ?? `jx_t_${process.pid}_${Date.now().toString(36)}_${n++}`;
  const store = await openStore(PG_URL, { schema });
  const close = store.close;
  store.close = async () => {
    await close();
    if (!opts.schema) await dropSchema(schema);
  };
  return store;
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } finally { await c.end(); }
}
