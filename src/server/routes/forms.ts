import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Form, toInterchange } from '../../model/form.js';
import { ApiError, IdParam, actorOf, body, canSeePath, errors, forbidden, json, newApp, notFound, scopeOf, sessionOf, type AppEnv, type ResolvedDeps } from '../context.js';
import { FORM_STATUSES, type FormStatus } from '../../store/schema.js';
import { commitSave } from '../../store/save-commit.js';
import { childViews, deleteDraft, formChildren, getFormRow, getFormWithChildren, insertForm, planSave, type FormRowWithOrg, type StoredChildren } from '../../store/forms-repo.js';
import { derive, type Derived } from '../../store/derive.js';
import { EDITABLE, canEdit } from '../../store/workflow.js';
import { listForms, SORT_FIELDS, yoyPairs, type SortField } from '../../store/queries.js';
import { getOrg } from '../../store/orgs-repo.js';
import { listAudit } from '../../store/audit-repo.js';
import { iso } from '../../store/db.js';

const StatusEnum = z.enum(FORM_STATUSES as [FormStatus, ...FormStatus[]]);
const statusList = z.string().max(500).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(StatusEnum).max(20));
const optNum = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();

export const ListQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  orgId: z.string().max(64).optional(),
  status: statusList.optional().openapi({ description: 'comma-separated statuses' }),
  grade: z.enum(['优', '良', '中', '差']).optional(),
  gradeOf: z.enum(['printed', 'calc']).optional(),
  scoreMin: optNum(-1000, 1000), scoreMax: optNum(-1000, 1000),
  rateMin: optNum(-1e6, 1e9), rateMax: optNum(-1e6, 1e9),
  finding: z.string().regex(/^(?:[FGIT]\d{1,2}|internal)$/).optional(),
  hasErrors: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  spotChecked: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  spotCheckId: z.string().max(64).optional(),
  q: z.string().max(200).optional().openapi({ description: 'words (space-separated, all must occur) in project name, goals, department or unit; case-insensitive' }),
  sort: z.enum(Object.keys(SORT_FIELDS) as [SortField, ...SortField[]]).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const FormSummary = z.object({
  id: z.string(), status: StatusEnum, version: z.number(), year: z.number().nullable(), projectName: z.string().nullable(),
  department: z.string().nullable(), implementingUnit: z.string().nullable(), orgId: z.string(), orgName: z.string(),
  budget: z.number().nullable(), executed: z.number().nullable(), printedRate: z.number().nullable(), calcRate: z.number().nullable(),
  printedScore: z.number().nullable(), calcScore: z.number().nullable(), printedGrade: z.string().nullable(), calcGrade: z.string().nullable(),
  errorCount: z.number(), warningCount: z.number(), spotCheckId: z.string().nullable(), updatedAt: z.string(),
}).openapi('FormSummary');

export const FormDetail = z.object({
  id: z.string(), status: StatusEnum, version: z.number(), orgId: z.string(), orgName: z.string(),
  form: z.any().openapi({ description: 'The form in the interchange format (printed values)' }),
  derived: z.any().openapi({ description: 'Recomputed on the server: rate, fund score, indicator suggestions, total, grade' }),
  findings: z.array(z.any()), scores: z.array(z.any()), comments: z.array(z.any()),
  spotCheckId: z.string().nullable(), contentHash: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
  submittedAt: z.string().nullable(), publishedAt: z.string().nullable(),
}).openapi('FormDetail');

