/**
 * Read-side queries: list/filter/search forms, dashboard aggregates and year-over-year pairs,
 * all computed in the database and scoped to an org subtree (null = everything).
 */
import { sql, type Expression, type Kysely, type QueryCreator, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB, FormStatus } from './schema.js';
import { fromFen } from '../model/money.js';
import { RATE_BUCKETS, SCORE_BUCKETS } from './stats.js';
import { SEARCH_FIELDS, searchPlan, sharedCount, type Fetch, type SearchPlan } from './search.js';
import { isPostgres } from './dialect.js';

export const SORT_FIELDS = {
  updatedAt: 'forms.updated_at',
  createdAt: 'forms.created_at',
  year: 'forms.year',
  projectName: 'forms.project_name',
  implementingUnit: 'forms.implementing_unit',
  department: 'forms.department',
  status: 'forms.status',
  budget: 'forms.annual_budget_fen',
  executed: 'forms.executed_fen',
  rate: 'forms.calc_rate',
  printedRate: 'forms.printed_rate',
  score: 'forms.printed_total_score',
  calcScore: 'forms.calc_total_score',
  errors: 'forms.error_count',
  warnings: 'forms.warning_count',
} as const;
export type SortField = keyof typeof SORT_FIELDS;
const NOT_NULL_SORTS = new Set<SortField>(['updatedAt', 'createdAt', 'status', 'errors', 'warnings']);

