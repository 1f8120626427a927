/**
 * Keeps SQLite's text search index compact while the server runs. Every save re-indexes its form:
 * FTS5 writes a new small segment and marks the old entry deleted (a tombstone). Queries that match
 * many forms then check the tombstones for every match: on 1,000,000 forms, counting those that
 * contain a word found in all of them took 29 ms on a compact index, 36 ms after 10 saves and 230 ms
 * after 1,000 (the same after 60,000 saves of 5,000 forms).
 *
 * Saves never merge (FTS5's automerge is 0, set by a migration). With FTS5's default, a save that
 * pushed a level to 4 segments merged them, and once the level holding the million-form segment
 * filled, saves rewrote the whole index in steps of 64 pages a level. A step cannot be short while
 * one word's list holds a million forms: even 20 pages took 18 ms at the median and over 260 ms one
 * time in ten. On 1M forms, 60 s of saves at 500/s stalled once for about 13 s (requests waited up
 * to 31 s) and the big segment came out rewritten; with saves not merging, six such runs had p99s
 * of 38 to 100 ms (the one that logged slow queries had none over 137 ms). What is left in the request path is FTS5's crisis merge,
 * which folds a level once it holds 16 segments: its inputs are only segments that saves wrote since
 * the last full merge (60,000 saves in groups of 4, outside the server: p99 2.8 ms, the slowest
 * crisis merge 160 ms).
 *
 * The server merges everything, a step at a time, only once enough forms have changed (a share of
 * the index, or too many segments), and only while no request has come for a while: a request that
 * arrives during a step waits for that step, and the merge then pauses until the server is idle
 * again. Folding a million forms rewrites the whole index (181 steps, 13.6 s).
 * `node bench/search-upkeep.mjs FILE` measures all this.
 *
 * PostgreSQL's GIN index takes new entries into a pending list, which the first insert to find it
 * over gin_pending_list_limit (4 MB) merges into the index, inside that save: on 1M forms, under
 * saves at 500/s, that save took 0.5 s and the requests behind it queued (p99 438 ms over 20 s).
 * Merging entry by entry instead (fastupdate off) overloaded the same saves (p99 1.2 s). So the
 * server empties the list itself every second, whether idle or not (about 16 ms for a second of
 * saves at 500/s; p99 31.4 ms over 20 s); a save that finds the list being emptied leaves it alone.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Store } from './db.js';

/** Pages written per merge step. */
export const MERGE_PAGES = 20;
/** How often the server looks for work, and the pause between steps while there is some. */
export const UPKEEP_EVERY_MS = 5_000;
export const STEP_PAUSE_MS = 50;
/** The server counts as idle after this long without a request. */
export const IDLE_AFTER_MS = 10_000;
/** Merge once tombstones reach this share of the entries, or there are more segments than this. */
export const MERGE_TOMBSTONE_SHARE = 0.001;
export const MERGE_SEGMENTS = 16;

/** How often the server empties PostgreSQL's GIN pending list. */
export const PG_PENDING_EVERY_MS = 1_000;

/** FTS5's own merging inside writes: off (see above). */
export const AUTOMERGE = 0;

/** Whether the index is fragmented enough to be worth rewriting, or a merge is unfinished. */
export const needsMerge = (s: SearchShape): boolean =>
  s.merging > 0 || s.tombstones >= MERGE_TOMBSTONE_SHARE * s.entries || s.segments > MERGE_SEGMENTS;

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

/** Merge PostgreSQL's GIN pending list into the index; the number of list pages it emptied. */
export async function cleanSearchPending(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: string }>`select gin_clean_pending_list('form_search_vec'::regclass) as n`.execute(db);
  return Number(r.rows[0].n);
}

/** Set FTS5's automerge (kept in the index's config table, so for every connection). */
export async function setAutomerge(db: Kysely<DB>, n: number): Promise<void> {
  // a literal: FTS5 takes only an integer, and a bound JS number arrives as a real
  await sql`insert into form_search (form_search, rank) values ('automerge', ${sql.lit(Math.trunc(n))})`.execute(db);
}

/** The shape of the index, from FTS5's structure record: how many segments, entries and tombstones. */
export interface SearchShape {
  segments: number;
  /** Segments that are inputs to an unfinished merge. */
  merging: number;
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
    let merging = 0;
    for (let l = 0; l < levels; l++) {
      merging += varint(); // segments being merged
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
    return { segments, merging, entries, tombstones };
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

export interface UpkeepOptions {
  /** True while the server has had no request for a while: steps run only then. */
  idle: () => boolean;
  everyMs?: number;
  pauseMs?: number;
  pages?: number;
  onError?: (e: Error) => void;
}

/**
 * SQLite: while the server is idle and the index fragmented, merge it step by step until it is one
 * segment again; a merge interrupted by requests resumes at the next idle time. PostgreSQL: empty
 * the GIN pending list every PG_PENDING_EVERY_MS (everyMs), idle or not.
 */
export function startSearchUpkeep(store: Store, opts: UpkeepOptions): SearchUpkeep {
  if (store.dialect !== 'sqlite') {
    const everyMs = opts.everyMs ?? PG_PENDING_EVERY_MS;
    return repeat(everyMs, everyMs, opts.onError, async () => {
      try {
        await cleanSearchPending(store.db);
      } catch (e) {
        // the server's role does not own the index (insufficient_privilege): no use trying again
        if ((e as { code?: string }).code !== '42501') throw e;
        opts.onError?.(e as Error);
        return null;
      }
      return everyMs;
    });
  }
  const everyMs = opts.everyMs ?? UPKEEP_EVERY_MS;
  const pauseMs = opts.pauseMs ?? STEP_PAUSE_MS;
  let merging = false;
  return repeat(everyMs, everyMs, opts.onError, async () => {
    if (!opts.idle()) return everyMs;
    if (!merging) {
      const shape = await searchShape(store.db);
      merging = shape != null && needsMerge(shape);
      if (!merging) return everyMs;
    }
    merging = await mergeSearchStep(store.db, opts.pages);
    return merging ? pauseMs : everyMs;
  });
}

/**
 * Run `step` after `firstMs`, then again after the delay it returns (null: no more), one run at a
 * time. A run that fails is tried again after `retryMs` (a busy database, a closed store, a
 * database that is down: the index stays correct either way), and said once per streak of failures.
 */
function repeat(firstMs: number, retryMs: number, onError: ((e: Error) => void) | undefined, step: () => Promise<number | null>): SearchUpkeep {
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (ms: number | null) => {
    if (stopped || ms == null) return;
    timer = setTimeout(() => { running = run(); }, ms);
    timer.unref();
  };
  const run = async () => {
    let next: number | null;
    try {
      next = await step();
      failing = false;
    } catch (e) {
      if (!failing) onError?.(e as Error);
      failing = true;
      next = retryMs;
    }
    schedule(next);
  };
  schedule(firstMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