const list = createRoute({
  method: 'get', path: '/forms', tags: ['forms'], summary: '自评表列表 / list, filter, search, sort, paginate',
  request: { query: ListQuery },
  responses: { 200: json(z.object({ items: z.array(FormSummary), total: z.number(), page: z.number(), pageSize: z.number() })), ...errors(401, 422) },
});
const get = createRoute({
  method: 'get', path: '/forms/{id}', tags: ['forms'], summary: '自评表详情 / one form with derived numbers, findings, scores and comments',
  request: { params: IdParam },
  responses: { 200: json(FormDetail), ...errors(401, 404) },
});
const create = createRoute({
  method: 'post', path: '/forms', tags: ['forms'], summary: '新建草稿 / create a draft (filler, admin)',
  request: body(z.object({ form: Form, orgId: z.string().max(64).optional() })),
  responses: { 201: json(FormDetail, 'Created'), ...errors(400, 401, 403, 404, 413, 422) },
});
const put = createRoute({
  method: 'put', path: '/forms/{id}', tags: ['forms'], summary: '保存 / save printed values (recomputed on the server; optimistic concurrency)',
  request: { params: IdParam, ...body(z.object({ version: z.number().int().min(0), form: Form })) },
  responses: { 200: json(FormDetail), ...errors(400, 401, 403, 404, 409, 413, 422) },
});
const del = createRoute({
  method: 'delete', path: '/forms/{id}', tags: ['forms'], summary: '删除草稿 / delete a draft (filler, admin)',
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int().min(0) }) },
  responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, 409, 422) },
});
const history = createRoute({
  method: 'get', path: '/forms/{id}/audit', tags: ['forms'], summary: '审计记录 / audit trail of one form',
  request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) }) },
  responses: { 200: json(z.object({ items: z.array(z.any()), total: z.number() })), ...errors(401, 404) },
});
const years = createRoute({
  method: 'get', path: '/forms/{id}/years', tags: ['forms'], summary: '同一项目的上下年度 / year-over-year pairs of this project',
  request: { params: IdParam },
  responses: { 200: json(z.object({ items: z.array(z.any()), total: z.number() })), ...errors(401, 404) },
});

const exportRoute = createRoute({
  method: 'get', path: '/forms/{id}/export', tags: ['forms'], summary: '下载 / the form as the official xlsx or PDF, or as open-data CSV / JSON Lines',
  request: { params: IdParam, query: z.object({ format: z.enum(['xlsx', 'pdf', 'csv', 'jsonl']).default('xlsx') }) },
  responses: { 200: { description: 'The file (Content-Disposition: attachment)' }, ...errors(401, 404, 422) },
});

const EXPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

const LIMITS = { amount: 1e13, number: 1e7, text: 20_000, indicators: 500 };
/** Numbers a PostgreSQL bigint of fen and the UI can hold; oversized text. 422 on failure. */
export function checkBounds(form: Form): void {
  const bad = (path: string, why: string) => { throw new ApiError(422, 'invalid', `${path}: ${why}`); };
  const amt = (v: number | null, p: string) => v != null && (!Number.isFinite(v) || Math.abs(v) > LIMITS.amount) && bad(p, '金额超出范围');
  const num = (v: number | null, p: string) => v != null && (!Number.isFinite(v) || Math.abs(v) > LIMITS.number) && bad(p, '数值超出范围');
  const txt = (v: string | null, p: string) => v != null && v.length > LIMITS.text && bad(p, '文本过长');
  for (const k of ['total', 'fiscal', 'carryover', 'other'] as const) for (const f of ['initialBudget', 'annualBudget', 'executed'] as const) amt(form.funds[k][f], `funds.${k}.${f}`);
  num(form.funds.total.weight, 'funds.total.weight'); num(form.funds.total.rate, 'funds.total.rate'); num(form.funds.total.score, 'funds.total.score');
  num(form.totalWeight, 'totalWeight'); num(form.totalScore, 'totalScore');
  txt(form.projectName, 'projectName'); txt(form.department, 'department'); txt(form.implementingUnit, 'implementingUnit');
  txt(form.goals.expected, 'goals.expected'); txt(form.goals.actual, 'goals.actual');
  if (form.year != null && (form.year < 1900 || form.year > 2200)) bad('year', '年度超出范围');
  if (form.indicators.length > LIMITS.indicators) bad('indicators', '指标过多');
  form.indicators.forEach((i, n) => {
    num(i.weight, `indicators[${n}].weight`); num(i.score, `indicators[${n}].score`);
    for (const k of ['level1', 'level2', 'level3', 'target', 'actual', 'deviation'] as const) txt(i[k], `indicators[${n}].${k}`);
  });
}