export interface FormFilter {
  year?: number;
  /** Restrict to this org's subtree (ignored when it is outside the caller's scope: no results). */
  orgId?: string;
  status?: FormStatus[];
  /** Grade of the printed total (自评等级) unless gradeOf = 'calc'. */
  grade?: string;
  gradeOf?: 'printed' | 'calc';
  /** Printed total score (自评得分) range. */
  scoreMin?: number;
  scoreMax?: number;
  /** Recomputed execution rate range, percent. */
  rateMin?: number;
  rateMax?: number;
  /** Has at least one finding with this code. */
  finding?: string;
  hasErrors?: boolean;
  spotChecked?: boolean;
  spotCheckId?: string;
  /** Words (split at whitespace, all must occur) in project name, goals, department or unit. */
  q?: string;
  sort?: SortField;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

type FormsQB = SelectQueryBuilder<DB & { o: DB['orgs'] }, 'forms' | 'o', {}>;

export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

async function orgPath(db: Kysely<DB>, id: string): Promise<string | null> {
  const r = await db.selectFrom('orgs').select('path').where('id', '=', id).executeTakeFirst();
  return r?.path ?? null;
}

/** The scope is the only root: no filter needed (and no join, so indexes on forms stay usable). */
async function isWholeTree(db: Kysely<DB>, path: string): Promise<boolean> {
  const roots = await db.selectFrom('orgs').select('path').where('parent_id', 'is', null).limit(2).execute();
  return roots.length === 1 && roots[0].path === path;
}

/** The subtree path a filter resolves to, or false when it selects nothing visible. */
async function effectiveScope(db: Kysely<DB>, scope: string | null, orgId: string | undefined): Promise<string | null | false> {
  if (!orgId) return scope && (await isWholeTree(db, scope)) ? null : scope;
  const p = await orgPath(db, orgId);
  if (!p || (scope && !p.startsWith(scope))) return false;
  return p;
}

/**
 * The list's filters. `walk`: the page walks the list index in its order and tests the year there;
 * the unary + keeps SQLite off the year's own index, which would read and sort the whole year.
 */
function applyFilter(q: FormsQB, path: string | null, f: FormFilter, search: SearchPlan | null = null, fetch: Fetch = 'sparse', walk = false): FormsQB {
  if (path) q = q.where('o.path', 'like', `${path}%`);
  if (f.year != null) q = walk ? q.where(sql<number>`+forms.year`, '=', f.year) : q.where('forms.year', '=', f.year);
  if (f.status?.length) q = q.where('forms.status', 'in', f.status);
  if (f.grade) q = q.where(f.gradeOf === 'calc' ? 'forms.calc_grade' : 'forms.printed_grade', '=', f.grade);
  if (f.scoreMin != null) q = q.where('forms.printed_total_score', '>=', f.scoreMin);
  if (f.scoreMax != null) q = q.where('forms.printed_total_score', '<=', f.scoreMax);
  if (f.rateMin != null) q = q.where('forms.calc_rate', '>=', f.rateMin);
  if (f.rateMax != null) q = q.where('forms.calc_rate', '<=', f.rateMax);
  if (f.hasErrors != null) q = q.where('forms.error_count', f.hasErrors ? '>' : '=', 0);
  if (f.spotChecked != null) q = q.where('forms.spot_check_id', f.spotChecked ? 'is not' : 'is', null);
  if (f.spotCheckId) q = q.where('forms.spot_check_id', '=', f.spotCheckId);
  // IN rather than EXISTS: the planner can start from the findings_code index when the code is rare
  if (f.finding) q = q.where('forms.id', 'in', (eb) => eb.selectFrom('findings').select('findings.form_id').where('findings.code', '=', f.finding!));
  if (search) {
    // the index finds the candidates; words it cannot decide alone (punctuation, wildcard
    // characters, taken literally) are matched as substrings
    const candidates = search.candidates(fetch);
    if (candidates) q = q.where(candidates);
    for (const w of search.residual) {
      const pat = `%${likeEscape(w)}%`;
      const like = (col: string): Expression<SqlBool> => sql<SqlBool>`lower(${sql.ref(col)}) like ${pat} escape '\\'`;
      q = q.where((eb) => eb.or(SEARCH_FIELDS.map((c) => like(`forms.${c}`))));
    }
  }
  return q;
}

/**
 * Only year, org, status (and one finding code) filter the list: its total can come from the
 * roll-ups instead of counting forms. A code has one severity, so summing finding_stats.forms over
 * severities counts each form once.
 */
const ROLLUP_FILTERS = (f: FormFilter) =>
  f.grade == null && f.scoreMin == null && f.scoreMax == null && f.rateMin == null && f.rateMax == null &&
  f.hasErrors == null && f.spotChecked == null && !f.spotCheckId && !f.q?.trim();

/** How the list fetches a page of a search: thresholds measured on 1,000,000 forms. */
export interface ListPlan {
  /** Above this share of all forms matching a search, the list walks its sort index instead of sorting the matches. */
  denseShare: number;
  /**
   * SQLite: while a page is expected within this many rows of the sort index (page × size ÷ the share
   * of forms that match), each row walked asks the search index about itself (`probe`, search.ts)
   * rather than the index building the set of every match (200–270 ms on 1M forms). A lookup took
   * 0.1 to 3.5 ms on 1M forms: more for more words and for an index in more segments (a merge left
   * unfinished, saves since), so few rows: a page of 20 probes when 40% of forms or more match.
   */
  probeRows: number;
  /**
   * A dense search among at most this many forms (by the roll-ups: scope, year, status, finding
   * code) sorts them all, counting as it goes.
   */
  onePassRows: number;
}
export const LIST_PLAN: Readonly<ListPlan> = Object.freeze({ denseShare: 0.01, probeRows: 50, onePassRows: 50_000 });

/**
 * Only what the index holds filters the list (the text, and on SQLite the year): an exact search
 * counts its matches in the index alone.
 */
const INDEX_ONLY = (f: FormFilter, search: SearchPlan) =>
  ROLLUP_FILTERS({ ...f, q: undefined }) && (f.year == null || search.year === f.year) && !f.status?.length && !f.finding;

async function countFromStats(db: Kysely<DB>, path: string | null, f: FormFilter): Promise<number> {
  let q = f.finding
    ? db.selectFrom('finding_stats as s').select(sql<number>`coalesce(sum(s.forms), 0)`.as('n')).where('s.code', '=', f.finding)
    : db.selectFrom('form_stats as s').select(sql<number>`coalesce(sum(s.forms), 0)`.as('n'));
  if (path) q = q.innerJoin('orgs as o', 'o.id', 's.org_id').where('o.path', 'like', `${path}%`);
  if (f.year != null) q = q.where('s.year', '=', f.year);
  if (f.status?.length) q = q.where('s.status', 'in', f.status);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** SQLite: the highest rowid of forms (how far the rowids reach; deleted drafts leave gaps). */
const lastRowid = async (db: Kysely<DB>) => Number((await sql<{ r: number | null }>`select max(rowid) as r from forms`.execute(db)).rows[0].r ?? 0) || 1;

const formsBase = (db: QueryCreator<DB>, path: string | null) =>
  (path ? db.selectFrom('forms').innerJoin('orgs as o', 'o.id', 'forms.org_id') : db.selectFrom('forms')) as unknown as FormsQB;

export interface FormSummary {
  id: string;
  status: FormStatus;
  version: number;
  year: number | null;
  projectName: string | null;
  department: string | null;
  implementingUnit: string | null;
  orgId: string;
  orgName: string;
  budget: number | null;
  executed: number | null;
  printedRate: number | null;
  calcRate: number | null;
  printedScore: number | null;
  calcScore: number | null;
  printedGrade: string | null;
  calcGrade: string | null;
  errorCount: number;
  warningCount: number;
  spotCheckId: string | null;
  updatedAt: string;
}

/** Nulls last, the same on both dialects (PostgreSQL and SQLite order NULL differently). */
const nullsLast = <T>(rows: T[], key: (r: T) => string | number | null): T[] =>
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return x < y ? -1 : 1;
  });

