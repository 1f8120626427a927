import { createRoute, z } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { ApiError, IdParam, actorOf, body, errors, forbidden, json, newApp, notFound, requireRole, scopeOf, sessionOf, canSeePath, type ResolvedDeps } from '../context.js';
import { FORM_STATUSES, type FormStatus } from '../../store/schema.js';
import { getFormRow } from '../../store/forms-repo.js';
import { TRANSITIONS, SCORING, addComment, drawSpotCheck, resolveComment, setReviewScore, transition, type WorkflowAction } from '../../store/workflow.js';
import { formDetail, visibleForm, FormDetail } from './forms.js';
import { gradeOf, profileFor } from '../../scoring/index.js';
import { sumExact } from '../../model/money.js';

const Comment = z.object({
  path: z.string().max(200).regex(/^$|^[A-Za-z][\w.]*(\[\d+\])?(\.[A-Za-z]\w*)*$/, '字段路径格式错误').openapi({ example: 'indicators[3].score' }),
  body: z.string().trim().min(1).max(2000),
});
const ActionBody = z.object({
  version: z.number().int().min(0).optional().openapi({ description: 'The version the reviewer saw; a newer one gives 409' }),
  message: z.string().max(2000).optional(),
  comments: z.array(Comment).max(200).optional(),
});

const actionRoute = (action: WorkflowAction, summary: string) =>
  createRoute({
    method: 'post', path: `/forms/{id}/${action}`, tags: ['reviews'], summary,
    request: {
      params: IdParam,
      ...body(action === 'return' ? ActionBody.extend({ comments: z.array(Comment).min(1).max(200) }) : ActionBody),
    },
    responses: { 200: json(FormDetail), ...errors(401, 403, 404, 409, 422) },
  });

const scoreRoute = createRoute({
  method: 'post', path: '/forms/{id}/scores', tags: ['reviews'], summary: '审核评分 / score at my level (主管部门 in dept_review, 财政局 in finance_review or published: re-score)',
  request: {
    params: IdParam,
    ...body(z.object({
      fundScore: z.number().min(0).max(1000).nullable().optional(),
      indicatorScores: z.array(z.number().min(0).max(1000).nullable()).max(500).optional(),
      totalScore: z.number().min(0).max(1000).optional(),
      comment: z.string().max(2000).optional(),
    })),
  },
  responses: { 200: json(FormDetail), ...errors(401, 403, 404, 409, 422) },
});
const commentRoute = createRoute({
  method: 'post', path: '/forms/{id}/comments', tags: ['reviews'], summary: '字段批注 / comment on a field',
  request: { params: IdParam, ...body(Comment) },
  responses: { 201: json(z.object({ id: z.string() }), 'Created'), ...errors(401, 403, 404, 422) },
});
const resolveRoute = createRoute({
  method: 'post', path: '/forms/{id}/comments/{commentId}/resolve', tags: ['reviews'], summary: '批注已处理 / mark a comment resolved',
  request: { params: IdParam.extend({ commentId: z.string().max(64).openapi({ param: { name: 'commentId', in: 'path' } }) }) },
  responses: { 204: { description: 'Resolved' }, ...errors(401, 403, 404) },
});

const SpotCheckOut = z.object({ id: z.string().nullable(), seed: z.string(), population: z.number(), formIds: z.array(z.string()) }).openapi('SpotCheck');
const SpotCheckRow = z.object({
  id: z.string(), at: z.string(), year: z.number().nullable(), seed: z.string(),
  requested: z.record(z.string(), z.unknown()), population: z.number(), formIds: z.array(z.string()),
}).openapi('SpotCheckRecord');
const spotRow = (r: { id: string; at: string; year: number | null; seed: string; requested: string; population: number; form_ids: string }) => ({
  id: r.id, at: r.at, year: r.year, seed: r.seed, requested: JSON.parse(r.requested) as Record<string, unknown>,
  population: Number(r.population), formIds: JSON.parse(r.form_ids) as string[],
});
const drawRoute = createRoute({
  method: 'post', path: '/spot-checks', tags: ['reviews'], summary: '抽查 / draw a reproducible random sample (finance, admin)',
  request: body(z.object({
    year: z.number().int().min(1900).max(2200).optional(),
    count: z.number().int().min(1).max(100_000).optional(),
    share: z.number().gt(0).max(1).optional(),
    seed: z.string().min(1).max(100).optional(),
    statuses: z.array(z.enum(FORM_STATUSES as [FormStatus, ...FormStatus[]])).min(1).max(5).optional(),
    dryRun: z.boolean().optional(),
  }).refine((b) => (b.count == null) !== (b.share == null), '须且只能给出 count 或 share 之一')),
  responses: { 201: json(SpotCheckOut, 'Drawn'), ...errors(401, 403, 422) },
});
const spotList = createRoute({
  method: 'get', path: '/spot-checks', tags: ['reviews'], summary: '抽查记录 / spot checks (finance, admin)',
  responses: { 200: json(z.object({ items: z.array(SpotCheckRow) })), ...errors(401, 403) },
});
const spotGet = createRoute({
  method: 'get', path: '/spot-checks/{id}', tags: ['reviews'], summary: '一次抽查 / one spot check (finance, admin)',
  request: { params: IdParam },
  responses: { 200: json(SpotCheckRow), ...errors(401, 404) },
});

