import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, IdParam, actorOf, body, errors, json, newApp, requireRole, notFound, sessionOf, type ResolvedDeps } from '../context.js';
import { ROLES, type Role } from '../../store/schema.js';
import { createUser, getUser, listUsers, updateUser, type User } from '../../store/users-repo.js';
import { listAudit } from '../../store/audit-repo.js';
import { hashPassword, PASSWORD_MIN } from '../../store/passwords.js';

const RoleEnum = z.enum(ROLES as [Role, ...Role[]]);
export const UserOut = z
  .object({
    id: z.string(), username: z.string(), displayName: z.string(), role: RoleEnum, orgId: z.string(),
    disabled: z.boolean(), lockedUntil: z.string().nullable(), createdAt: z.string(),
  })
  .openapi('User');

const Username = z.string().trim().min(2).max(64).regex(/^[\p{L}\p{N}_.@-]+$/u, '用户名只能包含字母、数字、汉字和 _ . @ -');

const list = createRoute({
  method: 'get', path: '/users', tags: ['users'], summary: '用户列表 / users (admin)',
  responses: { 200: json(z.object({ items: z.array(UserOut.extend({ orgName: z.string() })) })), ...errors(401, 403) },
});
const get = createRoute({
  method: 'get', path: '/users/{id}', tags: ['users'], summary: '用户 / one user (admin, or self)',
  request: { params: IdParam },
  responses: { 200: json(UserOut), ...errors(401, 404) },
});
const create = createRoute({
  method: 'post', path: '/users', tags: ['users'], summary: '新建用户 / create user (admin)',
  request: body(z.object({
    username: Username, password: z.string().min(PASSWORD_MIN).max(200), role: RoleEnum,
    orgId: z.string().min(1).max(64), displayName: z.string().trim().min(1).max(100).optional(),
  })),
  responses: { 201: json(UserOut, 'Created'), ...errors(401, 403, 409, 422) },
});
const patch = createRoute({
  method: 'patch', path: '/users/{id}', tags: ['users'], summary: '修改用户 / update user (admin)',
  request: {
    params: IdParam,
    ...body(z.object({
      displayName: z.string().trim().min(1).max(100).optional(), role: RoleEnum.optional(), orgId: z.string().max(64).optional(),
      disabled: z.boolean().optional(), password: z.string().min(PASSWORD_MIN).max(200).optional(),
    })),
  },
  responses: { 200: json(UserOut), ...errors(401, 403, 404, 422) },
});
const audit = createRoute({
  method: 'get', path: '/audit', tags: ['users'], summary: '审计日志 / audit log (admin)',
  request: {
    query: z.object({
      entity: z.string().max(40).optional(), entityId: z.string().max(64).optional(), actorId: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: json(z.object({ items: z.array(z.any()), total: z.number() })), ...errors(401, 403, 422) },
});

const out = (u: User) => ({ ...u });

export function userRoutes(deps: ResolvedDeps) {
  const app = newApp();
  const db = deps.store.db;
  const fail = (e: { code: string; message: string }) =>
    new ApiError(e.code === 'username-taken' ? 409 : e.code === 'not-found' ? 404 : 422, e.code, e.message);

  app.openapi(list, async (c) => {
    requireRole(c, 'admin');
    return c.json({ items: await listUsers(db, null) }, 200);
  });

  app.openapi(get, async (c) => {
    const s = sessionOf(c);
    const { id } = c.req.valid('param');
    if (s.user.role !== 'admin' && s.user.id !== id) throw notFound('用户');
    const u = await getUser(db, id);
    if (!u) throw notFound('用户');
    return c.json(out(u), 200);
  });

  app.openapi(create, async (c) => {
    const s = requireRole(c, 'admin');
    const { password, ...input } = c.req.valid('json');
    const passwordHash = await hashPassword(password, deps.scryptN);
    const res = await deps.store.write((trx) => createUser(trx, actorOf(s), { ...input, passwordHash }));
    if (!res.success) throw fail(res.error);
    return c.json(out(res.data), 201);
  });

  app.openapi(patch, async (c) => {
    const s = requireRole(c, 'admin');
    const { password, ...patch } = c.req.valid('json');
    const passwordHash = password === undefined ? undefined : await hashPassword(password, deps.scryptN);
    const res = await deps.store.write((trx) => updateUser(trx, actorOf(s), c.req.valid('param').id, { ...patch, passwordHash }));
    if (!res.success) throw fail(res.error);
    return c.json(out(res.data), 200);
  });

  app.openapi(audit, async (c) => {
    requireRole(c, 'admin');
    return c.json(await listAudit(db, c.req.valid('query')), 200);
  });

  return app;
}