const yuan = (f: number | null) => (f == null ? null : fromFen(Number(f)));
const n = (v: unknown) => (v == null ? null : Number(v));

/** A page of forms and their total. `plan` is for tests, to take each plan on a small store. */
export async function listForms(db: Kysely<DB>, scope: string | null, f: FormFilter, plan: ListPlan = LIST_PLAN): Promise<{ items: FormSummary[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, f.pageSize ?? 20));
  const path = await effectiveScope(db, scope, f.orgId);
  if (path === false) return { items: [], total: 0, page, pageSize };
  const search = f.q?.trim() ? searchPlan(db, f.q.trim(), { year: f.year }) : null;
  // Whether the index alone decides the list: then the total is the index's count of matches.
  const indexOnly = search != null && path == null && INDEX_ONLY(f, search);
  const all = search ? await countFromStats(db, null, {}) : 0;
  // Past this many matches a search is dense.
  const cut = Math.floor(plan.denseShare * all) + 1;
  // SQLite, the index alone: a dense search's total comes with its page, from one gathering of the
  // matches (below), so here the index is asked only for its first `cut` matches: fewer, and the
  // search is sparse and counted; as many, and how far into the forms they reach gives the share,
  // roughly, which decides whether the page probes.
  const countWithPage = indexOnly && !search.residual.length && !isPostgres(db);
  let matches = 0;
  let share = 0;
  if (countWithPage) {
    const head = await search.head(cut);
    matches = head.n;
    share = head.n < cut ? head.n / Math.max(1, all) : Math.min(1, head.n / Math.max(1, ((head.last ?? 0) / (await lastRowid(db))) * all));
  } else if (search) {
    // The index's count decides how to fetch the page (and is the total when the index alone decides).
    // Otherwise it needs to go no further than the share that makes a search dense: counting a word in
    // every form of 1M took 190 ms.
    matches = await search.count(indexOnly ? undefined : cut);
    share = matches / Math.max(1, all);
  }
  const fetch: Fetch = share > plan.denseShare ? 'dense' : 'sparse';
  const base = applyFilter(formsBase(db, path), path, f, search, fetch);
  const sortField = f.sort ?? 'updatedAt';
  const col = sql.ref(SORT_FIELDS[sortField]);
  const dir = f.order === 'asc' ? sql`asc` : sql`desc`;
  // NULLS LAST is spelled the same in PostgreSQL and SQLite (≥ 3.30) and keeps sort indexes usable
  const nulls = NOT_NULL_SORTS.has(sortField) ? sql`` : sql` nulls last`;
  // Deferred join: find the page's ids first (from the sort index alone where it covers the
  // filters), then read just those rows. Rows skipped by the offset are never read.
  const pageOf = <O,>(q: SelectQueryBuilder<DB & { o: DB['orgs'] }, 'forms' | 'o', O>) => q.orderBy(sql`${col} ${dir}${nulls}`).orderBy(sql`forms.id ${dir}`).limit(pageSize).offset((page - 1) * pageSize);
  const counted = async () => Number((await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total);
  let total: number | undefined;
  let pageIds: string[] | undefined;
  if (ROLLUP_FILTERS(f)) total = await countFromStats(db, path, f);
  else if (indexOnly && !search.residual.length && (fetch === 'sparse' || !countWithPage)) total = matches;
  else if (fetch === 'dense' && (await countFromStats(db, path, { year: f.year, status: f.status, finding: f.finding })) <= plan.onePassRows) {
    // few enough rows to sort them all: the page and its total in one query, so the set of matches
    // is gathered once rather than twice (a word in every form, in one 主管部门 of 1M forms: 290 ms each)
    const rows = await pageOf(base.select(['forms.id', sql<number>`count(*) over ()`.as('total')])).execute();
    pageIds = rows.map((r) => r.id);
    total = rows.length ? Number(rows[0].total) : page === 1 ? 0 : await counted();
  }
  // SQLite, a dense search in the default order, not one pass above: the page walks the list index.
  // Only the page probes (the total must see every match), and only when the index alone decides (the
  // text, and the year it holds): with another filter the plan read every row that passed it and probed
  // each (166,667 rows of a year: 42 s where the set of matches took 0.5). A year is tested on the walk,
  // not by its own index (a word in every form, one year of 166,667: 701 ms → 115).
  const walk = fetch === 'dense' && !pageIds && sortField === 'updatedAt' && !isPostgres(db);
  const probes = (s: number) => walk && indexOnly && (page * pageSize) / s <= plan.probeRows;
  let probe = probes(share);
  if (probe && countWithPage && total === undefined) {
    // the share was a guess from the first matches: the count (which the total needs anyway) says
    total = await search!.count();
    share = total / Math.max(1, all);
    probe = probes(share);
  }
  if (total === undefined && fetch === 'dense' && !isPostgres(db) && !probe) {
    // SQLite, a dense search still to count: the page and its total in one statement, which gathers
    // the set of matches once for both (the total and the page each gathered it before). When the
    // index alone decides, the total is the set's size (counting forms in it would scan the table).
    const counter = countWithPage
      ? sharedCount
      : applyFilter(formsBase(db, path), path, f, search, 'shared').select((eb) => eb.fn.countAll<number>().as('n'));
    const sharedBase = applyFilter(formsBase(search!.withMatches(), path), path, f, search, 'shared', walk && f.year != null);
    const rows = await pageOf(sharedBase.select(['forms.id', counter.as('total')])).execute();
    pageIds = rows.map((r) => r.id);
    total = rows.length ? Number(rows[0].total) : await counted();
  }
  total ??= await counted();
  const pageBase = walk && (probe || f.year != null) ? applyFilter(formsBase(db, path), path, f, search, probe ? 'probe' : fetch, true) : base;
  // nothing to fetch past the total: a filter that no row passes would otherwise walk the whole sort index
  pageIds ??= (page - 1) * pageSize >= total ? [] : (await pageOf(pageBase.select('forms.id')).execute()).map((r) => r.id);
  const found = pageIds.length
    ? await db
      .selectFrom('forms')
      .innerJoin('orgs', 'orgs.id', 'forms.org_id')
      .select([
        'forms.id', 'forms.status', 'forms.version', 'forms.year', 'forms.project_name', 'forms.department', 'forms.implementing_unit',
        'forms.org_id', 'orgs.name as org_name', 'forms.annual_budget_fen', 'forms.executed_fen', 'forms.printed_rate', 'forms.calc_rate',
        'forms.printed_total_score', 'forms.calc_total_score', 'forms.printed_grade', 'forms.calc_grade', 'forms.error_count',
        'forms.warning_count', 'forms.spot_check_id', 'forms.updated_at',
      ])
      .where('forms.id', 'in', pageIds)
      .execute()
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  return {
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      id: r.id, status: r.status, version: r.version, year: r.year, projectName: r.project_name, department: r.department,
      implementingUnit: r.implementing_unit, orgId: r.org_id, orgName: r.org_name, budget: yuan(r.annual_budget_fen),
      executed: yuan(r.executed_fen), printedRate: r.printed_rate, calcRate: r.calc_rate, printedScore: r.printed_total_score,
      calcScore: r.calc_total_score, printedGrade: r.printed_grade, calcGrade: r.calc_grade, errorCount: Number(r.error_count),
      warningCount: Number(r.warning_count), spotCheckId: r.spot_check_id, updatedAt: r.updated_at,
    })),
  };
}

