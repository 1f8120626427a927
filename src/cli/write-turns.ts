/**
 * Write turns for `serve --workers N` on SQLite: the primary process hands out one write
 * transaction at a time, first come, first served, over the cluster's IPC channel (see WriteTurns
 * in store/db.ts for why SQLite's own busy wait is not enough). A turn costs one message each way.
 */
import cluster, { type Worker } from 'node:cluster';
import type { WriteTurns } from '../store/db.js';

// 'wrote': another worker has written (sent at most once a second to each worker; see othersWroteAt)
type TurnMessage = { jixiaoTurn: 'ask' | 'grant' | 'done' | 'wrote' };
const isTurn = (m: unknown): m is TurnMessage => typeof m === 'object' && m !== null && 'jixiaoTurn' in m;

/** A worker that got no answer in this time writes anyway (SQLite's busy wait still guards the file). */
const GRANT_TIMEOUT_MS = 5000;

/** How often, at most, a worker hears that others have written. */
export const WROTE_EVERY_MS = 1000;

/**
 * In the primary, before forking: queue the workers' asks and grant them in order, and tell each
 * worker (at most once a second) when the others write, so that the one running the search index
 * upkeep counts as idle only when the whole cluster is: its merge steps would hold up their writes.
 */
export function grantWriteTurns(): void {
  const queue: Worker[] = [];
  let holder: Worker | null = null;
  const told = new Map<Worker, number>();
  const tellOthers = (asker: Worker) => {
    const now = Date.now();
    for (const w of Object.values(cluster.workers ?? {}))
      if (w && w !== asker && w.isConnected() && now - (told.get(w) ?? -Infinity) >= WROTE_EVERY_MS) {
        told.set(w, now);
        w.send({ jixiaoTurn: 'wrote' } satisfies TurnMessage);
      }
  };
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
    if (m.jixiaoTurn === 'ask') {
      queue.push(w);
      tellOthers(w);
    }
    else if (m.jixiaoTurn === 'done' && holder === w) holder = null;
    pump();
  });
  // a worker that dies holding or awaiting a turn gives it up
  cluster.on('exit', (w) => {
    for (let i = queue.indexOf(w); i >= 0; i = queue.indexOf(w)) queue.splice(i, 1);
    if (holder === w) holder = null;
    told.delete(w);
    pump();
  });
}

/** In a worker: ask the primary for each write transaction's turn; `othersWroteAt` is when another worker last wrote (to within WROTE_EVERY_MS). */
export function askWriteTurns(): WriteTurns & { othersWroteAt(): number } {
  let waiting: (() => void) | null = null;
  let othersWrote = 0;
  process.on('message', (m) => {
    if (isTurn(m) && m.jixiaoTurn === 'wrote') othersWrote = Date.now();
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
    othersWroteAt: () => othersWrote,
  };
}
