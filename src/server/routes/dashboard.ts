import { createRoute, z } from '@hono/zod-openapi';
import { errors, json, newApp, scopeOf, sessionOf, type ResolvedDeps } from '../context.js';
import { FORM_STATUSES, type FormStatus } from '../../store/schema.js';
import { dashboard, yoyPairs } from '../../store/queries.js';

const StatusEnum = z.enum(FORM_STATUSES as [FormStatus, ...FormStatus[]]);
const Scope = z.object({
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  orgId: z.string().max(64).optional(),
  status: z.string().max(500).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(StatusEnum).max(20)).optional(),
});

const Count = z.object({ count: z.number() });
export const DashboardOut = z.object({
  totals: z.object({ forms: z.number(), budget: z.number(), executed: z.number(), rate: z.number().nullable(), avgScore: z.number().nullable(), avgCalcScore: z.number().nullable(), errors: z.number(), warnings: z.number(), spotChecked: z.number() }),
  byStatus: z.array(Count.extend({ status: z.string() })),
  byGrade: z.array(Count.extend({ grade: z.string().nullable() })),
  byCalcGrade: z.array(Count.extend({ grade: z.string().nullable() })),
  scoreHistogram: z.array(Count.extend({ bucket: z.string() })),
  rateHistogram: z.array(Count.extend({ bucket: z.string() })),
  findingsByCode: z.array(Count.extend({ code: z.string(), severity: z.string(), forms: z.number() })),
  byDepartment: z.array(z.object({ orgId: z.string().nullable(), name: z.string().nullable(), forms: z.number(), budget: z.number(), executed: z.number(), avgScore: z.number().nullable(), excellent: z.number() })),
  byYear: z.array(z.object({ year: z.number().nullable(), forms: z.number(), budget: z.number(), executed: z.number(), avgScore: z.number().nullable() })),
}).openapi('Dashboard');

const Side = z.object({ id: z.string(), year: z.number(), budget: z.number().nullable(), executed: z.number().nullable(), rate: z.number().nullable(), score: z.number().nullable() });
const YoyOut = z.object({
  items: z.array(z.object({ projectName: z.string().nullable(), implementingUnit: z.string().nullable(), previous: Side, current: Side, scoreDelta: z.number().nullable(), budgetDelta: z.number().nullable() })),
  total: z.number(),
}).openapi('YearOverYear');

const dash = createRoute({
  method: 'get', path: '/dashboard', tags: ['dashboard'], summary: '统计 / aggregates computed in the database (my subtree)',
  request: { query: Scope },
  responses: { 200: json(DashboardOut), ...errors(401, 422) },
});
const yoy = createRoute({
  method: 'get', path: '/yoy', tags: ['dashboard'], summary: '同比 / year-over-year pairs of the same project',
  request: { query: Scope.omit({ status: true }).extend({ page: z.coerce.number().int().min(1).max(100000).optional(), pageSize: z.coerce.number().int().min(1).max(200).optional() }) },
  responses: { 200: json(YoyOut), ...errors(401, 422) },
});

export function dashboardRoutes(deps: ResolvedDeps) {
  const app = newApp();
  app.openapi(dash, async (c) => {
    const s = sessionOf(c);
    const q = c.req.valid('query');
    return c.json(await dashboard(deps.store.db, scopeOf(s), { ...q, status: q.status as FormStatus[] | undefined }), 200);
  });
  app.openapi(yoy, async (c) => {
    const s = sessionOf(c);
    return c.json(await yoyPairs(deps.store.db, scopeOf(s), c.req.valid('query')), 200);
  });
  return app;
}
