import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { dialects, openTestStore } from './testing.js';
import type { Store } from './db.js';
import type { DB } from './schema.js';
import { audit, SYSTEM } from './audit-repo.js';
import { MAX_GROUP } from './write-groups.js';

// each write appends one audit entry named after it
const entry = (name: string) => (trx: Transaction<DB>) => audit(trx, SYSTEM, { action: 'test.write', entity: 'test', entityId: name });
const stored = async (store: Store) =>
  (await store.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'test.write').execute()).map((r) => r.entity_id).sort();
const names = (n: number, p = 'w') => Array.from({ length: n }, (_, i) => `${p}${String(i).padStart(3, '0')}`);

describe.each(dialects)('store.write on %s', (dialect) => {
  let store: Store;
  afterEach(async () => store?.close());

  it('commits every write of a burst, in more than one group when there are many', async () => {
    store = await openTestStore(dialect);
    const ws = names(MAX_GROUP * 2 + 3);
    const trxs = await Promise.all(ws.map((w) => store.write(async (trx) => { await entry(w)(trx); return trx; })));
    expect(await stored(store)).toEqual(ws);
    const transactions = new Set(trxs).size;
    // SQLite: writes that queue together share a transaction, at most MAX_GROUP to one; PostgreSQL: one each
    if (dialect === 'sqlite') expect(transactions).toBe(3);
    else expect(transactions).toBe(ws.length);
  });

  it('undoes only the write that fails, and tells only its caller', async () => {
    store = await openTestStore(dialect);
    const ws = names(5);
    const results = await Promise.allSettled(
      ws.map((w) => store.write(async (trx) => {
        await entry(w)(trx);
        if (w === 'w002') throw new Error('w002 failed after writing');
        return w;
      })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('w002 failed after writing');
    expect(await stored(store)).toEqual(['w000', 'w001', 'w003', 'w004']);
  });

  it.skipIf(dialect !== 'sqlite')('answers a write only once its group is committed: another connection sees it then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-groups-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true })); // after afterEach has closed the store
    const file = join(dir, 'groups.sqlite');
    store = await openTestStore(dialect, { file });
    const other = new Database(file, { readonly: true });
    try {
      const count = () => (other.prepare(`select count(*) as n from audit_log where action = 'test.write'`).get() as { n: number }).n;
      const seen: number[] = [];
      await Promise.all(names(5).map((w) => store.write(entry(w)).then(() => seen.push(count()))));
      expect(seen).toEqual([5, 5, 5, 5, 5]);
      // a write queued while a group runs goes into the next one, after it
      const later = store.write(entry('first')).then(() => store.write(entry('second')).then(() => count()));
      expect(await later).toBe(7);
    } finally {
      other.close();
    }
  });

  it.skipIf(dialect !== 'sqlite')('fails the whole group, storing none of it, when the transaction itself is lost', async () => {
    store = await openTestStore(dialect);
    const results = await Promise.allSettled(
      names(4).map((w) => store.write(async (trx) => {
        await entry(w)(trx);
        // as SQLite does itself on a full disk or an I/O error: the transaction is rolled back under the group
        if (w === 'w002') {
          await sql`rollback`.execute(trx);
          throw new Error('disk full');
        }
      })),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('disk full');
    expect(await stored(store)).toEqual([]);
    // and the store goes on
    await store.write(entry('after'));
    expect(await stored(store)).toEqual(['after']);
  });
});
