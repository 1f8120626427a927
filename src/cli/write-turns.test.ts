import cluster, { type Worker } from 'node:cluster';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { grantWriteTurns, WROTE_EVERY_MS } from './write-turns.js';

// stand-ins for forked workers: the primary's side only sends to them and asks whether they live
function fakeWorker(name: string, log: string[]) {
  const w = { dead: false, isDead: () => w.dead, isConnected: () => !w.dead, send: (m: { jixiaoTurn: string }) => log.push(`${m.jixiaoTurn} ${name}`) };
  return w as unknown as Worker & { dead: boolean };
}

describe('write turns (serve --workers)', () => {
  it('grants one turn at a time in the order asked, and takes back the turn of a worker that dies', () => {
    const log: string[] = [];
    grantWriteTurns();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => fakeWorker(n, log));
    const msg = (w: Worker, t: string) => cluster.emit('message', w, { jixiaoTurn: t }, undefined);
    msg(a, 'ask');
    msg(b, 'ask');
    msg(c, 'ask');
    expect(log).toEqual(['grant a']); // b and c wait
    msg(b, 'done'); // not b's turn: ignored
    expect(log).toEqual(['grant a']);
    msg(a, 'done');
    expect(log).toEqual(['grant a', 'grant b']);
    b.dead = true;
    cluster.emit('exit', b, 1, null);
    expect(log).toEqual(['grant a', 'grant b', 'grant c']);
    msg(c, 'done');
    msg(a, 'ask');
    expect(log.at(-1)).toBe('grant a');
  });

  it('tells the other workers, at most once a second each, that a worker writes', () => {
    vi.useFakeTimers();
    const log: string[] = [];
    grantWriteTurns();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => fakeWorker(n, log));
    const workers = cluster.workers;
    (cluster as { workers: unknown }).workers = { 1: a, 2: b, 3: c };
    try {
      const msg = (w: Worker, t: string) => cluster.emit('message', w, { jixiaoTurn: t }, undefined);
      msg(a, 'ask');
      expect(log).toEqual(['wrote b', 'wrote c', 'grant a']); // not a itself
      msg(a, 'done');
      msg(b, 'ask'); // a hears of b; c was told less than a second ago
      expect(log.slice(3)).toEqual(['wrote a', 'grant b']);
      msg(b, 'done');
      vi.advanceTimersByTime(WROTE_EVERY_MS);
      msg(a, 'ask');
      expect(log.slice(5)).toEqual(['wrote b', 'wrote c', 'grant a']);
    } finally {
      (cluster as { workers: unknown }).workers = workers;
    }
  });
});

afterEach(() => {
  vi.useRealTimers();
  cluster.removeAllListeners('message');
  cluster.removeAllListeners('exit');
});
