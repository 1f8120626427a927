import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PG_URL, dialects, dropSchema, openTestStore } from './testing.js';
import type { Store } from './db.js';
import { SYSTEM } from './audit-repo.js';
import { commitStream } from './imports-repo.js';
import { dashboard, dashboardDirect } from './queries.js';
import { rebuildStats } from './stats.js';
import { saveForm, deleteDraft } from './forms-repo.js';
import { derive } from './derive.js';
import { drawSpotCheck, seededRandom, transition } from './workflow.js';
import { makeForm, makeIndicator } from '../model/testing.js';
import type { Form } from '../model/form.js';

const ADMIN = { ...SYSTEM, role: 'admin' as const };

function forms(n: number, seed: string): Form[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const budget = rnd() < 0.1 ? 0 : Math.round(rnd() * 1e6) / 100 + 1000;
    return makeForm({
      year: rnd() < 0.05 ? null : 2020 + (i % 3),
      projectName: `项目${i}`,
      department: `部门${i % 3}`,
      implementingUnit: `部门${i % 3}单位${i % 5}`,
      totalScore: rnd() < 0.1 ? null : undefined,
      funds: { total: { annualBudget: budget, executed: rnd() < 0.1 ? null : Math.round(budget * (0.3 + rnd()) * 100) / 100 } },
      indicators: rnd() < 0.3 ? [makeIndicator({ weight: 50, score: Math.round(rnd() * 5000) / 100 }), makeIndicator({ level1: '效益指标', level2: '社会效益指标', weight: 40, score: 40 })] : undefined,
    });
  });
}

describe.each(dialects)('dashboard roll-ups on %s', (dialect) => {
  let store: Store;
  afterEach(async () => store?.close());

  const compare = async () => {
    const orgs = await store.db.selectFrom('orgs').select(['id', 'path']).execute();
    const scopes: [string | null, object][] = [[null, {}], [null, { year: 2021 }], [null, { status: ['draft', 'published'] }], [orgs[0].path, {}]];
    for (const o of orgs.slice(0, 4)) scopes.push([null, { orgId: o.id }]);
    for (const [scope, f] of scopes) {
      const a = await dashboard(store.db, scope, f);
      const b = await dashboardDirect(store.db, scope, f);
      const round = (d: any) => JSON.parse(JSON.stringify(d, (k, v) => (typeof v === 'number' && /avg/i.test(k) ? Math.round(v * 10) / 10 : v)));
      expect([scope, f, round(a)]).toEqual([scope, f, round(b)]);
    }
  };

  it('match the direct aggregates through imports, edits, transitions, spot checks and deletes, and after a rebuild', async () => {
    store = await openTestStore(dialect);
    const who = { actor: SYSTEM, role: null, orgId: null };
    const res = await commitStream(store.db, who, forms(60, 'a').map((form, index) => ({ source: 's', index, form })), { batchSize: 25 });
    expect(res.created.length).toBe(60);
    await compare();
    const rnd = seededRandom('ops');
    for (const id of res.created.slice(0, 25)) {
      const row = await store.db.selectFrom('forms').select(['data', 'version', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
      const r = rnd();
      if (r < 0.3) {
        const f = JSON.parse(row.data) as Form;
        f.funds.total.executed = Math.round(rnd() * 1e6) / 100;
        f.totalScore = Math.round(rnd() * 10000) / 100;
        f.year = 2022;
        await store.db.transaction().execute((trx) => saveForm(trx, SYSTEM, id, row.version, f, derive(f)));
      } else if (r < 0.6) {
        await store.db.transaction().execute((trx) => transition(trx, ADMIN, id, 'submit'));
        if (rnd() < 0.5) await store.db.transaction().execute((trx) => transition(trx, ADMIN, id, 'approve'));
      } else if (r < 0.8) {
        await store.db.transaction().execute((trx) => deleteDraft(trx, SYSTEM, id, row.version));
      }
    }
    await store.db.transaction().execute((trx) => drawSpotCheck(trx, SYSTEM, null, { share: 0.3, seed: 'x', statuses: ['draft', 'dept_review'] }));
    await compare();
    const before = await dashboard(store.db, null, {});
    await rebuildStats(store.db);
    expect(await dashboard(store.db, null, {})).toEqual(before);
  });
});

describe.runIf(dialects.includes('postgres'))('a long import on postgres', () => {
  let store: Store;
  afterEach(async () => store?.close());

  it('keeps planner statistics of forms: a concurrent ANALYZE (autovacuum) cannot record it as empty mid-import', async () => {
    const schema = `jx_t_an_${process.pid}_${Date.now().toString(36)}`;
    store = await openTestStore('postgres', { schema });
    const other = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await other.connect();
    const seen: number[] = [];
    try {
      const who = { actor: SYSTEM, role: null, orgId: null };
      await commitStream(store.db, who, forms(60, 'an').map((form, index) => ({ source: 's', index, form })), {
        batchSize: 20,
        // what autovacuum does while the import runs: it cannot see the uncommitted rows
        onProgress: async () => {
          await other.query('analyze (skip_locked) forms');
          seen.push(Number((await other.query(`select reltuples from pg_class where oid = 'forms'::regclass`)).rows[0].reltuples));
        },
      });
    } finally {
      await other.end();
      await store.close();
      await dropSchema(schema);
    }
    // without the import's own ANALYZE the outside one records 0 tuples (and foreign-key checks then scan whole indexes)
    expect(seen).toHaveLength(3);
    expect(seen.every((n) => n !== 0)).toBe(true);
  });
});
