import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Driver, type KyselyConfig } from 'kysely';
import type { DB } from './schema.js';
import { migrations } from './migrations/index.js';
import { isPostgres, type DialectName } from './dialect.js';
import { startCheckpointer, type CheckpointOptions } from './checkpointer.js';
import { writeGroups, type RunWrite } from './write-groups.js';
import { compactSearch } from './search.js';

export interface Store {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The target with any password removed, for messages. */
  label: string;
  /** The SQLite handle (for `.backup()`), absent on PostgreSQL. */
  sqlite?: Database.Database;
  /** A short write transaction; on SQLite, writes that queue up commit together (write-groups.ts). */
  write: RunWrite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: run in this schema (created if missing) through the pool's search_path. */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** Kysely query log (timings for profiling). */
  log?: KyselyConfig['log'];
  /**
   * SQLite file only: WAL checkpoints on a worker thread instead of inside the commit that fills
   * the WAL (see checkpointer.ts). The server uses it; one-shot commands keep SQLite's default.
   */
  backgroundCheckpoints?: boolean | CheckpointOptions;
  /** SQLite only: take a turn here before each write transaction (several processes on one file). */
  writeTurns?: WriteTurns;
  /**
   * PostgreSQL only: open every connection of the pool now, run this on each (the server's hot
   * reads), and keep them open. The first burst after start otherwise opened connections under load:
   * a new one costs a PostgreSQL process, cold catalog caches and its statements prepared again (a
   * form's read took 8 ms on a new connection, 2.4 on a used one), and GET at 500/s right after a
   * quieter run had a p99 of 340 ms against 28 ms once the pool had grown.
   */
  warm?: (conn: Kysely<DB>) => Promise<unknown>;
}

/**
 * Hands out write transactions one at a time across the processes sharing a SQLite file, first
 * come, first served. Waiting for a turn is asynchronous: the process serves reads meanwhile.
 */
export interface WriteTurns {
  acquire(): Promise<void>;
  release(): void;
}

export const DEFAULT_DB = './data/jixiao.sqlite';

/**
 * How long an idle PostgreSQL connection of a pool opened without `warm` stays open (pg's default is 10 s). A new connection costs a
 * PostgreSQL process, cold catalog caches and re-preparing the named statements. GET bursts (8 in
 * flight) after 12 quiet seconds took up to 220–228 ms with pg's default, 39–66 ms with this.
 */
export const IDLE_CONNECTION_MS = 10 * 60_000;

/** Bytes of WAL file kept once the WAL starts over (SQLite). */
export const WAL_SIZE_LIMIT = 64 * 2 ** 20;

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

