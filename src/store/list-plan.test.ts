import { afterEach, describe, expect, it } from 'vitest';
import type { CompiledQuery } from 'kysely';
import { openStore, type Store } from './db.js';
import { SYSTEM } from './audit-repo.js';
import { commitStream } from './imports-repo.js';
import { listForms, type FormFilter } from './queries.js';
import { makeForm } from '../model/testing.js';

/** A store that keeps the queries it runs (SQL and parameters), and `during`: those `run` ran. */
async function watchedStore() {
  let seen: CompiledQuery[] = [];
  const store = await openStore(':memory:', { log: (e) => void seen.push(e.query) });
  const during = async (run: () => Promise<unknown>) => {
    seen = [];
    await run();
    return seen;
  };
  return { store, during };
}

describe('the list on SQLite', () => {
  let store: Store;
  afterEach(async () => store?.close());

  it('reads filters with no index of their own from the narrow list index, never the forms rows (whose JSON makes them several pages each)', async () => {
    const w = await watchedStore();
    store = w.store;
    const forms = Array.from({ length: 30 }, (_, i) => ({ source: 's', index: i, form: makeForm({ projectName: `第${i}号项目`, year: 2020 + (i % 3) }) }));
    await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms);
    const filters: FormFilter[] = [
      { grade: '差' }, { grade: '优', gradeOf: 'calc' }, { scoreMin: 90 }, { rateMax: 0.5 }, { hasErrors: true }, { spotChecked: false }, { grade: '良', status: ['draft'] },
    ];
    for (const f of filters) {
      const run = await w.during(() => listForms(store.db, null, { ...f, pageSize: 20 }));
      const counts = run.filter((q) => /count\(\*\)/i.test(q.sql) && /from "forms"/.test(q.sql));
      expect(counts, JSON.stringify(f)).toHaveLength(1);
      const plan = store.sqlite!.prepare(`explain query plan ${counts[0].sql}`).all(...(counts[0].parameters as unknown[])) as { detail: string }[];
      expect([f, plan.map((p) => p.detail).join('; ')]).toEqual([f, expect.stringMatching(/^(SCAN|SEARCH) forms USING COVERING INDEX \w+( \([^)]*\))?$/)]);
    }
  });

  it('does not look for a page past the total (a filter no form passes walked the whole sort index)', async () => {
    const w = await watchedStore();
    store = w.store;
    await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, [{ source: 's', index: 0, form: makeForm({ projectName: '项目' }) }]);
    for (const [f, total] of [[{ scoreMin: 101 }, 0], [{ scoreMin: 0, page: 2 }, 1]] as const) {
      const run = await w.during(async () => expect(await listForms(store.db, null, { ...f, pageSize: 20 })).toMatchObject({ items: [], total }));
      expect(run.filter((q) => /order by/i.test(q.sql))).toEqual([]);
    }
    const run = await w.during(async () => expect((await listForms(store.db, null, { scoreMin: 0, pageSize: 20 })).items).toHaveLength(1));
    expect(run.filter((q) => /order by/i.test(q.sql))).toHaveLength(1);
  });
});
