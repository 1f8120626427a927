/**
 * Keeps SQLite's text search index compact while the server runs. Every save re-indexes its form
 * in its own small transaction: FTS5 writes a new segment each time and marks the old entry
 * deleted (a tombstone). Its automatic merging keeps the number of segments logarithmic, but
 * queries that match many forms still walk every segment and check every tombstone: after
 * 100,000 saves, counting the forms that contain a word found in all of 1,000,000 took 2–3 times
 * as long as on a freshly built index. FTS5's incremental 'merge' with a negative page count folds
 * all segments into one, a bounded amount of work at a time; the server runs one step at a time,
 * each in a write transaction of its own, so saves queue behind a step only as behind one more save.
 * PostgreSQL maintains its GIN index itself (the pending list, autovacuum): nothing to do there.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Store } from './db.js';

/** Pages written per merge step (a step takes a few ms on a 1M-form index). */
export const MERGE_PAGES = 200;
/** How often the server looks for work, and the pause between steps while there is some. */
export const UPKEEP_EVERY_MS = 5_000;
export const STEP_PAUSE_MS = 20;

/**
 * One incremental merge step. True when it did some work (FTS5 changes at least two rows of its
 * shadow tables when it merges; fewer when there was nothing left to merge).
 */
export async function mergeSearchStep(db: Kysely<DB>, pages = MERGE_PAGES): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changes = async () => Number((await sql<{ n: number }>`select total_changes() as n`.execute(trx)).rows[0].n);
    const before = await changes();
    await sql`insert into form_search (form_search, rank) values ('merge', ${-Math.abs(pages)})`.execute(trx);
    return (await changes()) - before >= 2;
  });
}

/** The shape of the index, from FTS5's structure record: how many segments, entries and tombstones. */
export interface SearchShape {
  segments: number;
  /** Entries and tombstones over all segments (0 when SQLite writes the older record without them). */
  entries: number;
  tombstones: number;
}

/**
 * Parse FTS5's structure record (the %_data row with id 10; format in SQLite's fts5_index.c): a
 * 4-byte cookie, [FF 00 00 01] for version 2 records, then varints: levels, segments, write counter,
 * and per level: segments being merged, segment count, and per segment its id, first and last leaf
 * page, and (version 2) two origin counters, tombstone pages, tombstone entries and entries.
 */
export function parseSearchShape(b: Uint8Array): SearchShape | null {
  let i = 4;
  const v2 = b.length >= 8 && b[4] === 0xff && b[5] === 0 && b[6] === 0 && b[7] === 1;
  if (v2) i = 8;
  const varint = (): number => {
    // SQLite's varint: 7 bits a byte, high bit set to go on; the ninth byte carries 8 bits
    let v = 0;
    for (let k = 0; k < 9; k++) {
      if (i >= b.length) throw new RangeError('truncated');
      const x = b[i++];
      if (k === 8) return v * 256 + x;
      v = v * 128 + (x & 0x7f);
      if (!(x & 0x80)) return v;
    }
    return v;
  };
  try {
    const levels = varint();
    const segments = varint();
    varint(); // write counter
    let entries = 0;
    let tombstones = 0;
    for (let l = 0; l < levels; l++) {
      varint(); // segments being merged
      const n = varint();
      for (let s = 0; s < n; s++) {
        varint(); varint(); varint(); // id, first and last leaf
        if (v2) {
          varint(); varint(); varint(); // origins, tombstone pages
          tombstones += varint();
          entries += varint();
        }
      }
    }
    return { segments, entries, tombstones };
  } catch {
    return null;
  }
}

export async function searchShape(db: Kysely<DB>): Promise<SearchShape | null> {
  const r = await sql<{ block: Uint8Array }>`select block from form_search_data where id = 10`.execute(db);
  return r.rows[0] ? parseSearchShape(r.rows[0].block) : null;
}

export interface SearchUpkeep {
  stop(): Promise<void>;
}

/** Run merge steps in the background while there is work (SQLite only; a no-op elsewhere). */
export function startSearchUpkeep(store: Store, opts: { everyMs?: number; pauseMs?: number; pages?: number; onError?: (e: Error) => void } = {}): SearchUpkeep {
  if (store.dialect !== 'sqlite') return { stop: async () => {} };
  const everyMs = opts.everyMs ?? UPKEEP_EVERY_MS;
  const pauseMs = opts.pauseMs ?? STEP_PAUSE_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => { running = tick(); }, ms);
    timer.unref();
  };
  const tick = async () => {
    try {
      schedule((await mergeSearchStep(store.db, opts.pages)) ? pauseMs : everyMs);
    } catch (e) {
      // a busy database or a closed store: try again later; the index stays correct either way
      opts.onError?.(e as Error);
      schedule(everyMs);
    }
  };
  schedule(everyMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