// SQL literals cannot be ±Infinity: clamp the open ends for the direct (reference) query
const finite = (b: [string, number, number][]): [string, number, number][] => b.map(([l, lo, hi]) => [l, Math.max(lo, -1e15), Math.min(hi, 1e15)]);

function bucketExpr(col: string, buckets: [string, number, number][]) {
  const ref = sql.ref(col);
  const whens = buckets.map(([label, lo, hi]) => sql`when ${ref} >= ${sql.lit(lo)} and ${ref} < ${sql.lit(hi)} then ${sql.lit(label)}`);
  return sql<string | null>`case ${sql.join(whens, sql` `)} else null end`;
}

export interface Dashboard {
  totals: { forms: number; budget: number; executed: number; rate: number | null; avgScore: number | null; avgCalcScore: number | null; errors: number; warnings: number; spotChecked: number };
  byStatus: { status: string; count: number }[];
  byGrade: { grade: string | null; count: number }[];
  byCalcGrade: { grade: string | null; count: number }[];
  scoreHistogram: { bucket: string; count: number }[];
  rateHistogram: { bucket: string; count: number }[];
  findingsByCode: { code: string; severity: string; count: number; forms: number }[];
  byDepartment: { orgId: string | null; name: string | null; forms: number; budget: number; executed: number; avgScore: number | null; excellent: number }[];
  byYear: { year: number | null; forms: number; budget: number; executed: number; avgScore: number | null }[];
}