export function reviewRoutes(deps: ResolvedDeps) {
  const app = newApp();
  const db = deps.store.db;

  const summaries: Record<WorkflowAction, string> = {
    submit: '提交 / submit to 主管部门 (filler)',
    approve: '主管部门审核通过 / approve (dept reviewer)',
    return: '退回并批注 / return to the unit with field comments (dept or finance reviewer)',
    accept: '财政局确认并公开 / accept and publish (finance reviewer)',
  };
  for (const action of Object.keys(TRANSITIONS) as WorkflowAction[]) {
    app.openapi(actionRoute(action, summaries[action]), async (c) => {
      const s = sessionOf(c);
      const { id } = c.req.valid('param');
      const row = await visibleForm(c, deps, id);
      const from = TRANSITIONS[action].from[s.user.role];
      if (!from) throw forbidden('当前角色不能执行此操作');
      const b = c.req.valid('json') as z.infer<typeof ActionBody>;
      const res = await deps.store.write((trx) =>
        transition(trx, { ...actorOf(s), role: s.user.role }, row.id, action, { version: b.version, comments: b.comments, message: b.message, at: deps.now() }),
      );
      if (!res.success) {
        if (res.error.code === 'not-found') throw notFound('自评表');
        const msg = res.error.code === 'bad-state' ? `当前状态（${res.error.status}）不能执行“${action}”` : '表单已被他人修改，请刷新后重试';
        throw new ApiError(409, res.error.code, msg, { status: res.error.status, currentVersion: res.error.version });
      }
      return c.json(await formDetail(deps, (await getFormRow(db, id))!), 200);
    });
  }

  app.openapi(scoreRoute, async (c) => {
    const s = sessionOf(c);
    const row = await visibleForm(c, deps, c.req.valid('param').id);
    const rule = SCORING[s.user.role];
    if (!rule) throw forbidden('只有主管部门或财政局审核人员可以评分');
    if (!rule.statuses.includes(row.status)) throw new ApiError(409, 'bad-state', `当前状态（${row.status}）不能评分`, { status: row.status });
    const b = c.req.valid('json');
    const form = JSON.parse(row.data);
    if (b.indicatorScores && b.indicatorScores.length !== form.indicators.length)
      throw new ApiError(422, 'invalid', `indicatorScores 须有 ${form.indicators.length} 项`);
    const total = b.totalScore ?? (b.indicatorScores ? sumExact([b.fundScore ?? null, ...b.indicatorScores]) : null);
    if (total == null) throw new ApiError(422, 'invalid', '须给出 totalScore 或 indicatorScores');
    const grade = gradeOf(total, profileFor(deps.profile ?? 'national'));
    await deps.store.write((trx) =>
      setReviewScore(trx, actorOf(s), row.id, rule.level, { totalScore: total, grade, detail: { fundScore: b.fundScore ?? null, indicators: b.indicatorScores ?? null }, comment: b.comment ?? null }, deps.now()),
    );
    return c.json(await formDetail(deps, (await getFormRow(db, row.id))!), 200);
  });

  app.openapi(commentRoute, async (c) => {
    const s = sessionOf(c);
    const row = await visibleForm(c, deps, c.req.valid('param').id);
    const id = await deps.store.write((trx) => addComment(trx, { ...actorOf(s), role: s.user.role }, row.id, c.req.valid('json'), deps.now()));
    return c.json({ id }, 201);
  });

  app.openapi(resolveRoute, async (c) => {
    const s = sessionOf(c);
    const { id, commentId } = c.req.valid('param');
    const row = await visibleForm(c, deps, id);
    const ok = await deps.store.write((trx) => resolveComment(trx, actorOf(s), row.id, commentId, deps.now()));
    if (!ok) throw notFound('批注');
    return c.body(null, 204);
  });

  app.openapi(drawRoute, async (c) => {
    const s = requireRole(c, 'finance_reviewer', 'admin');
    const b = c.req.valid('json');
    const seed = b.seed ?? randomBytes(8).toString('hex');
    const res = await db.transaction().execute((trx) =>
      drawSpotCheck(trx, actorOf(s), scopeOf(s), { year: b.year, count: b.count, share: b.share, seed, statuses: b.statuses ?? ['finance_review', 'published'], dryRun: b.dryRun }, deps.now()),
    );
    return c.json(res, 201);
  });

  app.openapi(spotList, async (c) => {
    const s = requireRole(c, 'finance_reviewer', 'admin');
    let q = db.selectFrom('spot_checks').selectAll().orderBy('at', 'desc');
    if (s.user.role !== 'admin') q = q.where('drawn_by', 'in', db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.org_id').select('users.id').where('orgs.path', 'like', `${s.user.orgPath}%`));
    const rows = await q.limit(500).execute();
    return c.json({ items: rows.map(spotRow) }, 200);
  });

  app.openapi(spotGet, async (c) => {
    const s = sessionOf(c);
    // a lower role learns nothing about a spot check, not even that it exists
    if (s.user.role !== 'finance_reviewer' && s.user.role !== 'admin') throw notFound('抽查');
    const r = await db.selectFrom('spot_checks').leftJoin('users', 'users.id', 'spot_checks.drawn_by').leftJoin('orgs', 'orgs.id', 'users.org_id').selectAll('spot_checks').select('orgs.path').where('spot_checks.id', '=', c.req.valid('param').id).executeTakeFirst();
    if (!r || (r.path && !canSeePath(s, r.path))) throw notFound('抽查');
    return c.json(spotRow(r), 200);
  });

  return app;
}