// PostgreSQL sends int8 (count, sum of integers) and numeric (avg, sum of bigint) as strings.
const PG_NUMBER_OIDS = new Set([20, 1700]);
const pgTypes = {
  getTypeParser(oid: number, format?: any) {
    if (PG_NUMBER_OIDS.has(oid)) return (v: string) => (v === null ? null : Number(v));
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

/** Open SQLite (a file path or ':memory:') or PostgreSQL (a postgres:// URL) and migrate it. */
export async function openStore(target: string, opts: OpenOptions = {}): Promise<Store> {
  let store: Store;
  let migrated = false;
  const poolSize = opts.poolSize ?? 10; // PostgreSQL
  if (isPostgresUrl(target)) {
    const schema = opts.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name: ${schema}`);
    if (schema) {
      const c = new pg.Client({ connectionString: target });
      await c.connect();
      try { await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`); } finally { await c.end(); }
    }
    const pool = new pg.Pool({
      connectionString: target,
      max: poolSize,
      // a warmed pool keeps every connection; otherwise those idle for IDLE_CONNECTION_MS close
      min: opts.warm ? poolSize : 0,
      idleTimeoutMillis: IDLE_CONNECTION_MS,
      // no JIT: past jit_above_cost PostgreSQL compiles the query first, 100–150 ms here, which the
      // scans this store runs (a search count over every form, an aggregate) never earn back
      options: ['-c jit=off', schema ? `-c search_path=${schema}` : ''].join(' ').trim(),
      types: pgTypes as any,
    });
    pool.on('connect', namedStatements(() => migrated));
    // PostgreSQL may close a connection, idle or busy (a restart, an administrator, a network cut): the
    // query it was running fails, the pool drops it and opens another when next needed. Unheard, the
    // client's 'error' event (and the pool's, for an idle one) would end the whole process.
    pool.on('connect', (client) => client.on('error', (e) => process.stderr.write(`jixiao: a PostgreSQL connection closed (${e.message}); a new one opens when needed\n`)));
    pool.on('error', () => {}); // reported by the client's listener above
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: opts.log });
    store = { db, dialect: 'postgres', label: redact(target), write: writeGroups(db), close: () => db.destroy() };
  } else {
    if (target !== ':memory:') mkdirSync(dirname(resolve(target)), { recursive: true });
    const sqlite = new Database(target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('cache_size = -131072'); // 128 MiB of page cache: aggregates and imports stay in memory
    sqlite.pragma('temp_store = MEMORY');
    // when the WAL starts over, a file grown by a burst of writes (or an import) is cut back to this
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: cachedStatements(sqlite) }, opts.writeTurns), log: opts.log });
    const checkpointer = opts.backgroundCheckpoints && target !== ':memory:' ? startCheckpointer(sqlite, opts.backgroundCheckpoints === true ? {} : opts.backgroundCheckpoints) : null;
    store = { db, dialect: 'sqlite', label: target, sqlite, write: writeGroups(db), close: async () => { await checkpointer?.stop(); await db.destroy(); } };
  }
  if (opts.migrate !== false) {
    try {
      await migrate(store.db);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  migrated = true;
  if (opts.warm && store.dialect === 'postgres') await warmConnections(store.db, poolSize, opts.warm);
  return store;
}

/** Opens `n` connections at once (each is held until all are open, or the pool would hand back the same one) and runs `run` on each. */
async function warmConnections(db: Kysely<DB>, n: number, run: (conn: Kysely<DB>) => Promise<unknown>): Promise<void> {
  let open = 0;
  let allOpen!: () => void;
  const all = new Promise<void>((r) => (allOpen = r));
  const arrive = () => void (++open === n && allOpen());
  // best effort: a warm-up read that fails, or a connection that cannot open now (max_connections
  // reached), leaves that connection to open or warm when first needed
  await Promise.all(
    Array.from({ length: n }, () =>
      db
        .connection()
        .execute(async (conn) => {
          await run(conn).catch(() => {});
          arrive();
          await all;
        })
        .catch(arrive),
    ),
  );
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE), waiting up to busy_timeout.
 * With several server processes on one file, a transaction that read and then tried to write
 * after another process committed would otherwise fail at once with SQLITE_BUSY.
 *
 * With `turns`, each transaction first waits for its turn among the processes. SQLite's own wait
 * (the busy handler) sleeps 1, 2, 5, 10 … ms with the whole event loop stopped, retrying while
 * the other process takes the lock again and again: under a steady stream of saves the waiting
 * process falls behind and its queue never drains.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], private readonly turns?: WriteTurns) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const turns = this.turns;
    // Kysely runs one transaction at a time on the one connection, so one flag is enough
    let holding = false;
    const done = () => {
      if (holding) turns?.release();
      holding = false;
    };
    driver.beginTransaction = async (connection) => {
      if (turns) {
        await turns.acquire();
        holding = true;
      }
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      } catch (e) {
        done();
        throw e;
      }
    };
    const { commitTransaction, rollbackTransaction } = driver;
    driver.commitTransaction = async (connection) => {
      try { await commitTransaction.call(driver, connection); } finally { done(); }
    };
    driver.rollbackTransaction = async (connection) => {
      try { await rollbackTransaction.call(driver, connection); } finally { done(); }
    };
    return driver;
  }
}

/**
 * Kysely prepares every query afresh; preparing costs more than running most of ours (a save runs
 * ~20 statements). Reuse prepared statements by SQL text (LRU); bulk inserts' long SQL is not kept.
 */
function cachedStatements(sqlite: Database.Database, max = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): Database.Statement {
      const hit = cache.get(text);
      // a statement still being iterated (a stream) cannot run again: prepare another
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const st = sqlite.prepare(text);
      if (text.length <= 4096 && !hit) {
        cache.set(text, st);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return st;
    },
  };
}