/** The form if this session may see it; 404 otherwise (whether or not it exists). */
export async function visibleForm(c: Context<AppEnv>, deps: ResolvedDeps, id: string): Promise<FormRowWithOrg> {
  return seenBy(c, await getFormRow(deps.store.db, id), (r) => r.org_path);
}

/** visibleForm with the form's findings, scores and comments, read in the same statement. */
export async function visibleFormWithChildren(c: Context<AppEnv>, deps: ResolvedDeps, id: string): Promise<{ row: FormRowWithOrg; children: StoredChildren }> {
  return seenBy(c, await getFormWithChildren(deps.store.db, id), (r) => r.row.org_path);
}

/** What was read, if the session may see the form's organisation; 404 otherwise (the one access check for both reads). */
function seenBy<T>(c: Context<AppEnv>, found: T | undefined, orgPath: (t: T) => string): T {
  if (!found || !canSeePath(sessionOf(c), orgPath(found))) throw notFound('自评表');
  return found;
}

/**
 * The detail of a form row; `parsed` when the caller holds the form and derived numbers already (after
 * a save), `stored` when it has read the children with the row.
 */
export async function formDetail(deps: ResolvedDeps, row: FormRowWithOrg, parsed?: { form: unknown; derived: Derived }, stored?: StoredChildren) {
  const findings = parsed?.derived.findings.map(({ messageId: _, ...f }) => f);
  const children = stored ? childViews(stored, findings) : await formChildren(deps.store.db, row.id, findings);
  return {
    id: row.id, status: row.status, version: row.version, orgId: row.org_id, orgName: row.org_name,
    form: parsed ? parsed.form : JSON.parse(row.data), derived: parsed ? { ...parsed.derived, findings: undefined } : row.score_data ? JSON.parse(row.score_data) : null, ...children, spotCheckId: row.spot_check_id, contentHash: row.content_hash,
    createdAt: row.created_at, updatedAt: row.updated_at, submittedAt: row.submitted_at, publishedAt: row.published_at,
  };
}

