import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.js';
import { openStore } from '../store/db.js';
import { dialects, openTestStore } from '../store/testing.js';
import { formFor, makeHarness, PASSWORD } from './testing.js';

describe('app', () => {
  it('publishes an OpenAPI document with every route, and a human-readable page', async () => {
    const store = await openStore(':memory:');
    const app = createApp({ store });
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.0.3');
    const ops = Object.entries(doc.paths).flatMap(([p, item]: [string, any]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    for (const op of [
      'POST /auth/login', 'POST /auth/logout', 'GET /auth/me', 'POST /auth/password',
      'GET /forms', 'POST /forms', 'GET /forms/{id}', 'PUT /forms/{id}', 'DELETE /forms/{id}', 'GET /forms/{id}/audit', 'GET /forms/{id}/years',
      'POST /forms/{id}/submit', 'POST /forms/{id}/approve', 'POST /forms/{id}/return', 'POST /forms/{id}/accept',
      'POST /forms/{id}/scores', 'POST /forms/{id}/comments', 'POST /forms/{id}/comments/{commentId}/resolve',
      'POST /spot-checks', 'GET /spot-checks', 'GET /spot-checks/{id}',
      'POST /imports/preview', 'POST /imports/commit', 'GET /imports',
      'GET /dashboard', 'GET /yoy', 'GET /orgs', 'POST /orgs', 'GET /orgs/{id}', 'PATCH /orgs/{id}',
      'GET /users', 'POST /users', 'GET /users/{id}', 'PATCH /users/{id}', 'GET /audit',
    ]) expect(ops).toContain(op.replace(' /', ' /api/'));
    const docs = await app.request('/api/docs');
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/api/openapi.json');
    expect(await (await app.request('/')).text()).toContain('/api/docs');
    await store.close();
  });

  it('answers 503 with Retry-After, not 500, while the database cannot be reached', async () => {
    // nothing listens on port 1: every query fails to connect (migrations skipped, so opening succeeds)
    const store = await openStore('postgres://postgres@127.0.0.1:1/test', { migrate: false });
    const app = createApp({ store });
    try {
      expect((await app.request('/api/health')).status).toBe(200); // the process itself is fine
      const doc = await (await app.request('/api/openapi.json')).json();
      expect(doc.paths['/api/forms/{id}'].put.responses).toHaveProperty('503');
      for (const res of [
        await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'x' }), headers: { 'content-type': 'application/json' } }),
        await app.request('/api/forms', { headers: { cookie: 'jixiao_session=abc' } }),
      ]) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await res.json()).toEqual({ code: 'unavailable', message: '数据库暂时不可用，请稍后重试' });
      }
    } finally {
      await store.close();
    }
  });

  it('renders every error as { code, message }', async () => {
    const store = await openStore(':memory:');
    const app = createApp({ store });
    const r404 = await app.request('/api/nope');
    expect(r404.status).toBe(401); // unknown API paths still need a session: nothing is revealed
    expect(Object.keys(await r404.json()).sort()).toEqual(['code', 'message']);
    const bad = await app.request('/api/auth/login', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(await bad.json()).sort()).toEqual(['code', 'message']);
    const invalid = await app.request('/api/auth/login', { method: 'POST', body: '{"username": 5}', headers: { 'content-type': 'application/json' } });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ code: 'invalid', message: expect.any(String), issues: expect.any(Array) });
    await store.close();
  });

  it('serves the built web app from staticDir when present, with SPA fallback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<html>web app</html>');
      writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
      const store = await openStore(':memory:');
      const app = createApp({ store, staticDir: dir });
      expect(await (await app.request('/')).text()).toContain('web app');
      expect(await (await app.request('/assets/a.js')).text()).toContain('console.log');
      expect(await (await app.request('/forms/123')).text()).toContain('web app');
      expect((await app.request('/api/forms')).status).toBe(401);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(dialects)('restart on %s', (dialect) => {
  it('a new server on the same database keeps users, sessions, forms and audit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-restart-'));
    const file = join(dir, 'j.sqlite');
    const schema = `jx_restart_${process.pid}_${Date.now().toString(36)}`;
    try {
      const h = await makeHarness(dialect, {}, { store: await openTestStore(dialect, { file, schema }) });
      const filler = await h.login('fillerA1');
      const f = await filler.json('POST', '/api/forms', { form: formFor('unitA1') }, 201);
      await filler.json('POST', `/api/forms/${f.id}/submit`, {});
      const before = await filler.json('GET', `/api/forms/${f.id}`);
      const cookies = new Map(filler.cookies);
      await h.store.close();

      const store2 = await openTestStore(dialect, { file, schema });
      const app2 = createApp({ store: store2, now: () => h.clock.now });
      const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
      const again = await (await app2.request(`/api/forms/${f.id}`, { headers })).json();
      expect(again).toEqual(before);
      const login = await app2.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'deptA', password: PASSWORD }), headers: { 'content-type': 'application/json' } });
      expect(login.status).toBe(200);
      const audit = await store2.db.selectFrom('audit_log').select('action').where('entity_id', '=', f.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['form.create', 'form.submit']);
      await store2.close();
    } finally {
      if (dialect === 'postgres') await (await import('../store/testing.js')).dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
