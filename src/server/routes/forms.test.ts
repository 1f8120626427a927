import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing.js';
import { formFor, makeHarness, type Client, type Harness } from '../testing.js';
import { indicatorsWith } from '../../model/testing.js';

async function counts(h: Harness) {
  const db = h.store.db;
  const n = async (t: 'forms' | 'indicators' | 'findings' | 'scores' | 'audit_log' | 'comments') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { forms: await n('forms'), indicators: await n('indicators'), findings: await n('findings'), scores: await n('scores'), audit: await n('audit_log'), comments: await n('comments') };
}

describe.each(dialects)('forms API on %s', (dialect) => {
  let h: Harness;
  let filler: Client;
  afterEach(async () => h?.close());

  const create = async (c: Client, over = {}) => (await c.json('POST', '/api/forms', { form: formFor('unitA1', over) }, 201)) as any;

  it('creates a draft with derived numbers and findings computed on the server', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    // the client claims a wrong rate and score: the server keeps them as printed and recomputes its own
    const f = await create(filler, { funds: { total: { annualBudget: 845900, executed: 843800, rate: 50, score: 5 } } });
    expect(f).toMatchObject({ status: 'draft', version: 1, orgId: h.orgs.unitA1.id });
    expect(f.form.funds.total).toMatchObject({ rate: 50, score: 5 });
    expect(f.derived.rate.recomputed).toBeCloseTo(99.7517, 3);
    expect(f.derived.fundScore.recomputed).toBe(9.98);
    expect(f.findings.some((x: any) => x.path.startsWith('funds.total'))).toBe(true);
    const row = await h.store.db.selectFrom('forms').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(Number(row.annual_budget_fen)).toBe(84590000);
    expect(Number(row.executed_fen)).toBe(84380000);
    expect(row.printed_rate).toBe(50);
    expect(row.calc_fund_score).toBe(9.98);
    const ind = await h.store.db.selectFrom('indicators').selectAll().where('form_id', '=', f.id).orderBy('idx').execute();
    expect(ind.length).toBe(7);
    expect(ind[0]).toMatchObject({ idx: 0, level3: '完成数量', weight: 20, score: 20 });
    expect(f.scores).toEqual([expect.objectContaining({ level: 'self', totalScore: f.form.totalScore })]);
  });

  it('downloads a visible form as xlsx, PDF, CSV and JSON Lines; another unit learns nothing', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    const f = await create(filler, { projectName: '下载测试<项目>' });
    const x = await filler.get(`/api/forms/${f.id}/export?format=xlsx`);
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    expect(x.headers.get('content-disposition')).toContain(encodeURIComponent('下载测试_项目_.xlsx'));
    const { readXlsx } = await import('../../formats/xlsx/read.js');
    const back = await readXlsx(new Uint8Array(await x.arrayBuffer()));
    expect(back.forms[0].projectName).toBe('下载测试<项目>');
    const p = await filler.get(`/api/forms/${f.id}/export?format=pdf`);
    expect(new TextDecoder().decode((await p.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    const csv = new Uint8Array(await (await filler.get(`/api/forms/${f.id}/export?format=csv`)).arrayBuffer());
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads the Chinese as UTF-8
    expect(new TextDecoder().decode(csv)).toMatch(/^form_no,/);
    expect(JSON.parse((await (await filler.get(`/api/forms/${f.id}/export?format=jsonl`)).text()).split('\n')[0]).project_name).toBe('下载测试<项目>');
    expect((await filler.get(`/api/forms/${f.id}/export?format=doc`)).status).toBe(422);
    const other = await h.login('fillerB1');
    expect((await other.get(`/api/forms/${f.id}/export?format=xlsx`)).status).toBe(404);
  });

  it('saves with the current version, recomputes, audits old → new, and refuses a stale version with 409', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    const f = await create(filler);
    const form = structuredClone(f.form);
    form.funds.total.executed = 50000;
    form.indicators[1].score = 99; // above its weight: an indicator finding beside the form-level ones
    const saved = await filler.json('PUT', `/api/forms/${f.id}`, { version: 1, form });
    expect(saved.version).toBe(2);
    expect(saved.derived.rate.recomputed).toBe(50);
    expect(saved.findings.length).toBeGreaterThan(f.findings.length);
    const stale = await filler.put(`/api/forms/${f.id}`, { version: 1, form: f.form });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'stale-version', currentVersion: 2 });
    const got = await filler.json('GET', `/api/forms/${f.id}`);
    expect(got.form.funds.total.executed).toBe(50000);
    // the save answers with what a later read shows: same findings in the same order (form-level first, then by row)
    expect(saved.findings).toEqual(got.findings);
    expect(saved.scores).toEqual(got.scores);
    expect(saved.scores[0]).toMatchObject({ level: 'self', reviewer: 'fillerA1' });
    // a save that leaves the self-score as it was answers with the scores read beside the row
    got.form.goals.actual = '已完成';
    const textOnly = await filler.json('PUT', `/api/forms/${f.id}`, { version: 2, form: got.form });
    expect(textOnly.scores).toEqual((await filler.json('GET', `/api/forms/${f.id}`)).scores);
    const rows = got.findings.map((x: any) => x.indicatorIndex ?? -1);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(rows[0]).toBe(-1);
    expect(rows).toContain(1);
    const audit = await filler.json('GET', `/api/forms/${f.id}/audit`);
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'form.edit', field: 'funds.total.executed', old: 95000, new: 50000, actorName: 'fillerA1' }));
  });

  it('lets 50 concurrent editors of one form each land or get 409, losing no update', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    const f = await create(filler);
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        // every editor re-reads and retries until its own edit lands (a real client would merge)
        for (let attempt = 0; attempt < 200; attempt++) {
          const cur = await filler.json('GET', `/api/forms/${f.id}`);
          const form = cur.form;
          form.indicators[0].deviation = `${form.indicators[0].deviation ?? ''}|${i}`;
          const res = await filler.put(`/api/forms/${f.id}`, { version: cur.version, form });
          if (res.status === 200) return { ok: true, conflicts: attempt };
          expect(res.status).toBe(409);
          expect((await res.json()).code).toBe('stale-version');
        }
        return { ok: false, conflicts: 200 };
      }),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const final = await filler.json('GET', `/api/forms/${f.id}`);
    expect(final.version).toBe(1 + 50);
    const marks = final.form.indicators[0].deviation.split('|').filter(Boolean).map(Number).sort((a: number, b: number) => a - b);
    expect(marks).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('with one shot each, every concurrent PUT lands or gets 409 and the version counts the successes', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    const f = await create(filler);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const form = structuredClone(f.form);
        form.projectName = `改名 ${i}`;
        return (await filler.put(`/api/forms/${f.id}`, { version: 1, form })).status;
      }),
    );
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBe(1);
    expect((await filler.json('GET', `/api/forms/${f.id}`)).version).toBe(1 + ok);
  });

  it('keeps the dashboard roll-ups exact under concurrent edits and submits of many forms of one unit', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    const forms = [];
    for (let i = 0; i < 16; i++) forms.push(await create(filler, { projectName: `并发项目 ${i}` }));
    const statuses = await Promise.all(
      forms.flatMap((f, i) => {
        const form = structuredClone(f.form);
        form.funds.total.executed = 1000 * (i + 1);
        return [
          filler.put(`/api/forms/${f.id}`, { version: 1, form }).then((r) => r.status),
          filler.post(`/api/forms/${f.id}/submit`, { version: 1 }).then((r) => r.status),
        ];
      }),
    );
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBe(16); // one of the two writes per form lands
    const { dashboard, dashboardDirect } = await import('../../store/queries.js');
    expect(await dashboard(h.store.db, null, {})).toEqual(await dashboardDirect(h.store.db, null, {}));
  });

  it('rejects malformed and invalid bodies with a clear 4xx and stores nothing', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    const before = await counts(h);
    const bad = async (body: string | object, status: number) => {
      const res = await filler.request('POST', '/api/forms', typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json' });
      expect(res.status).toBe(status);
      const j = await res.json();
      expect(j).toHaveProperty('code');
      expect(typeof j.message).toBe('string');
    };
    await bad('{"form": {', 400);
    await bad('not json at all', 400);
    await bad({ form: { year: 'two thousand' } }, 422);
    await bad({ form: { ...formFor('unitA1'), indicators: 'many' } }, 422);
    await bad({ form: { ...formFor('unitA1'), funds: { ...formFor('unitA1').funds, total: { ...formFor('unitA1').funds.total, annualBudget: 1e300 } } } }, 422);
    // text PostgreSQL cannot store: a 422 on both dialects, not a 500 on one
    await bad({ form: formFor('unitA1', { projectName: '项目\u0000名称' }) }, 422);
    await bad({ form: formFor('unitA1', { indicators: indicatorsWith({ 3: { actual: '有\u0000效' } }) }) }, 422);
    expect(await counts(h)).toEqual(before);
  });

  it('rejects an oversized body with 413 and stores nothing', async () => {
    h = await makeHarness(dialect, { maxBodyBytes: 64 * 1024 });
    filler = await h.login('fillerA1');
    const before = await counts(h);
    const res = await filler.post('/api/forms', { form: formFor('unitA1', { projectName: '长'.repeat(100_000) }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'too-large' });
    expect(await counts(h)).toEqual(before);
  });

  it('deletes a draft at its version only', async () => {
    h = await makeHarness(dialect);
    filler = await h.login('fillerA1');
    const f = await create(filler);
    expect((await filler.del(`/api/forms/${f.id}?version=7`)).status).toBe(409);
    expect((await filler.del(`/api/forms/${f.id}?version=1`)).status).toBe(204);
    expect((await filler.get(`/api/forms/${f.id}`)).status).toBe(404);
    expect((await counts(h)).indicators).toBe(0);
  });

  it('lets an admin create a form for a unit, not for a department', async () => {
    h = await makeHarness(dialect);
    const admin = await h.login('admin');
    expect((await admin.post('/api/forms', { form: formFor('unitB1'), orgId: h.orgs.deptB.id })).status).toBe(422);
    const f = await admin.json('POST', '/api/forms', { form: formFor('unitB1'), orgId: h.orgs.unitB1.id }, 201);
    expect(f.orgId).toBe(h.orgs.unitB1.id);
  });
});