/**
 * PostgreSQL parses, analyses and plans every query it is sent as text; a named (prepared)
 * statement is parsed once per connection and, once PostgreSQL finds its generic plan no worse
 * than a custom one, planned once too. Kysely sends text, so name each short statement by its SQL.
 * Not named: bulk inserts (long, of varying size), text searches (their plans depend on the words),
 * and anything before `enabled` (migrations change the tables a prepared statement would return).
 */
const statementNames = new Map<string, string>();
const MAX_NAMED = 2000;
function namedStatements(enabled: () => boolean) {
  return (client: pg.PoolClient): void => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as { query: unknown }).query = (text: unknown, values?: unknown[], ...rest: unknown[]) => {
      if (!enabled() || typeof text !== 'string' || !Array.isArray(values) || !values.length || text.length > 2000 || /like\b|@@/i.test(text)) return query(text, values, ...rest);
      let name = statementNames.get(text);
      if (!name) {
        if (statementNames.size >= MAX_NAMED) return query(text, values, ...rest);
        statementNames.set(text, (name = `jx${statementNames.size}`));
      }
      return query({ name, text, values }, ...rest);
    };
  };
}

export async function migrate(db: Kysely<DB>): Promise<void> {
  // Kysely looks for its own tables in every schema unless told which one: name the current schema,
  // or a second schema in the same database (tests, a staging copy) would be mistaken for this one.
  const schema = isPostgres(db) ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? ''} failed: ${(error as Error).message ?? error}`);
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * After a bulk import: fresh planner statistics; SQLite compacts its search index and folds its WAL
 * back into the file, and PostgreSQL vacuums its schema's tables. Until a vacuum has marked the new pages all-visible,
 * its index-only scans (the list's page of ids, the dashboards' covering indexes) visit the table for
 * every row, and autovacuum would do this work later, in the middle of serving.
 */
export async function afterBulkWrite(store: Store): Promise<void> {
  if (store.sqlite) {
    // also finishes any merge the server's upkeep left unfinished
    await compactSearch(store.db);
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.sqlite.exec('ANALYZE');
  } else {
    // every table of this schema, found rather than listed (a table added later is not forgotten), and
    // no other schema's (a shared database may hold others)
    const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(store.db);
    if (tables.rows.length) await sql`vacuum (analyze) ${sql.join(tables.rows.map((t) => sql.id(t.name)))}`.execute(store.db);
  }
}

// the database cannot be reached or is busy for now: a retry later may well succeed
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', // the network
  '57P01', '57P02', '57P03', '53300', // PostgreSQL shutting down, starting up, out of connections
  'SQLITE_BUSY', // SQLite: another writer held the lock past busy_timeout
]);
/** Whether an error means the database is unreachable or busy for now, not that the request was wrong. */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  const code = typeof err.code === 'string' ? err.code : '';
  // SQLSTATE class 08: connection exceptions; pg's own errors for a lost or timed-out connection carry no code
  return UNAVAILABLE_CODES.has(code) || code.startsWith('08') || /^Connection terminated|timeout exceeded when trying to connect/.test(String(err.message ?? ''));
}

/** ISO-8601 UTC text: sorts as text, the same in both dialects. */
export const iso = (ms: number = Date.now()): string => new Date(ms).toISOString();

let lastV7 = 0;
let seqV7 = 0;
/**
 * A UUIDv7 (RFC 9562) as text: time-ordered, so primary keys and the form_id indexes grow at
 * their right edge instead of splitting random B-tree pages (much faster bulk imports, smaller files).
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastV7) { ms = lastV7; seqV7++; } else { lastV7 = ms; seqV7 = 0; }
  if (seqV7 > 0xfff) { lastV7 = ++ms; seqV7 = 0; }
  // randomUUID() draws from a cached entropy pool: much cheaper than randomBytes() per id
  const r = crypto.randomUUID();
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-${(0x7000 | seqV7).toString(16)}-${r.slice(19)}`;
}

let lastMs = 0;
let counter = 0;
/** A time-ordered id: later ids sort after earlier ones from the same process. */
export function timeId(ms: number = Date.now()): string {
  if (ms <= lastMs) { counter++; ms = lastMs; } else { lastMs = ms; counter = 0; }
  return ms.toString(16).padStart(12, '0') + counter.toString(16).padStart(6, '0') + crypto.randomUUID().slice(24);
}
