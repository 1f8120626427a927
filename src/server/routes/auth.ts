import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { ApiError, actorOf, body, errors, json, newApp, sessionOf, type ResolvedDeps } from '../context.js';
import { RateLimiter, clearSessionCookies, clientAddress, setSessionCookies } from '../auth.js';
import { ROLES } from '../../store/schema.js';
import { iso } from '../../store/db.js';
import { getUserByName, updateUser } from '../../store/users-repo.js';
import { dummyHash, hashPassword, verifyPassword, PASSWORD_MIN } from '../../store/passwords.js';
import { createSession, deleteSession } from '../../store/sessions-repo.js';
import { audit } from '../../store/audit-repo.js';

export const SessionInfo = z
  .object({
    user: z.object({
      id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES as [string, ...string[]]),
      orgId: z.string(), orgName: z.string(),
    }),
    csrfToken: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Session');

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).openapi('Login');

const loginRoute = createRoute({
  method: 'post', path: '/auth/login', tags: ['auth'], summary: '登录 / log in',
  description: 'Sets an httpOnly SameSite=Lax session cookie and a CSRF cookie; send the CSRF token back in `x-csrf-token` on every state-changing request.',
  request: body(Login),
  responses: { 200: json(SessionInfo), ...errors(400, 401, 422, 423, 429) },
});
const logoutRoute = createRoute({
  method: 'post', path: '/auth/logout', tags: ['auth'], summary: '退出 / log out',
  responses: { 204: { description: 'Logged out' }, ...errors(401, 403) },
});
const meRoute = createRoute({
  method: 'get', path: '/auth/me', tags: ['auth'], summary: '当前用户 / current session',
  responses: { 200: json(SessionInfo), ...errors(401) },
});
const passwordRoute = createRoute({
  method: 'post', path: '/auth/password', tags: ['auth'], summary: '修改密码 / change own password',
  request: body(z.object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(PASSWORD_MIN).max(200) })),
  responses: { 204: { description: 'Changed; log in again' }, ...errors(401, 403, 422) },
});

export function authRoutes(deps: ResolvedDeps) {
  const app = newApp();
  const db = deps.store.db;
  const perAddress = new RateLimiter(deps.loginPerMinute, 60_000);
  // Unknown user names lock out like real ones, so a lock-out does not reveal that an account exists.
  const ghostFailures = new Map<string, { n: number; until: number }>();

  app.openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const now = deps.now();
    if (!perAddress.hit(clientAddress(c), now)) throw new ApiError(429, 'rate-limited', '登录尝试过于频繁，请稍后再试');
    const locked = () => new ApiError(423, 'account-locked', '登录失败次数过多，账户已暂时锁定，请稍后再试');
    const invalid = () => new ApiError(401, 'invalid-credentials', '用户名或密码错误');
    const user = await getUserByName(db, username);
    if (!user) {
      await verifyPassword(password, await dummyHash());
      const g = ghostFailures.get(username) ?? { n: 0, until: 0 };
      if (g.until > now) throw locked();
      g.n++;
      if (g.n >= deps.maxLoginFailures) { g.n = 0; g.until = now + deps.lockMs; }
      if (ghostFailures.size > 10_000) ghostFailures.clear();
      ghostFailures.set(username, g);
      throw invalid();
    }
    if (user.locked_until && user.locked_until > iso(now)) throw locked();
    const ok = await verifyPassword(password, user.password_hash);
    if (!ok || user.disabled) {
      const r = await db
        .updateTable('users')
        .set({ failed_logins: sql`failed_logins + 1` })
        .where('id', '=', user.id)
        .returning('failed_logins')
        .executeTakeFirst();
      const n = Number(r?.failed_logins ?? 0);
      if (n >= deps.maxLoginFailures) {
        await db.updateTable('users').set({ failed_logins: 0, locked_until: iso(now + deps.lockMs) }).where('id', '=', user.id).execute();
        await audit(db, { id: null, name: 'system' }, { action: 'auth.lock', entity: 'user', entityId: user.id, new: { until: iso(now + deps.lockMs) } }, now);
      } else {
        await audit(db, { id: null, name: 'system' }, { action: 'auth.fail', entity: 'user', entityId: user.id }, now);
      }
      throw invalid();
    }
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const s = await createSession(db, user.id, deps.sessionTtlMs, now);
    await audit(db, { id: user.id, name: user.username }, { action: 'auth.login', entity: 'user', entityId: user.id }, now);
    setSessionCookies(c, deps, s.token, s.csrfToken);
    const org = await db.selectFrom('orgs').select('name').where('id', '=', user.org_id).executeTakeFirstOrThrow();
    return c.json(
      {
        user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role, orgId: user.org_id, orgName: org.name },
        csrfToken: s.csrfToken,
        expiresAt: s.expiresAt,
      },
      200,
    );
  });

  app.openapi(logoutRoute, async (c) => {
    const s = sessionOf(c);
    await deleteSession(db, s.sessionId);
    await audit(db, actorOf(s), { action: 'auth.logout', entity: 'user', entityId: s.user.id }, deps.now());
    clearSessionCookies(c);
    return c.body(null, 204);
  });

  app.openapi(meRoute, async (c) => {
    const s = sessionOf(c);
    const { orgPath: _p, ...user } = s.user;
    return c.json({ user, csrfToken: s.csrfToken, expiresAt: s.expiresAt }, 200);
  });

  app.openapi(passwordRoute, async (c) => {
    const s = sessionOf(c);
    const { oldPassword, newPassword } = c.req.valid('json');
    const u = await getUserByName(db, s.user.username);
    if (!u || !(await verifyPassword(oldPassword, u.password_hash))) throw new ApiError(403, 'invalid-credentials', '原密码错误');
    const passwordHash = await hashPassword(newPassword, deps.scryptN);
    await deps.store.write((trx) => updateUser(trx, actorOf(s), u.id, { passwordHash }));
    clearSessionCookies(c);
    return c.body(null, 204);
  });

  return app;
}