/** Dashboard aggregates straight from forms and findings (the reference the roll-ups are tested against). */
export async function dashboardDirect(db: Kysely<DB>, scope: string | null, f: Pick<FormFilter, 'year' | 'orgId' | 'status'> = {}): Promise<Dashboard> {
  const path = await effectiveScope(db, scope, f.orgId);
  const base = () => applyFilter(formsBase(db, path === false ? '/-none-/' : path), path === false ? '/-none-/' : path, { year: f.year, status: f.status });
  const [totals, byStatus, byGrade, byCalcGrade, scoreH, rateH, findings, byDept, byYear] = await Promise.all([
    base()
      .select((eb) => [
        eb.fn.countAll<number>().as('forms'),
        eb.fn.sum<number>('forms.annual_budget_fen').as('budget'),
        eb.fn.sum<number>('forms.executed_fen').as('executed'),
        eb.fn.avg<number>('forms.printed_total_score').as('avg_score'),
        eb.fn.avg<number>('forms.calc_total_score').as('avg_calc'),
        eb.fn.sum<number>('forms.error_count').as('errors'),
        eb.fn.sum<number>('forms.warning_count').as('warnings'),
        eb.fn.count<number>('forms.spot_check_id').as('spot'),
      ])
      .executeTakeFirstOrThrow(),
    base().select(['forms.status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('forms.status').orderBy('forms.status').execute(),
    base().select(['forms.printed_grade as grade', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('forms.printed_grade').orderBy('forms.printed_grade').execute(),
    base().select(['forms.calc_grade as grade', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('forms.calc_grade').orderBy('forms.calc_grade').execute(),
    base().select([bucketExpr('forms.printed_total_score', finite(SCORE_BUCKETS)).as('bucket'), (eb) => eb.fn.countAll<number>().as('count')]).groupBy(sql`1`).execute(),
    base().select([bucketExpr('forms.calc_rate', finite(RATE_BUCKETS)).as('bucket'), (eb) => eb.fn.countAll<number>().as('count')]).groupBy(sql`1`).execute(),
    base()
      .innerJoin('findings', 'findings.form_id', 'forms.id')
      .select(['findings.code', 'findings.severity', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.count<number>('findings.form_id').distinct().as('forms')])
      .groupBy(['findings.code', 'findings.severity'])
      .orderBy('findings.code')
      .orderBy('findings.severity')
      .execute(),
    base()
      .leftJoin('orgs as d', 'd.id', 'forms.dept_org_id')
      .select([
        'forms.dept_org_id as org_id', 'd.name as name', (eb) => eb.fn.countAll<number>().as('forms'),
        (eb) => eb.fn.sum<number>('forms.annual_budget_fen').as('budget'), (eb) => eb.fn.sum<number>('forms.executed_fen').as('executed'),
        (eb) => eb.fn.avg<number>('forms.printed_total_score').as('avg_score'),
        sql<number>`sum(case when forms.printed_grade = '优' then 1 else 0 end)`.as('excellent'),
      ])
      .groupBy(['forms.dept_org_id', 'd.name'])
      .orderBy('d.name')
      .execute(),
    base()
      .select([
        'forms.year', (eb) => eb.fn.countAll<number>().as('forms'), (eb) => eb.fn.sum<number>('forms.annual_budget_fen').as('budget'),
        (eb) => eb.fn.sum<number>('forms.executed_fen').as('executed'), (eb) => eb.fn.avg<number>('forms.printed_total_score').as('avg_score'),
      ])
      .groupBy('forms.year')
      .orderBy('forms.year')
      .execute(),
  ]);
  const budget = Number(totals.budget ?? 0);
  const executed = Number(totals.executed ?? 0);
  const round2 = (v: unknown) => (v == null ? null : Math.round(Number(v) * 100) / 100);
  const order = (labels: [string, number, number][], rows: { bucket: string | null; count: number }[]) =>
    labels.map(([b]) => ({ bucket: b, count: Number(rows.find((r) => r.bucket === b)?.count ?? 0) }));
  return {
    totals: {
      forms: Number(totals.forms), budget: fromFen(budget), executed: fromFen(executed),
      rate: budget > 0 ? Math.round((executed / budget) * 10000) / 100 : null,
      avgScore: round2(totals.avg_score), avgCalcScore: round2(totals.avg_calc),
      errors: Number(totals.errors ?? 0), warnings: Number(totals.warnings ?? 0), spotChecked: Number(totals.spot),
    },
    byStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.count) })),
    byGrade: nullsLast(byGrade.map((r) => ({ grade: r.grade, count: Number(r.count) })), (r) => r.grade),
    byCalcGrade: nullsLast(byCalcGrade.map((r) => ({ grade: r.grade, count: Number(r.count) })), (r) => r.grade),
    scoreHistogram: order(SCORE_BUCKETS, scoreH as any),
    rateHistogram: order(RATE_BUCKETS, rateH as any),
    findingsByCode: findings.map((r) => ({ code: r.code, severity: r.severity, count: Number(r.count), forms: Number(r.forms) })),
    byDepartment: nullsLast(byDept.map((r) => ({
      orgId: r.org_id, name: r.name, forms: Number(r.forms), budget: fromFen(Number(r.budget ?? 0)), executed: fromFen(Number(r.executed ?? 0)),
      avgScore: round2(r.avg_score), excellent: Number(r.excellent ?? 0),
    })), (r) => r.name),
    byYear: nullsLast(byYear.map((r) => ({ year: r.year, forms: Number(r.forms), budget: fromFen(Number(r.budget ?? 0)), executed: fromFen(Number(r.executed ?? 0)), avgScore: round2(r.avg_score) })), (r) => r.year),
  };
}

export interface YoyPair {
  projectName: string | null;
  implementingUnit: string | null;
  previous: { id: string; year: number; budget: number | null; executed: number | null; rate: number | null; score: number | null };
  current: { id: string; year: number; budget: number | null; executed: number | null; rate: number | null; score: number | null };
  scoreDelta: number | null;
  budgetDelta: number | null;
}

/** The same project (normalised name + unit) in consecutive years, both visible. */
export async function yoyPairs(db: Kysely<DB>, scope: string | null, f: { year?: number; orgId?: string; formId?: string; page?: number; pageSize?: number }): Promise<{ items: YoyPair[]; total: number }> {
  const path = await effectiveScope(db, scope, f.orgId);
  if (path === false) return { items: [], total: 0 };
  let q = db
    .selectFrom('forms as b')
    .innerJoin('orgs as ob', 'ob.id', 'b.org_id')
    .innerJoin('forms as a', (j) => j.onRef('a.project_key', '=', 'b.project_key').on(sql<SqlBool>`a.year = b.year - 1`))
    .innerJoin('orgs as oa', 'oa.id', 'a.org_id');
  if (path) q = q.where('ob.path', 'like', `${path}%`).where('oa.path', 'like', `${path}%`);
  if (f.year != null) q = q.where('b.year', '=', f.year);
  if (f.formId) q = q.where((eb) => eb.or([eb('a.id', '=', f.formId!), eb('b.id', '=', f.formId!)]));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const pageSize = Math.min(200, f.pageSize ?? 50);
  const rows = await q
    .select([
      'b.project_name', 'b.implementing_unit', 'a.id as a_id', 'a.year as a_year', 'a.annual_budget_fen as a_budget', 'a.executed_fen as a_exec',
      'a.calc_rate as a_rate', 'a.printed_total_score as a_score', 'b.id as b_id', 'b.year as b_year', 'b.annual_budget_fen as b_budget',
      'b.executed_fen as b_exec', 'b.calc_rate as b_rate', 'b.printed_total_score as b_score',
    ])
    .orderBy('b.year', 'desc')
    .orderBy('b.project_name')
    .orderBy('b.id')
    .orderBy('a.id')
    .limit(pageSize)
    .offset(((f.page ?? 1) - 1) * pageSize)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      projectName: r.project_name, implementingUnit: r.implementing_unit,
      previous: { id: r.a_id, year: Number(r.a_year), budget: yuan(r.a_budget), executed: yuan(r.a_exec), rate: n(r.a_rate), score: n(r.a_score) },
      current: { id: r.b_id, year: Number(r.b_year), budget: yuan(r.b_budget), executed: yuan(r.b_exec), rate: n(r.b_rate), score: n(r.b_score) },
      scoreDelta: r.a_score != null && r.b_score != null ? Math.round((Number(r.b_score) - Number(r.a_score)) * 100) / 100 : null,
      budgetDelta: r.a_budget != null && r.b_budget != null ? fromFen(Number(r.b_budget) - Number(r.a_budget)) : null,
    })),
  };
}