export function formRoutes(deps: ResolvedDeps) {
  const app = newApp();
  const db = deps.store.db;

  app.openapi(list, async (c) => {
    const s = sessionOf(c);
    const q = c.req.valid('query');
    return c.json(await listForms(db, scopeOf(s), { ...q, status: q.status as FormStatus[] | undefined }), 200);
  });

  app.openapi(get, async (c) => {
    const { row, children } = await visibleFormWithChildren(c, deps, c.req.valid('param').id);
    return c.json(await formDetail(deps, row, undefined, children), 200);
  });

  app.openapi(exportRoute, async (c) => {
    const row = await visibleForm(c, deps, c.req.valid('param').id);
    const { format } = c.req.valid('query');
    const form = Form.parse(JSON.parse(row.data));
    // writers load on demand: exceljs and pdfmake are big and most requests never need them
    const file: Uint8Array | string =
      format === 'xlsx' ? await (await import('../../formats/xlsx/write.js')).writeXlsx([form])
        : format === 'pdf' ? await (await import('../../formats/pdf/write.js')).writePdf([form])
          : format === 'csv' ? (await import('../../formats/csv/write.js')).writeCsv([form], { profile: deps.profile }).forms
            : (await import('../../formats/jsonl/write.js')).writeJsonl([form], { profile: deps.profile }).forms;
    const name = `${(form.projectName ?? row.id).replace(/[\\/:*?"<>|\r\n]/g, '_').slice(0, 80)}.${format}`;
    return c.body(typeof file === 'string' ? file : (file as Uint8Array<ArrayBuffer>), 200, {
      'content-type': EXPORT_TYPES[format],
      'content-disposition': `attachment; filename="form.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  app.openapi(create, async (c) => {
    const s = sessionOf(c);
    if (!canEdit(s.user.role)) throw forbidden('只有填报单位或管理员可以新建自评表');
    const { form: input, orgId } = c.req.valid('json');
    const form = toInterchange(input);
    checkBounds(form);
    const target = s.user.role === 'filler' ? s.user.orgId : orgId;
    if (!target) throw new ApiError(422, 'invalid', '管理员须指定 orgId（实施单位）');
    const org = await getOrg(db, target);
    if (!org || !canSeePath(s, org.path)) throw notFound('单位');
    if (org.kind !== 'unit') throw new ApiError(422, 'invalid', 'orgId 须为实施单位');
    const d = derive(form, deps.profile);
    const id = await deps.store.write((trx) =>
      insertForm(trx, actorOf(s), form, { orgId: org.id, deptOrgId: org.parentId, status: 'draft', createdBy: s.user.id }, d, deps.now()),
    );
    return c.json(await formDetail(deps, (await getFormRow(db, id))!), 201);
  });

  app.openapi(put, async (c) => {
    const s = sessionOf(c);
    const { id } = c.req.valid('param');
    // the findings come in the same statement as the row, so they are the ones of its version
    const { row, children } = await visibleFormWithChildren(c, deps, id);
    if (!canEdit(s.user.role)) throw forbidden('审核人员不能修改填报内容');
    const { version, form: input } = c.req.valid('json');
    if (!EDITABLE.includes(row.status)) throw new ApiError(409, 'bad-state', `当前状态（${row.status}）不可修改`, { status: row.status, currentVersion: row.version });
    const form = toInterchange(input);
    checkBounds(form);
    const d = derive(form, deps.profile);
    const at = deps.now();
    // planned from what was read outside the transaction, which then holds the write lock only for
    // the writes; its UPDATE checks version and status again (a save or submit may have landed).
    // On PostgreSQL the writes are one statement (save-commit.ts)
    const stored = { row, findings: children.findings };
    const planned = planSave(stored, actorOf(s), version, form, d, at, EDITABLE);
    const res = planned.success ? await commitSave(db, deps.store.write, planned.plan) : planned;
    if (!res.success) {
      if (res.error.code === 'not-found') throw notFound('自评表');
      if (res.error.code === 'bad-state') throw new ApiError(409, 'bad-state', `当前状态（${res.error.status}）不可修改`, { status: res.error.status, currentVersion: res.error.currentVersion });
      throw new ApiError(409, 'stale-version', '表单已被他人修改，请刷新后重试', { currentVersion: res.error.currentVersion });
    }
    // what was just written, without reading it back (the stored JSON is exactly this); scores and
    // comments as read with the row, unless the save rewrote the self-score
    const saved = { ...row, version: res.data.version, updated_at: iso(at) };
    return c.json(await formDetail(deps, saved, { form, derived: d }, planned.success && planned.plan.self ? undefined : children), 200);
  });

  app.openapi(del, async (c) => {
    const s = sessionOf(c);
    const { id } = c.req.valid('param');
    const row = await visibleForm(c, deps, id);
    if (!canEdit(s.user.role)) throw forbidden();
    if (row.status !== 'draft') throw new ApiError(409, 'bad-state', '只能删除草稿', { status: row.status });
    const { version } = c.req.valid('query');
    const ok = await deps.store.write((trx) => deleteDraft(trx, actorOf(s), id, version, deps.now()));
    if (!ok) throw new ApiError(409, 'stale-version', '表单已被他人修改，请刷新后重试', { currentVersion: (await getFormRow(db, id))?.version ?? null });
    return c.body(null, 204);
  });

  app.openapi(history, async (c) => {
    const row = await visibleForm(c, deps, c.req.valid('param').id);
    const { limit, offset } = c.req.valid('query');
    return c.json(await listAudit(db, { entity: 'form', entityId: row.id, limit, offset }), 200);
  });

  app.openapi(years, async (c) => {
    const s = sessionOf(c);
    const row = await visibleForm(c, deps, c.req.valid('param').id);
    return c.json(await yoyPairs(db, scopeOf(s), { formId: row.id }), 200);
  });

  return app;
}
