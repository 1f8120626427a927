/**
 * SQLite WAL checkpoints on a worker thread. By default SQLite checkpoints inside whichever commit
 * pushes the WAL past 1000 pages: that commit copies the pages into the database file and fsyncs it,
 * on the server's only thread, so every request waiting behind it waits too (the p99 of saves under
 * load). The server turns automatic checkpoints off and lets a second connection on a worker thread
 * run PASSIVE checkpoints, which never block readers or writers.
 *
 * A PASSIVE checkpoint never starts the WAL over: only a commit that finds every frame copied does,
 * and with a pass a second copying a second of writes, some were always newer. Under steady writes
 * the WAL grew by every commit (2 GB in a minute of saves at 500/s on 1M forms). So while others
 * write, passes follow each other 10 ms apart: each copies less, and one that copies all before the
 * next commit lets that commit start the WAL over (in the same minute, 6 to 27 times a second; the
 * file peaked at 38 MB). Should no pass catch up (writes with no gaps), once the WAL holds
 * restartBytes and a pass has copied all it saw, the worker runs a RESTART checkpoint: it holds off
 * writers (the server's thread waits in SQLite's busy handler) while it copies the few frames
 * written since, then starts the WAL over; a writer busy at that moment makes it a passive pass.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

/** How often the worker checkpoints (ms) while nothing is being written. */
export const CHECKPOINT_EVERY_MS = 1000;
/** The pause before the next pass while passes still find frames to copy. */
export const CHECKPOINT_SOON_MS = 10;
/** WAL size from which the worker starts it over (bytes). */
export const RESTART_BYTES = 32 * 2 ** 20;

// CommonJS source for an eval worker: no separate file to bundle or locate
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0'); // another checkpointer or a writer at work: skip this round
const restartFrames = Math.ceil(workerData.restartBytes / db.pragma('page_size', { simple: true }));
let seen = -1;
let timer;
const run = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r.log >= restartFrames && r.checkpointed === r.log) db.pragma('wal_checkpoint(RESTART)');
  } catch (e) { if (e.code !== 'SQLITE_BUSY' && e.code !== 'SQLITE_LOCKED') throw e; }
  // while others write, the next pass comes soon, and has less to copy: one that copies all before
  // the next commit lets that commit start the WAL over by itself
  const v = db.pragma('data_version', { simple: true });
  const again = v !== seen ? workerData.soonMs : workerData.everyMs;
  seen = v;
  return again;
};
const loop = () => { timer = setTimeout(loop, run()); };
timer = setTimeout(loop, workerData.everyMs);
parentPort.on('message', () => { clearTimeout(timer); run(); db.close(); parentPort.close(); });
`;

export interface CheckpointOptions {
  everyMs?: number;
  restartBytes?: number;
}

export interface Checkpointer {
  /** Checkpoint once more and stop the worker. */
  stop(): Promise<void>;
}

/** Move `sqlite`'s checkpoints to a worker thread. If the worker fails, automatic checkpoints come back. */
export function startCheckpointer(sqlite: Database.Database, opts: CheckpointOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: sqlite.name, driver, everyMs: opts.everyMs ?? CHECKPOINT_EVERY_MS, soonMs: CHECKPOINT_SOON_MS, restartBytes: opts.restartBytes ?? RESTART_BYTES } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  const restore = () => { if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000'); };
  worker.on('error', (e) => {
    process.stderr.write(`jixiao: WAL checkpoint worker failed, checkpointing on commit again: ${e.message}\n`);
    restore();
  });
  const exited = new Promise<void>((res) => worker.once('exit', () => res()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
      restore();
    },
  };
}