/**
 * Dashboard aggregates, computed in SQL from the roll-up tables (form_stats, finding_stats), which
 * every write keeps in step: the cost depends on units × years × statuses, not on the number of forms.
 */
export async function dashboard(db: Kysely<DB>, scope: string | null, f: Pick<FormFilter, 'year' | 'orgId' | 'status'> = {}): Promise<Dashboard> {
  const path = await effectiveScope(db, scope, f.orgId);
  const fs = () => {
    let q = db.selectFrom('form_stats as s').innerJoin('orgs as o', 'o.id', 's.org_id');
    q = q.where('o.path', 'like', path === false ? '/-none-/%' : `${path ?? ''}%`);
    if (f.year != null) q = q.where('s.year', '=', f.year);
    if (f.status?.length) q = q.where('s.status', 'in', f.status);
    return q;
  };
  const sum = (col: string) => sql<number>`coalesce(sum(${sql.ref(col)}), 0)`;
  const nz = sql<SqlBool>`sum(s.forms) > 0`;
  const [totals, byStatus, byGrade, byCalcGrade, scoreH, rateH, findings, byDept, byYear] = await Promise.all([
    fs().select([sum('s.forms').as('forms'), sum('s.budget_fen').as('budget'), sum('s.executed_fen').as('executed'), sum('s.score_n').as('score_n'), sum('s.score_c').as('score_c'),
      sum('s.calc_n').as('calc_n'), sum('s.calc_c').as('calc_c'), sum('s.errors').as('errors'), sum('s.warnings').as('warnings'), sum('s.spot').as('spot')]).executeTakeFirstOrThrow(),
    fs().select(['s.status', sum('s.forms').as('count')]).groupBy('s.status').having(nz).orderBy('s.status').execute(),
    fs().select(['s.printed_grade as grade', sum('s.forms').as('count')]).groupBy('s.printed_grade').having(nz).orderBy('s.printed_grade').execute(),
    fs().select(['s.calc_grade as grade', sum('s.forms').as('count')]).groupBy('s.calc_grade').having(nz).orderBy('s.calc_grade').execute(),
    fs().select(['s.score_bucket as bucket', sum('s.forms').as('count')]).groupBy('s.score_bucket').execute(),
    fs().select(['s.rate_bucket as bucket', sum('s.forms').as('count')]).groupBy('s.rate_bucket').execute(),
    (() => {
      let q = db.selectFrom('finding_stats as s').innerJoin('orgs as o', 'o.id', 's.org_id').where('o.path', 'like', path === false ? '/-none-/%' : `${path ?? ''}%`);
      if (f.year != null) q = q.where('s.year', '=', f.year);
      if (f.status?.length) q = q.where('s.status', 'in', f.status);
      return q.select(['s.code', 's.severity', sum('s.findings').as('count'), sum('s.forms').as('forms')]).groupBy(['s.code', 's.severity']).having(sql<SqlBool>`sum(s.findings) > 0`).orderBy('s.code').orderBy('s.severity').execute();
    })(),
    fs().leftJoin('orgs as d', 'd.id', 's.dept_org_id')
      .select(['s.dept_org_id as org_id', 'd.name as name', sum('s.forms').as('forms'), sum('s.budget_fen').as('budget'), sum('s.executed_fen').as('executed'),
        sum('s.score_n').as('score_n'), sum('s.score_c').as('score_c'), sql<number>`coalesce(sum(case when s.printed_grade = '优' then s.forms else 0 end), 0)`.as('excellent')])
      .groupBy(['s.dept_org_id', 'd.name']).having(nz).orderBy('d.name').execute(),
    fs().select(['s.year', sum('s.forms').as('forms'), sum('s.budget_fen').as('budget'), sum('s.executed_fen').as('executed'), sum('s.score_n').as('score_n'), sum('s.score_c').as('score_c')])
      .groupBy('s.year').having(nz).orderBy('s.year').execute(),
  ]);
  const avg = (c: unknown, n: unknown) => (Number(n) > 0 ? Math.round(Number(c) / Number(n)) / 100 : null);
  const budget = Number(totals.budget);
  const executed = Number(totals.executed);
  const order = (labels: [string, number, number][], rows: { bucket: string; count: number }[]) =>
    labels.map(([b]) => ({ bucket: b, count: Number(rows.find((r) => r.bucket === b)?.count ?? 0) }));
  return {
    totals: {
      forms: Number(totals.forms), budget: fromFen(budget), executed: fromFen(executed),
      rate: budget > 0 ? Math.round((executed / budget) * 10000) / 100 : null,
      avgScore: avg(totals.score_c, totals.score_n), avgCalcScore: avg(totals.calc_c, totals.calc_n),
      errors: Number(totals.errors), warnings: Number(totals.warnings), spotChecked: Number(totals.spot),
    },
    byStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.count) })),
    byGrade: nullsLast(byGrade.map((r) => ({ grade: r.grade || null, count: Number(r.count) })), (r) => r.grade),
    byCalcGrade: nullsLast(byCalcGrade.map((r) => ({ grade: r.grade || null, count: Number(r.count) })), (r) => r.grade),
    scoreHistogram: order(SCORE_BUCKETS, scoreH),
    rateHistogram: order(RATE_BUCKETS, rateH),
    findingsByCode: findings.map((r) => ({ code: r.code, severity: r.severity, count: Number(r.count), forms: Number(r.forms) })),
    byDepartment: nullsLast(byDept.map((r) => ({
      orgId: r.org_id || null, name: r.name ?? null, forms: Number(r.forms), budget: fromFen(Number(r.budget)), executed: fromFen(Number(r.executed)),
      avgScore: avg(r.score_c, r.score_n), excellent: Number(r.excellent),
    })), (r) => r.name),
    byYear: nullsLast(byYear.map((r) => ({ year: r.year || null, forms: Number(r.forms), budget: fromFen(Number(r.budget)), executed: fromFen(Number(r.executed)), avgScore: avg(r.score_c, r.score_n) })), (r) => r.year),
  };
}
