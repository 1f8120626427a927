/**
 * Authorisation matrix: for every route, a user of another organisation learns nothing (404, the
 * same body as for an id that does not exist), and a visible but forbidden action gets 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../store/testing.js';
import { formFor, makeHarness, type Client, type Harness, type UserName } from './testing.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(dialects)('authorisation on %s', (dialect) => {
  let h: Harness;
  const c = {} as Record<UserName, Client>;
  let form: any;
  let commentId: string;
  let spotId: string;

  beforeAll(async () => {
    h = await makeHarness(dialect);
    for (const u of ['admin', 'finance', 'deptA', 'deptB', 'fillerA1', 'fillerA2', 'fillerB1'] as UserName[]) c[u] = await h.login(u);
    form = await c.fillerA1.json('POST', '/api/forms', { form: formFor('unitA1') }, 201);
    commentId = (await c.fillerA1.json('POST', `/api/forms/${form.id}/comments`, { path: 'goals.actual', body: '说明' }, 201)).id;
    form = await c.fillerA1.json('POST', `/api/forms/${form.id}/submit`, {});
    spotId = (await c.finance.json('POST', '/api/spot-checks', { count: 1, seed: 'x', statuses: ['dept_review'], dryRun: false }, 201)).id;
  });
  afterAll(async () => h?.close());

  // every route that takes a form id, with a body that would otherwise be acceptable
  const formRoutes = (id: string): [string, string, unknown?][] => [
    ['GET', `/api/forms/${id}`],
    ['PUT', `/api/forms/${id}`, { version: 2, form: formFor('unitA1') }],
    ['DELETE', `/api/forms/${id}?version=2`],
    ['GET', `/api/forms/${id}/audit`],
    ['GET', `/api/forms/${id}/years`],
    ['POST', `/api/forms/${id}/submit`, {}],
    ['POST', `/api/forms/${id}/approve`, {}],
    ['POST', `/api/forms/${id}/return`, { comments: [{ path: 'year', body: 'x' }] }],
    ['POST', `/api/forms/${id}/accept`, {}],
    ['POST', `/api/forms/${id}/scores`, { totalScore: 80 }],
    ['POST', `/api/forms/${id}/comments`, { path: 'year', body: 'x' }],
    ['POST', `/api/forms/${id}/comments/${commentId}/resolve`],
  ];

  it.each(['fillerA2', 'fillerB1', 'deptB'] as UserName[])('%s (another org) gets 404 on every form route, identical to a missing id', async (u) => {
    const before = await h.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [[method, path, body], [, missingPath]] of formRoutes(form.id).map((r, i) => [r, formRoutes(MISSING)[i]] as const)) {
      const res = await c[u].request(method, path, body);
      const miss = await c[u].request(method, missingPath, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(await res.json()).toEqual(await miss.json());
    }
    const after = await h.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n)); // nothing happened
  });

  it('others do not see the form in lists, search, dashboards or year-over-year', async () => {
    for (const u of ['fillerA2', 'fillerB1', 'deptB'] as UserName[]) {
      expect((await c[u].json('GET', '/api/forms')).total).toBe(0);
      expect((await c[u].json('GET', `/api/forms?q=${encodeURIComponent('政务网')}`)).total).toBe(0);
      expect((await c[u].json('GET', `/api/forms?orgId=${h.orgs.unitA1.id}`)).total).toBe(0);
      expect((await c[u].json('GET', '/api/dashboard')).totals.forms).toBe(0);
      expect((await c[u].json('GET', '/api/yoy')).total).toBe(0);
      expect((await c[u].request('GET', `/api/orgs/${h.orgs.unitA1.id}`)).status).toBe(404);
      expect((await c[u].json('GET', '/api/orgs')).items.map((o: any) => o.id)).not.toContain(h.orgs.unitA1.id);
    }
    for (const u of ['fillerA1', 'deptA', 'finance', 'admin'] as UserName[]) {
      expect((await c[u].json('GET', '/api/forms')).total).toBe(1);
      expect((await c[u].json('GET', '/api/dashboard')).totals.forms).toBe(1);
      expect((await c[u].request('GET', `/api/forms/${form.id}`)).status).toBe(200);
    }
  });

  it('a visible form with an action the role may not take gets 403 and changes nothing', async () => {
    const cases: [UserName, string, string, unknown?][] = [
      ['fillerA1', 'POST', `/api/forms/${form.id}/approve`, {}],
      ['fillerA1', 'POST', `/api/forms/${form.id}/return`, { comments: [{ path: 'year', body: 'x' }] }],
      ['fillerA1', 'POST', `/api/forms/${form.id}/accept`, {}],
      ['fillerA1', 'POST', `/api/forms/${form.id}/scores`, { totalScore: 100 }],
      ['deptA', 'PUT', `/api/forms/${form.id}`, { version: form.version, form: formFor('unitA1') }],
      ['deptA', 'DELETE', `/api/forms/${form.id}?version=${form.version}`],
      ['deptA', 'POST', `/api/forms/${form.id}/submit`, {}],
      ['deptA', 'POST', `/api/forms/${form.id}/accept`, {}],
      ['finance', 'PUT', `/api/forms/${form.id}`, { version: form.version, form: formFor('unitA1') }],
      ['finance', 'POST', `/api/forms/${form.id}/approve`, {}],
      ['finance', 'POST', `/api/forms/${form.id}/submit`, {}],
    ];
    const before = await c.admin.json('GET', `/api/forms/${form.id}`);
    for (const [u, method, path, body] of cases) {
      const res = await c[u].request(method, path, body);
      expect([u, method, path, res.status]).toEqual([u, method, path, 403]);
      expect((await res.json()).code).toBe('forbidden');
    }
    const after = await c.admin.json('GET', `/api/forms/${form.id}`);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
    expect(after.scores).toEqual(before.scores);
  });

  it('admin-only and finance-only routes refuse lower roles with 403', async () => {
    const adminOnly: [string, string, unknown?][] = [
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'newbie', password: 'password-123', role: 'filler', orgId: h.orgs.unitA1.id }],
      ['PATCH', `/api/users/${h.userIds.fillerA1}`, { disabled: true }],
      ['GET', '/api/audit'],
      ['POST', '/api/orgs', { name: '新单位', parentId: h.orgs.deptA.id }],
    ];
    const financeOnly: [string, string, unknown?][] = [
      ['POST', '/api/spot-checks', { count: 1 }],
      ['GET', '/api/spot-checks'],
    ];
    for (const u of ['finance', 'deptA', 'fillerA1'] as UserName[])
      for (const [method, path, body] of adminOnly) expect([u, path, (await c[u].request(method, path, body)).status]).toEqual([u, path, 403]);
    for (const u of ['deptA', 'deptB', 'fillerA1', 'fillerB1'] as UserName[])
      for (const [method, path, body] of financeOnly) expect([u, path, (await c[u].request(method, path, body)).status]).toEqual([u, path, 403]);
    // reading a spot check by id: a lower role learns nothing (404, the same as a missing id)
    for (const u of ['deptA', 'fillerA1'] as UserName[]) {
      const res = await c[u].request('GET', `/api/spot-checks/${spotId}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(await (await c[u].request('GET', `/api/spot-checks/${MISSING}`)).json());
    }
    expect((await c.finance.request('GET', `/api/spot-checks/${spotId}`)).status).toBe(200);
    // renaming: an org outside the subtree is 404, a visible one is 403
    expect((await c.deptA.request('PATCH', `/api/orgs/${h.orgs.deptB.id}`, { name: 'x' })).status).toBe(404);
    expect((await c.deptA.request('PATCH', `/api/orgs/${h.orgs.unitA1.id}`, { name: 'x' })).status).toBe(403);
    // other users' records are invisible to non-admins; the own one is not
    expect((await c.fillerA1.request('GET', `/api/users/${h.userIds.fillerA2}`)).status).toBe(404);
    expect((await c.fillerA1.request('GET', `/api/users/${h.userIds.fillerA1}`)).status).toBe(200);
    // a unit may import only drafts
    expect((await c.fillerA1.request('POST', '/api/imports/commit', { files: [{ name: 'a.json', content: '[]' }], status: 'published' })).status).toBe(403);
    // admin can do the admin things
    expect((await c.admin.request('GET', '/api/users')).status).toBe(200);
    expect((await c.admin.request('GET', '/api/audit')).status).toBe(200);
  });

  it('a disabled user is logged out at once', async () => {
    const victim = await h.login('fillerB1');
    expect((await victim.get('/api/forms')).status).toBe(200);
    await c.admin.json('PATCH', `/api/users/${h.userIds.fillerB1}`, { disabled: true });
    expect((await victim.get('/api/forms')).status).toBe(401);
    expect((await h.anon().request('POST', '/api/auth/login', { username: 'fillerB1', password: 'correct-horse-1' })).status).toBe(401);
  });
});
