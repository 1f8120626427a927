/**
 * Write turns for `serve --workers N` on SQLite: the primary process hands out one write
 * transaction at a time, first come, first served, over the cluster's IPC channel (see WriteTurns
 * in store/db.ts for why SQLite's own busy wait is not enough). A turn costs one message each way.
 */
import cluster, { type Worker } from 'node:cluster';
import type { WriteTurns } from '../store/db.js';

type TurnMessage = { jixiaoTurn: 'ask' | 'grant' | 'done' };
const isTurn = (m: unknown): m is TurnMessage => typeof m === 'object' && m !== null && 'jixiaoTurn' in m;

/** A worker that got no answer in this time writes anyway (SQLite's busy wait still guards the file). */
const GRANT_TIMEOUT_MS = 5000;

/** In the primary, before forking: queue the workers' asks and grant them in order. */
export function grantWriteTurns(): void {
  const queue: Worker[] = [];
  let holder: Worker | null = null;
  const pump = () => {
    while (!holder && queue.length) {
      const w = queue.shift()!;
      if (w.isDead() || !w.isConnected()) continue;
      holder = w;
      w.send({ jixiaoTurn: 'grant' } satisfies TurnMessage);
    }
  };
  cluster.on('message', (w, m) => {
    if (!isTurn(m)) return;
    if (m.jixiaoTurn === 'ask') queue.push(w);
    else if (m.jixiaoTurn === 'done' && holder === w) holder = null;
    pump();
  });
  // a worker that dies holding or awaiting a turn gives it up
  cluster.on('exit', (w) => {
    for (let i = queue.indexOf(w); i >= 0; i = queue.indexOf(w)) queue.splice(i, 1);
    if (holder === w) holder = null;
    pump();
  });
}

/** In a worker: ask the primary for each write transaction's turn. */
export function askWriteTurns(): WriteTurns {
  let waiting: (() => void) | null = null;
  process.on('message', (m) => {
    if (!isTurn(m) || m.jixiaoTurn !== 'grant') return;
    const go = waiting;
    waiting = null;
    // a grant nobody waits for any more (it came after the timeout): hand it straight back
    if (go) go();
    else process.send!({ jixiaoTurn: 'done' } satisfies TurnMessage);
  });
  return {
    acquire: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiting = null;
          resolve();
        }, GRANT_TIMEOUT_MS);
        waiting = () => {
          clearTimeout(timer);
          resolve();
        };
        process.send!({ jixiaoTurn: 'ask' } satisfies TurnMessage);
      }),
    release: () => void process.send!({ jixiaoTurn: 'done' } satisfies TurnMessage),
  };
}
