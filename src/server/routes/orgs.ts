import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, IdParam, actorOf, body, canSeePath, errors, json, newApp, notFound, requireRole, scopeOf, sessionOf, type ResolvedDeps } from '../context.js';
import { createOrg, getOrg, listOrgs, renameOrg } from '../../store/orgs-repo.js';

export const OrgOut = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(['finance', 'department', 'unit']), parentId: z.string().nullable() })
  .openapi('Org');

const list = createRoute({
  method: 'get', path: '/orgs', tags: ['orgs'], summary: '单位树 / organisations in my subtree',
  responses: { 200: json(z.object({ items: z.array(OrgOut) })), ...errors(401) },
});
const get = createRoute({
  method: 'get', path: '/orgs/{id}', tags: ['orgs'], summary: '单位 / one organisation',
  request: { params: IdParam },
  responses: { 200: json(OrgOut), ...errors(401, 404) },
});
const create = createRoute({
  method: 'post', path: '/orgs', tags: ['orgs'], summary: '新建单位 / create (admin)',
  request: body(z.object({ name: z.string().trim().min(1).max(200), parentId: z.string().max(64).nullable() })),
  responses: { 201: json(OrgOut, 'Created'), ...errors(401, 403, 409, 422) },
});
const rename = createRoute({
  method: 'patch', path: '/orgs/{id}', tags: ['orgs'], summary: '改名 / rename (admin)',
  request: { params: IdParam, ...body(z.object({ name: z.string().trim().min(1).max(200) })) },
  responses: { 200: json(OrgOut), ...errors(401, 403, 404, 422) },
});

const out = (o: { id: string; name: string; kind: 'finance' | 'department' | 'unit'; parentId: string | null }) =>
  ({ id: o.id, name: o.name, kind: o.kind, parentId: o.parentId });

export function orgRoutes(deps: ResolvedDeps) {
  const app = newApp();
  const db = deps.store.db;

  app.openapi(list, async (c) => {
    const s = sessionOf(c);
    return c.json({ items: (await listOrgs(db, scopeOf(s))).map(out) }, 200);
  });

  app.openapi(get, async (c) => {
    const s = sessionOf(c);
    const org = await getOrg(db, c.req.valid('param').id);
    if (!org || !canSeePath(s, org.path)) throw notFound('单位');
    return c.json(out(org), 200);
  });

  app.openapi(create, async (c) => {
    const s = requireRole(c, 'admin');
    const input = c.req.valid('json');
    const res = await deps.store.write((trx) => createOrg(trx, actorOf(s), input));
    if (!res.success) throw new ApiError(res.error.code === 'duplicate-name' ? 409 : 422, res.error.code, res.error.message);
    return c.json(out(res.data), 201);
  });

  app.openapi(rename, async (c) => {
    const s = sessionOf(c);
    const { id } = c.req.valid('param');
    const org = await getOrg(db, id);
    if (!org || !canSeePath(s, org.path)) throw notFound('单位');
    if (s.user.role !== 'admin') throw new ApiError(403, 'forbidden', '只有管理员可以修改单位');
    const res = await deps.store.write((trx) => renameOrg(trx, actorOf(s), id, c.req.valid('json').name));
    return c.json(out(res!), 200);
  });

  return app;
}
