import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { PG_URL, dialects, dropSchema, openTestStore } from './testing.js';
import type { Store } from './db.js';
import type { DB } from './schema.js';
import { SYSTEM } from './audit-repo.js';
import { commitStream } from './imports-repo.js';
import { applySave, getFormWithChildren, insertForm, planSave } from './forms-repo.js';
import { commitSave, warmSave } from './save-commit.js';
import { derive } from './derive.js';
import { dashboard, dashboardDirect } from './queries.js';
import { drawSpotCheck } from './workflow.js';
import { indicatorsWith, makeForm } from '../model/testing.js';
import type { Form } from '../model/form.js';

const AT = Date.parse('2026-03-01T08:00:00Z');

/** Every row a save writes for form `id`, without ids (rows of two forms compare equal when the same edits made them). */
async function snapshot(db: Kysely<DB>, id: string, pg: boolean) {
  const noIds = <T extends object>(rows: T[]) => rows.map(({ id: _i, form_id: _f, entity_id: _e, ...r }: any) => r);
  const { id: _id, ...form } = await db.selectFrom('forms').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    form,
    indicators: noIds(await db.selectFrom('indicators').selectAll().where('form_id', '=', id).orderBy('idx').execute()),
    findings: noIds(await db.selectFrom('findings').selectAll().where('form_id', '=', id).orderBy('id').execute()),
    scores: noIds(await db.selectFrom('scores').selectAll().where('form_id', '=', id).orderBy('level').execute()),
    audit: noIds(await db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('id').execute()),
    // SQLite's index is contentless: what it holds shows only through searches (search.test.ts)
    search: pg ? (await sql<{ vec: string }>`select vec::text as vec from form_search where form_id = ${id}`.execute(db)).rows[0]?.vec ?? null : null,
  };
}
/** Plan a save of `form` over what is stored now, as the server does. */
async function plan(db: Kysely<DB>, id: string, form: Form, at: number) {
  const stored = (await getFormWithChildren(db, id, ['findings']))!;
  const p = planSave({ row: stored.row, findings: stored.children.findings }, SYSTEM, stored.row.version, form, derive(form), at);
  if (!p.success) throw new Error(`plan failed: ${JSON.stringify(p.error)}`);
  return p.plan;
}

/** Counts the statements sent through the returned connection. */
function counted(db: Kysely<DB>) {
  const seen: string[] = [];
  const watched = db.withPlugin({
    transformQuery: ({ node }) => (seen.push(node.kind), node),
    transformResult: async ({ result }) => result,
  });
  return { watched, seen };
}

