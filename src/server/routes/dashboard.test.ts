import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing.js';
import { makeIndicator } from '../../model/testing.js';
import { formFor, makeHarness, type Client, type Harness } from '../testing.js';

const INJECTIONS = [
  "' OR '1'='1", "'; DROP TABLE forms; --", '" OR ""="', '1; DELETE FROM users', "%' --", '\\', '%', '_', "') UNION SELECT * FROM users --",
  '1 OR 1=1', "x' AND (SELECT COUNT(*) FROM sessions) > 0 --", '$1', '; SELECT pg_sleep(1);',
];
const PARAMS = ['year', 'orgId', 'status', 'grade', 'gradeOf', 'scoreMin', 'scoreMax', 'rateMin', 'rateMax', 'finding', 'hasErrors', 'spotChecked', 'spotCheckId', 'q', 'sort', 'order', 'page', 'pageSize'];

describe.each(dialects)('queries and dashboard on %s', (dialect) => {
  let h: Harness;
  let admin: Client;
  let fin: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await makeHarness(dialect);
    admin = await h.login('admin');
    fin = await h.login('finance');
    const mk = async (key: string, unit: 'unitA1' | 'unitA2' | 'unitB1', over: Parameters<typeof formFor>[1], steps: string[] = []) => {
      let f = await admin.json('POST', '/api/forms', { form: formFor(unit, over), orgId: h.orgs[unit].id }, 201);
      for (const s of steps) f = await admin.json('POST', `/api/forms/${f.id}/${s}`, s === 'return' ? { comments: [{ path: 'year', body: 'x' }] } : {});
      ids[key] = f.id;
    };
    // the same project in 2021 and 2022 (year-over-year), different units, statuses, rates and scores
    await mk('a21', 'unitA1', { year: 2021, projectName: '视频会议系统运维', funds: { total: { annualBudget: 100000, executed: 100000 } } }, ['submit', 'approve', 'accept']);
    await mk('a22', 'unitA1', { year: 2022, projectName: '视频会议系统运维', funds: { total: { annualBudget: 120000, executed: 60000 } } }, ['submit']);
    await mk('b22', 'unitA2', { year: 2022, projectName: '科技创新券_100%兑付', goals: { expected: '扶持中小企业创新' } });
    await mk('c22', 'unitB1', {
      year: 2022, projectName: '校舍维修',
      indicators: [makeIndicator({ weight: 50, score: 20 }), makeIndicator({ level1: '效益指标', level2: '社会效益指标', weight: 40, score: 30 })],
      totalScore: 59, funds: { total: { annualBudget: 200000, executed: 250000 } },
    }, ['submit', 'approve']);
  });
  afterAll(async () => h?.close());

  it('filters by year, org subtree, status, grade, score and rate ranges, finding code and text', async () => {
    const q = async (qs: string) => (await fin.json('GET', `/api/forms?${qs}`)).items.map((x: any) => x.id).sort();
    expect(await q('year=2022')).toEqual([ids.a22, ids.b22, ids.c22].sort());
    expect(await q(`orgId=${h.orgs.deptA.id}`)).toEqual([ids.a21, ids.a22, ids.b22].sort());
    expect(await q(`orgId=${h.orgs.unitB1.id}`)).toEqual([ids.c22]);
    expect(await q('status=published,finance_review')).toEqual([ids.a21, ids.c22].sort());
    expect(await q('grade=差')).toEqual([ids.c22]);
    expect(await q('scoreMax=60')).toEqual([ids.c22]);
    expect(await q('rateMin=90&rateMax=100')).toEqual([ids.a21, ids.b22].sort());
    expect(await q('rateMin=120')).toEqual([ids.c22]);
    expect(await q(`q=${encodeURIComponent('视频会议')}`)).toEqual([ids.a21, ids.a22].sort());
    expect(await q(`q=${encodeURIComponent('中小企业')}`)).toEqual([ids.b22]); // goals text
    expect(await q(`q=${encodeURIComponent('_100%')}`)).toEqual([ids.b22]); // LIKE wildcards are literal
    expect(await q('q=%25')).toEqual([ids.b22]);
    const f4 = (await fin.json('GET', `/api/forms/${ids.c22}`)).findings.map((f: any) => f.code);
    expect(f4.length).toBeGreaterThan(0);
    expect(await q(`finding=${f4[0]}`)).toContain(ids.c22);
    expect(await q('hasErrors=true')).toContain(ids.c22);
  });

  it('reports totals that match the rows, whether counted from forms or from the roll-up', async () => {
    const codes: string[] = (await fin.json('GET', '/api/dashboard')).findingsByCode.map((x: any) => x.code);
    expect(codes.length).toBeGreaterThan(1);
    const byCode = codes.flatMap((c) => [`finding=${c}`, `finding=${c}&year=2022`, `finding=${c}&orgId=${h.orgs.deptA.id}`, `finding=${c}&status=draft`, `finding=${c}&grade=优`]);
    for (const qs of ['', 'year=2022', 'status=draft,dept_review', `orgId=${h.orgs.deptA.id}`, `orgId=${h.orgs.unitB1.id}&year=2022`, 'year=2021&status=draft', 'grade=优', 'q=%E8%A7%86', 'rateMin=90', ...byCode]) {
      const r = await fin.json('GET', `/api/forms?pageSize=200&${qs}`);
      expect([qs, r.total]).toEqual([qs, r.items.length]);
    }
    const dept = await h.login('deptB');
    const r = await dept.json('GET', '/api/forms?pageSize=200');
    expect(r.total).toBe(r.items.length);
    expect(r.total).toBe(1);
  });

  it('sorts with nulls last and paginates stably', async () => {
    const all = await fin.json('GET', '/api/forms?sort=rate&order=desc');
    expect(all.items.map((x: any) => x.id)).toEqual([ids.c22, ids.a21, ids.b22, ids.a22]);
    const asc = await fin.json('GET', '/api/forms?sort=budget&order=asc');
    expect(asc.items.map((x: any) => x.budget)).toEqual([95000 === asc.items[0].budget ? 95000 : 100000, ...asc.items.slice(1).map((x: any) => x.budget)].sort((a: number, b: number) => a - b));
    const p1 = await fin.json('GET', '/api/forms?sort=projectName&pageSize=3&page=1');
    const p2 = await fin.json('GET', '/api/forms?sort=projectName&pageSize=3&page=2');
    expect(p1.total).toBe(4);
    expect(p1.items.length).toBe(3);
    expect(p2.items.length).toBe(1);
    expect(new Set([...p1.items, ...p2.items].map((x: any) => x.id)).size).toBe(4);
  });

  it('computes dashboard aggregates in the database', async () => {
    const d = await fin.json('GET', '/api/dashboard');
    expect(d.totals.forms).toBe(4);
    expect(d.totals.budget).toBe(100000 + 120000 + 100000 + 200000);
    expect(d.totals.executed).toBe(100000 + 60000 + 95000 + 250000);
    expect(d.byStatus).toEqual([{ status: 'dept_review', count: 1 }, { status: 'draft', count: 1 }, { status: 'finance_review', count: 1 }, { status: 'published', count: 1 }]);
    expect(d.byGrade).toEqual(expect.arrayContaining([{ grade: '差', count: 1 }, { grade: '优', count: 3 }]));
    expect(d.scoreHistogram.find((b: any) => b.bucket === '<60').count).toBe(1);
    expect(d.rateHistogram.find((b: any) => b.bucket === '>100%').count).toBe(1);
    expect(d.rateHistogram.find((b: any) => b.bucket === '100%').count).toBe(1);
    expect(d.byDepartment.map((x: any) => [x.name, x.forms])).toEqual([['测试区教育局', 1], ['测试区科学技术委员会', 3]]);
    expect(d.byYear.map((x: any) => [x.year, x.forms])).toEqual([[2021, 1], [2022, 3]]);
    expect(d.findingsByCode.length).toBeGreaterThan(0);
    expect(typeof d.findingsByCode[0].count).toBe('number');
    const y = await fin.json('GET', '/api/dashboard?year=2021');
    expect(y.totals).toMatchObject({ forms: 1, budget: 100000, executed: 100000, rate: 100 });
    const dept = await (await h.login('deptB')).json('GET', '/api/dashboard');
    expect(dept.totals.forms).toBe(1);
  });

  it('pairs the same project across years', async () => {
    const y = await fin.json('GET', '/api/yoy');
    expect(y.total).toBe(1);
    expect(y.items[0]).toMatchObject({ projectName: '视频会议系统运维', previous: { id: ids.a21, year: 2021, budget: 100000 }, current: { id: ids.a22, year: 2022, budget: 120000 }, budgetDelta: 20000 });
    expect((await fin.json('GET', `/api/forms/${ids.a21}/years`)).total).toBe(1);
    expect((await fin.json('GET', `/api/forms/${ids.b22}/years`)).total).toBe(0);
  });

  it('treats SQL-injection strings in every filter as data: 200 with no match or 422, tables intact', async () => {
    const before = await fin.json('GET', '/api/forms');
    for (const p of PARAMS)
      for (const v of INJECTIONS) {
        const res = await fin.request('GET', `/api/forms?${p}=${encodeURIComponent(v)}`);
        expect([p, v, [200, 422].includes(res.status)]).toEqual([p, v, true]);
        const body = await res.json();
        if (res.status === 200) expect(['q', 'orgId', 'spotCheckId'].includes(p) ? body.total : -1).toBeLessThanOrEqual(p === 'q' && (v === '%' || v === '_') ? 4 : 0);
        else expect(body.code).toBe('invalid');
      }
    for (const p of ['year', 'orgId', 'status'])
      for (const v of INJECTIONS) expect([200, 422]).toContain((await fin.request('GET', `/api/dashboard?${p}=${encodeURIComponent(v)}`)).status);
    for (const v of INJECTIONS) expect([200, 422]).toContain((await fin.request('GET', `/api/yoy?orgId=${encodeURIComponent(v)}`)).status);
    expect(await fin.json('GET', '/api/forms')).toEqual(before);
    expect((await h.store.db.selectFrom('users').select('id').execute()).length).toBe(7);
  });
});
