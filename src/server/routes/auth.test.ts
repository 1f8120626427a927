import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing.js';
import { makeHarness, PASSWORD, type Harness } from '../testing.js';
import { hashPassword } from '../../store/passwords.js';

describe.each(dialects)('auth on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('logs in with an httpOnly SameSite=Lax cookie that expires, and returns a CSRF token', async () => {
    h = await makeHarness(dialect);
    const c = h.anon();
    const res = await c.request('POST', '/api/auth/login', { username: 'fillerA1', password: PASSWORD });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({ username: 'fillerA1', role: 'filler', orgName: '测试区政务网管理中心' });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((x) => x.startsWith('jixiao_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Max-Age=28800/);
    expect(cookies.find((x) => x.startsWith('jixiao_csrf='))).not.toMatch(/HttpOnly/i);
    c.csrf = body.csrfToken;
    expect((await c.json('GET', '/api/auth/me')).user.username).toBe('fillerA1');
  });

  it('rejects a wrong password and an unknown user alike, without a session', async () => {
    h = await makeHarness(dialect);
    for (const [username, password] of [['fillerA1', 'wrong-password'], ['nobody', PASSWORD]]) {
      const c = h.anon();
      const res = await c.request('POST', '/api/auth/login', { username, password });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'invalid-credentials', message: '用户名或密码错误' });
      expect(c.cookies.size).toBe(0);
      expect((await c.get('/api/auth/me')).status).toBe(401);
    }
  });

  it('locks an account after 5 failures, even for the right password, until the lock expires', async () => {
    h = await makeHarness(dialect);
    const c = h.anon();
    for (let i = 0; i < 5; i++) expect((await c.request('POST', '/api/auth/login', { username: 'deptA', password: 'nope-nope' })).status).toBe(401);
    const locked = await c.request('POST', '/api/auth/login', { username: 'deptA', password: PASSWORD });
    expect(locked.status).toBe(423);
    expect((await locked.json()).code).toBe('account-locked');
    // an unknown name locks out the same way (the lock-out reveals nothing)
    for (let i = 0; i < 5; i++) await c.request('POST', '/api/auth/login', { username: 'ghost', password: 'nope-nope' });
    expect((await c.request('POST', '/api/auth/login', { username: 'ghost', password: 'x' })).status).toBe(423);
    h.clock.now += 15 * 60_000 + 1;
    expect((await c.request('POST', '/api/auth/login', { username: 'deptA', password: PASSWORD })).status).toBe(200);
    const audit = await h.store.db.selectFrom('audit_log').select('action').where('entity_id', '=', h.userIds.deptA).execute();
    expect(audit.map((a) => a.action)).toContain('auth.lock');
  });

  it('rate-limits login attempts per client address', async () => {
    h = await makeHarness(dialect, { loginPerMinute: 3 });
    const c = h.anon();
    for (let i = 0; i < 3; i++) expect((await c.request('POST', '/api/auth/login', { username: `u${i}`, password: 'x' })).status).toBe(401);
    expect((await c.request('POST', '/api/auth/login', { username: 'fillerA1', password: PASSWORD })).status).toBe(429);
    h.clock.now += 60_001;
    expect((await c.request('POST', '/api/auth/login', { username: 'fillerA1', password: PASSWORD })).status).toBe(200);
  });

  it('expires the session after its lifetime', async () => {
    h = await makeHarness(dialect, { sessionTtlMs: 60_000 });
    const c = await h.login('finance');
    expect((await c.get('/api/forms')).status).toBe(200);
    h.clock.now += 60_001;
    const res = await c.get('/api/forms');
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('session-expired');
  });

  it('rejects state-changing requests without the CSRF token, with a wrong one, or with a token from another session', async () => {
    h = await makeHarness(dialect);
    const admin = await h.login('admin');
    const other = await h.login('finance');
    const body = { name: '新部门', parentId: h.orgs.root.id };
    for (const token of ['', 'forged-token-value', other.csrf]) {
      const res = await admin.request('POST', '/api/orgs', body, { 'x-csrf-token': token });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('csrf');
    }
    expect((await h.store.db.selectFrom('orgs').select('id').where('name', '=', '新部门').execute()).length).toBe(0);
    expect((await admin.post('/api/orgs', body)).status).toBe(201);
  });

  it('logs out: the cookie no longer works', async () => {
    h = await makeHarness(dialect);
    const c = await h.login('fillerA1');
    const saved = new Map(c.cookies);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    c.cookies = saved;
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('changes the own password: old sessions end, the new password works', async () => {
    h = await makeHarness(dialect);
    const c = await h.login('fillerB1');
    expect((await c.post('/api/auth/password', { oldPassword: 'bad-old-pass', newPassword: 'another-pass-2' })).status).toBe(403);
    expect((await c.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'another-pass-2' })).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    await h.login('fillerB1', 'another-pass-2');
  });

  it('hashes a new password before its write begins: other requests do not wait for the hashing', async () => {
    const scryptN = 1 << 15; // the default's cost class: tens of milliseconds
    h = await makeHarness(dialect, { scryptN });
    const admin = await h.login('admin');
    let t = performance.now();
    await hashPassword('password-123', scryptN);
    const hashMs = performance.now() - t;
    // reads every 2 ms while an admin creates a user and changes a password (SQLite has one connection:
    // a transaction open while hashing would hold every read for as long)
    const waits: number[] = [];
    let done = false;
    const reads = (async () => {
      while (!done) {
        t = performance.now();
        await h.store.db.selectFrom('users').select('id').limit(1).execute();
        waits.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const created = await admin.request('POST', '/api/users', { username: 'newbie', password: 'password-123', role: 'filler', orgId: h.orgs.unitA1.id });
    const patched = await admin.request('PATCH', `/api/users/${h.userIds.fillerA2}`, { password: 'password-456' });
    done = true;
    await reads;
    expect([created.status, patched.status]).toEqual([201, 200]);
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThan(hashMs / 2);
    await h.login('fillerA2', 'password-456');
  });

  it('rejects anonymous requests to every API route except login, docs and health', async () => {
    h = await makeHarness(dialect);
    const c = h.anon();
    expect((await c.get('/api/forms')).status).toBe(401);
    expect((await c.get('/api/openapi.json')).status).toBe(200);
    expect((await c.get('/api/docs')).status).toBe(200);
    expect((await c.get('/api/health')).status).toBe(200);
  });
});