describe.each(dialects)('commitSave on %s', (dialect) => {
  let store: Store;
  afterEach(async () => store?.close());

  /** Two copies of one form in an imported unit. */
  async function twins(form: Form): Promise<[string, string]> {
    const r = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, [{ source: 's', index: 0, form }]);
    const org = await store.db.selectFrom('forms').select(['org_id', 'dept_org_id']).where('id', '=', r.created[0]).executeTakeFirstOrThrow();
    const meta = { orgId: org.org_id, deptOrgId: org.dept_org_id, status: 'draft' as const, createdBy: null };
    const copy = () => store.write((trx) => insertForm(trx, SYSTEM, form, meta, derive(form), AT));
    return [await copy(), await copy()];
  }

  it('writes what the transaction writes, every kind of edit, in one statement on PostgreSQL', async () => {
    store = await openTestStore(dialect);
    let form = makeForm({ projectName: '农村饮水安全工程', year: 2024 });
    const [a, b] = await twins(form);
    const edits: ((f: Form) => Form)[] = [
      (f) => ({ ...f, goals: { ...f.goals, expected: '完成水厂改造3座' } }), // searchable text only
      (f) => ({ ...f, indicators: indicatorsWith({ 0: { actual: '6个', score: 12 } }), totalScore: 92 }), // indicators, findings, self-score
      (f) => ({ ...f, funds: { ...f.funds, total: { ...f.funds.total, executed: 40000 } } }), // execution rate: roll-up buckets
      (f) => ({ ...f, year: 2025 }), // roll-up key
      // a lone surrogate, in the form's row and in an indicator row: stored as U+FFFD either way
      (f) => ({ ...f, projectName: 'broken \uD800 name', indicators: indicatorsWith({ 2: { level3: '按期\uDC00完成率' } }) }),
      (f) => ({ ...f, indicators: [], totalScore: null }), // every indicator removed
    ];
    for (const [i, edit] of edits.entries()) {
      form = edit(form);
      const at = AT + (i + 1) * 1000;
      const pa = await plan(store.db, a, form, at);
      expect(await store.write((trx) => applySave(trx, pa))).toMatchObject({ success: true });
      const pb = await plan(store.db, b, form, at);
      const { watched, seen } = counted(store.db);
      expect(await commitSave(watched, store.write, pb)).toEqual({ success: true, data: { version: i + 2 } });
      if (dialect === 'postgres') expect(seen).toEqual(['RawNode']);
      const pg = dialect === 'postgres';
      const [sa, sb] = [await snapshot(store.db, a, pg), await snapshot(store.db, b, pg)];
      expect([i, sb]).toEqual([i, sa]);
      // as a text parameter reaches PostgreSQL (better-sqlite3 stores the surrogate's three bytes, each invalid)
      if (pg && i === 4) expect([sb.form.project_name, sb.indicators[2].level3]).toEqual(['broken \uFFFD name', '按期\uFFFD完成率']);
    }
    expect(await dashboard(store.db, null, {})).toEqual(await dashboardDirect(store.db, null, {}));
  });

  it('writes nothing when another save landed first, and says which version is current', async () => {
    store = await openTestStore(dialect);
    const form = makeForm({ projectName: '道路养护' });
    const [id] = await twins(form);
    const stale = await plan(store.db, id, { ...form, projectName: '道路养护（一）' }, AT + 1000);
    const first = await plan(store.db, id, { ...form, projectName: '道路养护（二）' }, AT + 2000);
    expect(await commitSave(store.db, store.write, first)).toEqual({ success: true, data: { version: 2 } });
    const before = await snapshot(store.db, id, dialect === 'postgres');
    expect(await commitSave(store.db, store.write, stale)).toEqual({ success: false, error: { code: 'stale-version', currentVersion: 2 } });
    expect(await snapshot(store.db, id, dialect === 'postgres')).toEqual(before);
  });

  it('still saves a form spot-checked after it was read, and the roll-ups stay exact', async () => {
    store = await openTestStore(dialect);
    const form = makeForm({ projectName: '校舍维修', year: 2024 });
    const [id] = await twins(form);
    const p = await plan(store.db, id, { ...form, year: 2023, funds: { ...form.funds, total: { ...form.funds.total, executed: 50000 } } }, AT + 1000);
    await store.write((trx) => drawSpotCheck(trx, SYSTEM, null, { count: 2, seed: 's', statuses: ['draft'] }));
    expect(await commitSave(store.db, store.write, p)).toEqual({ success: true, data: { version: 2 } });
    const row = await store.db.selectFrom('forms').select(['year', 'spot_check_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.year).toBe(2023);
    expect(row.spot_check_id).not.toBeNull();
    expect(await dashboard(store.db, null, {})).toEqual(await dashboardDirect(store.db, null, {}));
  });
});

describe.runIf(dialects.includes('postgres'))('commitSave on postgres, beside transactions', () => {
  it('locks the roll-ups in the order transactions do (form_stats, then finding_stats): no deadlock', async () => {
    const schema = `jx_t_lock_${process.pid}_${Date.now().toString(36)}`;
    const store = await openTestStore('postgres', { schema });
    const other = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await other.connect();
    try {
      // a printed total that disagrees with its parts: a finding, so both roll-ups have a row for 2024
      const form = makeForm({ projectName: '河道整治', year: 2024, totalScore: 80 });
      const r = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, [{ source: 's', index: 0, form }]);
      const id = r.created[0];
      const p = await plan(store.db, id, { ...form, year: 2025 }, AT + 1000);
      // another writer, as applyStats locks them: 2024's form_stats row, and then (below) its finding_stats row
      await other.query(`set deadlock_timeout = '100ms'`);
      await other.query('begin');
      await other.query('update form_stats set forms = forms where year = 2024');
      const saved = commitSave(store.db, store.write, p);
      await new Promise((r) => setTimeout(r, 300)); // the save now waits for 2024's form_stats row
      await other.query('update finding_stats set forms = forms where year = 2024'); // a save holding this row would deadlock here
      await other.query('commit');
      expect(await saved).toEqual({ success: true, data: { version: 2 } });
      expect(await dashboard(store.db, null, {})).toEqual(await dashboardDirect(store.db, null, {}));
    } finally {
      await other.end();
      await store.close();
      await dropSchema(schema);
    }
  });
});

describe.runIf(dialects.includes('postgres'))('warming the save statement on PostgreSQL', () => {
  let store: Store;
  afterEach(async () => store?.close());

  it('runs the whole save statement for no form and writes nothing', async () => {
    store = await openTestStore('postgres');
    const forms = [makeForm({ projectName: '第1号水利项目' }), makeForm({ projectName: '第2号水利项目' })];
    await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms.map((form, index) => ({ source: 's', index, form })), { batchSize: 10 });
    const tables = ['forms', 'form_search', 'indicators', 'findings', 'scores', 'audit_log', 'form_stats', 'finding_stats'] as const;
    const counts = async () => Promise.all(tables.map(async (t) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0].n)));
    const before = await counts();
    expect(await warmSave(store.db)).toBe(true);
    expect(await counts()).toEqual(before);
    expect(before[0]).toBe(2);
  });
});
