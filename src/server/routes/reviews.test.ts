import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing.js';
import { drawSample } from '../../store/workflow.js';
import { formFor, makeHarness, type Harness } from '../testing.js';

describe.each(dialects)('review workflow on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('runs draft → dept_review → (return with field comments) → dept_review → finance_review → published, every step audited', async () => {
    h = await makeHarness(dialect);
    const filler = await h.login('fillerA1');
    const dept = await h.login('deptA');
    const fin = await h.login('finance');
    let f = await filler.json('POST', '/api/forms', { form: formFor('unitA1') }, 201);
    f = await filler.json('POST', `/api/forms/${f.id}/submit`, { version: f.version });
    expect(f.status).toBe('dept_review');

    // the reviewer cannot edit, the unit cannot edit while in review
    expect((await dept.put(`/api/forms/${f.id}`, { version: f.version, form: f.form })).status).toBe(403);
    expect((await filler.put(`/api/forms/${f.id}`, { version: f.version, form: f.form })).status).toBe(409);
    // the unit cannot approve its own form
    expect((await filler.post(`/api/forms/${f.id}/approve`, {})).status).toBe(403);
    // returning needs at least one comment
    expect((await dept.post(`/api/forms/${f.id}/return`, { comments: [] })).status).toBe(422);

    f = await dept.json('POST', `/api/forms/${f.id}/return`, {
      version: f.version,
      message: '请核实执行数',
      comments: [{ path: 'funds.total.executed', body: '执行数与决算不符' }, { path: 'indicators[1].actual', body: '请给出验收报告' }],
    });
    expect(f.status).toBe('returned');
    // a returned form shows the reviewer's comments next to the fields they concern
    const mine = await filler.json('GET', `/api/forms/${f.id}`);
    expect(mine.comments).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'funds.total.executed', body: '执行数与决算不符', author: 'deptA', level: 'dept' }),
      expect.objectContaining({ path: 'indicators[1].actual', level: 'dept' }),
      expect.objectContaining({ path: '', body: '请核实执行数' }),
    ]));
    const form = mine.form;
    form.funds.total.executed = 96000;
    f = await filler.json('PUT', `/api/forms/${f.id}`, { version: mine.version, form });
    // the save answers with the comments, scores and findings a later read shows
    const reread = await filler.json('GET', `/api/forms/${f.id}`);
    expect(f.comments).toHaveLength(3);
    for (const k of ['comments', 'scores', 'findings', 'version']) expect(f[k]).toEqual(reread[k]);
    const cid = f.comments.find((c: any) => c.path === 'funds.total.executed').id;
    expect((await filler.post(`/api/forms/${f.id}/comments/${cid}/resolve`)).status).toBe(204);
    f = await filler.json('POST', `/api/forms/${f.id}/submit`, {});
    // 主管部门 scores and approves
    f = await dept.json('POST', `/api/forms/${f.id}/scores`, { totalScore: 88.5, comment: '基本符合' });
    expect(f.scores.map((s: any) => [s.level, s.totalScore, s.grade])).toEqual([['self', form.totalScore, '优'], ['dept', 88.5, '良']]);
    f = await dept.json('POST', `/api/forms/${f.id}/approve`, {});
    expect(f.status).toBe('finance_review');
    // the department can no longer score or act
    expect((await dept.post(`/api/forms/${f.id}/scores`, { totalScore: 90 })).status).toBe(409);
    expect((await dept.post(`/api/forms/${f.id}/accept`, {})).status).toBe(403);
    // a stale version is refused
    expect((await fin.post(`/api/forms/${f.id}/accept`, { version: f.version - 1 })).status).toBe(409);
    f = await fin.json('POST', `/api/forms/${f.id}/accept`, { version: f.version });
    expect(f.status).toBe('published');
    expect(f.publishedAt).toBeTruthy();
    // re-score after publication, by indicator
    const ind = f.form.indicators.map((i: any) => i.score - 1);
    f = await fin.json('POST', `/api/forms/${f.id}/scores`, { fundScore: 9, indicatorScores: ind });
    const finance = f.scores.find((s: any) => s.level === 'finance');
    expect(finance.totalScore).toBe(9 + ind.reduce((a: number, b: number) => a + b, 0));
    // publishing twice is a conflict
    expect((await fin.post(`/api/forms/${f.id}/accept`, {})).status).toBe(409);

    const audit = (await fin.json('GET', `/api/forms/${f.id}/audit`)).items;
    const steps = audit.filter((a: any) => a.field === 'status').map((a: any) => `${a.old}→${a.new}`);
    expect(steps).toEqual(['draft→dept_review', 'dept_review→returned', 'returned→dept_review', 'dept_review→finance_review', 'finance_review→published']);
    expect(audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['form.create', 'form.submit', 'form.return', 'form.comment', 'form.edit', 'comment.resolve', 'score.dept', 'form.approve', 'form.accept', 'score.finance']));
  });

  it('draws a reproducible spot-check sample by count or share, scoped to the reviewer', async () => {
    h = await makeHarness(dialect);
    const admin = await h.login('admin');
    const fin = await h.login('finance');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const unit = (['unitA1', 'unitA2', 'unitB1'] as const)[i % 3];
      const f = await admin.json('POST', '/api/forms', { form: formFor(unit, { projectName: `项目${i}` }), orgId: h.orgs[unit].id }, 201);
      await admin.json('POST', `/api/forms/${f.id}/submit`, {});
      await admin.json('POST', `/api/forms/${f.id}/approve`, {});
      ids.push(f.id);
    }
    const a = await fin.json('POST', '/api/spot-checks', { count: 4, seed: 'seed-2026', dryRun: true }, 201);
    const b = await fin.json('POST', '/api/spot-checks', { count: 4, seed: 'seed-2026' }, 201);
    expect(a.formIds).toEqual(b.formIds);
    expect(b.population).toBe(12);
    expect(b.formIds).toEqual(drawSample(ids, 4, 'seed-2026'));
    const c = await fin.json('POST', '/api/spot-checks', { share: 0.25, seed: 'other-seed' }, 201);
    expect(c.formIds.length).toBe(3);
    expect((await fin.post('/api/spot-checks', { count: 2, share: 0.5 })).status).toBe(422);
    const listed = await fin.json('GET', `/api/forms?spotCheckId=${b.id}`);
    expect(listed.items.map((x: any) => x.id).sort()).toEqual(b.formIds);
    expect((await fin.json('GET', '/api/spot-checks')).items.length).toBe(2);
    expect((await fin.json('GET', `/api/spot-checks/${b.id}`)).seed).toBe('seed-2026');
    // reviewers below the 财政局 cannot draw or read spot checks
    const dept = await h.login('deptA');
    expect((await dept.post('/api/spot-checks', { count: 1 })).status).toBe(403);
    expect((await dept.get(`/api/spot-checks/${b.id}`)).status).toBe(404);
  });
});

describe('drawSample', () => {
  it('depends only on the population and the seed', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `id-${i}`);
    const a = drawSample(ids, 10, 's');
    expect(drawSample([...ids].reverse(), 10, 's')).toEqual(a);
    expect(drawSample(ids, 10, 't')).not.toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(drawSample(ids, 1000, 's').length).toBe(100);
  });
});
