import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError, actorOf, errors, json, newApp, requireRole, type AppEnv, type ResolvedDeps } from '../context.js';
import type { FormStatus, Role } from '../../store/schema.js';
import { CommitResult, commitImport, previewImport, type ImportSource, type Importer } from '../../store/imports-repo.js';
import type { SessionUser } from '../../store/sessions-repo.js';

const ImportStatus = z.enum(['draft', 'dept_review', 'finance_review', 'published']);
const JsonBody = z.object({
  files: z.array(z.object({
    name: z.string().min(1).max(255),
    content: z.string().max(30 << 20),
    encoding: z.enum(['utf8', 'base64']).optional().openapi({ description: 'base64 for GB18030/UTF-16 bytes' }),
  })).min(1).max(500),
  status: ImportStatus.optional().openapi({ description: 'status of the created forms (commit only); fillers may only create drafts' }),
}).openapi('ImportRequest');
const Multipart = z.object({
  files: z.any().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
  status: ImportStatus.optional(),
});
const request = {
  body: {
    // not `required`: each validator then runs only for its own content type
    required: false,
    content: { 'application/json': { schema: JsonBody }, 'multipart/form-data': { schema: Multipart } },
  },
};

const preview = createRoute({
  method: 'post', path: '/imports/preview', tags: ['imports'],
  summary: '导入预览 / preview: parsed forms, diagnostics, findings, orgs to create or match, duplicates',
  request,
  responses: { 200: json(z.any().openapi('ImportPreview')), ...errors(400, 401, 403, 413, 422) },
});
const commit = createRoute({
  method: 'post', path: '/imports/commit', tags: ['imports'],
  summary: '确认导入 / commit in one transaction (same content twice creates nothing)',
  request,
  responses: { 201: json(CommitResult), ...errors(400, 401, 403, 413, 422) },
});
const list = createRoute({
  method: 'get', path: '/imports', tags: ['imports'], summary: '导入记录 / past imports in my subtree',
  responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), at: z.string(), user: z.string().nullable(), sources: z.array(z.string()), forms: z.number(), created: z.number(), duplicates: z.number(), orgsCreated: z.number() })) })), ...errors(401) },
});

const ALLOWED_STATUS: Record<Role, FormStatus[]> = {
  filler: ['draft'],
  dept_reviewer: ['draft', 'dept_review', 'finance_review'],
  finance_reviewer: ['draft', 'dept_review', 'finance_review', 'published'],
  admin: ['draft', 'dept_review', 'finance_review', 'published'],
};

async function readSources(c: Context<AppEnv>): Promise<{ sources: ImportSource[]; status?: FormStatus }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody({ all: true });
    const raw = form['files'] ?? form['file'];
    const files = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f);
    if (!files.length) throw new ApiError(422, 'invalid', '请上传至少一个文件（字段名 files）');
    const status = typeof form['status'] === 'string' ? ImportStatus.safeParse(form['status']) : null;
    if (status && !status.success) throw new ApiError(422, 'invalid', 'status 不合格');
    const sources = await Promise.all(files.map(async (f) => ({ name: f.name || 'upload', content: new Uint8Array(await f.arrayBuffer()) })));
    return { sources, status: status?.success ? status.data : undefined };
  }
  const b = JsonBody.safeParse(await c.req.json().catch(() => { throw new ApiError(400, 'bad-request', '请求格式错误：JSON 无法解析'); }));
  if (!b.success) throw new ApiError(422, 'invalid', b.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；').slice(0, 500));
  return {
    sources: b.data.files.map((f) => ({ name: f.name, content: f.encoding === 'base64' ? new Uint8Array(Buffer.from(f.content, 'base64')) : f.content })),
    status: b.data.status,
  };
}

const importerOf = (s: SessionUser): Importer => ({ actor: actorOf(s), role: s.user.role, orgId: s.user.role === 'admin' ? null : s.user.orgId });

export function importRoutes(deps: ResolvedDeps) {
  const app = newApp();
  const db = deps.store.db;

  app.openapi(preview, async (c) => {
    const s = requireRole(c, 'filler', 'dept_reviewer', 'finance_reviewer', 'admin');
    const { sources } = await readSources(c);
    return c.json(await previewImport(db, importerOf(s), sources, deps.profile), 200);
  });

  app.openapi(commit, async (c) => {
    const s = requireRole(c, 'filler', 'dept_reviewer', 'finance_reviewer', 'admin');
    const { sources, status = 'draft' } = await readSources(c);
    if (!ALLOWED_STATUS[s.user.role].includes(status)) throw new ApiError(403, 'forbidden', `当前角色不能以“${status}”状态导入`);
    const res = await commitImport(db, importerOf(s), sources, { status, profile: deps.profile, at: deps.now() });
    return c.json(res, 201);
  });

  app.openapi(list, async (c) => {
    const s = requireRole(c, 'filler', 'dept_reviewer', 'finance_reviewer', 'admin');
    let q = db.selectFrom('imports').leftJoin('users', 'users.id', 'imports.user_id').leftJoin('orgs', 'orgs.id', 'users.org_id').selectAll('imports').select('users.username');
    if (s.user.role !== 'admin') q = q.where('orgs.path', 'like', `${s.user.orgPath}%`);
    const rows = await q.orderBy('imports.at', 'desc').limit(500).execute();
    return c.json({
      items: rows.map((r) => ({ id: r.id, at: r.at, user: r.username ?? null, sources: JSON.parse(r.sources) as string[], forms: Number(r.form_count), created: Number(r.created_count), duplicates: Number(r.duplicate_count), orgsCreated: Number(r.org_created_count) })),
    }, 200);
  });

  return app;
}
