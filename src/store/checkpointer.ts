/**
 * SQLite WAL checkpoints on a worker thread. By default SQLite checkpoints inside whichever commit
 * pushes the WAL past 1000 pages: that commit copies the pages into the database file and fsyncs it,
 * on the server's only thread, so every request waiting behind it waits too (the p99 of saves under
 * load). The server turns automatic checkpoints off and lets a second connection on a worker thread
 * run PASSIVE checkpoints, which never block readers or writers, at a steady interval.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

/** How often the worker checkpoints (ms): a second of saves is a few MB of WAL. */
export const CHECKPOINT_EVERY_MS = 1000;

// CommonJS source for an eval worker: no separate file to bundle or locate
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0'); // another checkpointer at work: skip this round
const run = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { if (e.code !== 'SQLITE_BUSY' && e.code !== 'SQLITE_LOCKED') throw e; } };
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); run(); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  /** Checkpoint once more and stop the worker. */
  stop(): Promise<void>;
}

/** Move `sqlite`'s checkpoints to a worker thread. If the worker fails, automatic checkpoints come back. */
export function startCheckpointer(sqlite: Database.Database, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: sqlite.name, driver, everyMs } });
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
