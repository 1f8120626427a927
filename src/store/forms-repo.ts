import type { ExpressionBuilder, Kysely, NotNull, SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as pgJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { isPostgres } from './dialect.js';
import { insertMany } from './insert-many.js';
import { toInterchange, type Form } from '../model/form.js';
import { toFen } from '../model/money.js';
import type { AuditTable, CommentTable, DB, FindingTable, FormStatus, FormTable, IndicatorTable, ScoreLevel, ScoreTable } from './schema.js';
import { iso, newId } from './db.js';
import { audit, auditRows, type Actor, type AuditEntry } from './audit-repo.js';
import { projectKey, type Derived } from './derive.js';
import type { Finding } from '../checks/finding.js';
import { applyStats, loadStatsRows, StatsDelta, STATS_COLUMNS } from './stats.js';
import { INDEXED_FIELDS, indexSearch, indexTokens, removeSearch, rowTokens, type SearchEntry } from './search.js';

const STATS_CONTENT = ['year', 'printed_grade', 'calc_grade', 'printed_total_score', 'calc_total_score', 'calc_rate', 'annual_budget_fen', 'executed_fen', 'error_count', 'warning_count'] as const;
const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

export interface FormMeta {
  orgId: string;
  deptOrgId: string | null;
  status: FormStatus;
  createdBy: string | null;
  importId?: string | null;
  contentHash?: string | null;
}

const fen = (v: number | null | undefined): number | null => (v == null || !Number.isFinite(v) ? null : toFen(v));
const num = (v: number | null | undefined): number | null => (v == null || !Number.isFinite(v) ? null : v);

/** The columns that follow from the form and its derived numbers (everything but identity and workflow). */
function contentColumns(form: Form, d: Derived) {
  const t = form.funds.total;
  return {
    project_key: projectKey(form),
    year: form.year,
    project_name: form.projectName,
    department: form.department,
    implementing_unit: form.implementingUnit,
    goals_expected: form.goals.expected,
    goals_actual: form.goals.actual,
    initial_budget_fen: fen(t.initialBudget),
    annual_budget_fen: fen(t.annualBudget),
    executed_fen: fen(t.executed),
    fiscal_annual_fen: fen(form.funds.fiscal.annualBudget),
    fiscal_executed_fen: fen(form.funds.fiscal.executed),
    carryover_annual_fen: fen(form.funds.carryover.annualBudget),
    other_annual_fen: fen(form.funds.other.annualBudget),
    fund_weight: num(t.weight),
    printed_rate: num(t.rate),
    printed_fund_score: num(t.score),
    total_weight: num(form.totalWeight),
    printed_total_score: num(form.totalScore),
    printed_grade: d.grade.printed,
    calc_rate: num(d.rate.recomputed),
    calc_fund_score: num(d.fundScore.recomputed),
    calc_total_score: num(d.total.suggested),
    calc_grade: d.grade.suggested,
    error_count: d.findings.filter((f) => f.severity === 'error').length,
    warning_count: d.findings.filter((f) => f.severity === 'warning').length,
    indicator_count: form.indicators.length,
    data: JSON.stringify(toInterchange(form)),
    score_data: JSON.stringify({ ...d, findings: undefined }),
  };
}

export type Rows = {
  forms: FormTable[];
  indicators: IndicatorTable[];
  findings: FindingTable[];
  scores: ScoreTable[];
};

/** `idOf` gives each row its id: a blank one for rows built only to be compared. */
function childRows(formId: string, form: Form, d: Derived, now: string, actorId: string | null, out: Rows, withSelf: boolean, idOf: () => string = newId) {
  form.indicators.forEach((i, idx) =>
    out.indicators.push({
      id: idOf(), form_id: formId, idx, level1: i.level1, level2: i.level2, level3: i.level3, target: i.target,
      actual: i.actual, weight: num(i.weight), score: num(i.score), deviation: i.deviation,
      suggested_min: d.indicators[idx]?.min ?? null, suggested_max: d.indicators[idx]?.max ?? null,
    }),
  );
  for (const f of d.findings)
    out.findings.push({
      id: idOf(), form_id: formId, code: f.code, severity: f.severity, message: f.message, path: f.path ?? null,
      params: JSON.stringify(f.params ?? {}), indicator_index: f.indicatorIndex ?? null,
    });
  if (withSelf) out.scores.push({ id: newId(), form_id: formId, level: 'self', reviewer_id: actorId, ...selfScore(form, d), comment: null, created_at: now, updated_at: now });
}

const selfScore = (form: Form, d: Derived) => ({
  total_score: num(form.totalScore),
  grade: d.grade.printed,
  detail: JSON.stringify({ fundScore: form.funds.total.score, indicators: form.indicators.map((i) => i.score) }),
});

export interface NewForm {
  form: Form;
  meta: FormMeta;
  derived: Derived;
}

/**
 * Insert new forms with their indicators, findings, self-scores and audit entries, in multi-row
 * statements. Returns the ids. With `stats`, their roll-up changes go there for the caller to apply.
 */
export async function insertForms(db: Kysely<DB>, actor: Actor, items: NewForm[], at = Date.now(), stats?: StatsDelta): Promise<string[]> {
  const rows = buildFormRows(actor, items, at);
  await insertMany(db, 'forms', rows.forms);
  await indexSearch(db, rows.forms);
  await insertMany(db, 'indicators', rows.indicators);
  await insertMany(db, 'findings', rows.findings);
  await insertMany(db, 'scores', rows.scores);
  await insertMany(db, 'audit_log', rows.audit);
  const by = new Map<string, { code: string; severity: string }[]>();
  for (const f of rows.findings) (by.get(f.form_id) ?? by.set(f.form_id, []).get(f.form_id)!).push(f);
  const delta = (stats ?? new StatsDelta()).add({ before: [], after: rows.forms }, { before: [], after: rows.forms.map((r) => ({ row: r, findings: by.get(r.id) ?? [] })) });
  if (!stats) await delta.apply(db);
  return rows.forms.map((f) => f.id);
}

/** Every row that inserting these forms writes (exported for the bulk-insert floor of the benchmark). */
export function buildFormRows(actor: Actor, items: NewForm[], at: number): Rows & { audit: AuditTable[] } {
  const now = iso(at);
  const rows: Rows = { forms: [], indicators: [], findings: [], scores: [] };
  const entries: AuditEntry[] = [];
  for (const { form, meta, derived: d } of items) {
    const id = newId();
    rows.forms.push({
      id, org_id: meta.orgId, dept_org_id: meta.deptOrgId, status: meta.status, version: 1, content_hash: meta.contentHash ?? null,
      ...contentColumns(form, d),
      spot_check_id: null, created_by: meta.createdBy, import_id: meta.importId ?? null, created_at: now, updated_at: now,
      submitted_at: null, published_at: meta.status === 'published' ? now : null,
    });
    childRows(id, form, d, now, meta.createdBy, rows, true);
    entries.push({ action: 'form.create', entity: 'form', entityId: id, new: { status: meta.status, projectName: form.projectName, importId: meta.importId ?? null } });
  }
  return { ...rows, audit: auditRows(actor, entries, at) };
}

/** Insert one new form. Returns the id. */
export async function insertForm(db: Kysely<DB>, actor: Actor, form: Form, meta: FormMeta, d: Derived, at = Date.now()): Promise<string> {
  return (await insertForms(db, actor, [{ form, meta, derived: d }], at))[0];
}

// the org's path and name by scalar subqueries, not a join: SQLite reads the wide forms row three times faster so (18 µs, not 56)
const orgColumns = (eb: ExpressionBuilder<DB, 'forms'>) => [
  eb.selectFrom('orgs').select('orgs.path').whereRef('orgs.id', '=', 'forms.org_id').as('org_path'),
  eb.selectFrom('orgs').select('orgs.name').whereRef('orgs.id', '=', 'forms.org_id').as('org_name'),
];

export async function getFormRow(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('forms')
    .selectAll('forms')
    .select(orgColumns)
    .where('forms.id', '=', id)
    .$narrowType<{ org_path: NotNull; org_name: NotNull }>() // forms.org_id is a foreign key
    .executeTakeFirst();
}
export type FormRowWithOrg = NonNullable<Awaited<ReturnType<typeof getFormRow>>>;

/**
 * A form's row with its findings, scores and comments, read in one statement: one round trip
 * (PostgreSQL) instead of four, and one snapshot, so the findings are the ones of this row's version.
 */
export async function getFormWithChildren(
  db: Kysely<DB>, id: string, which: readonly ChildName[] = ['findings', 'scores', 'comments'],
): Promise<{ row: FormRowWithOrg; children: StoredChildren } | undefined> {
  const r = await db
    .selectFrom('forms')
    .selectAll('forms')
    .select((eb) => [...orgColumns(eb), ...childArrays(db, eb, which)])
    .where('forms.id', '=', id)
    .$narrowType<{ org_path: NotNull; org_name: NotNull }>()
    .executeTakeFirst();
  if (!r) return undefined;
  const { findings, scores, comments, ...row } = r as typeof r & Partial<Record<ChildName, unknown>>;
  return { row, children: storedChildren({ findings, scores, comments }) };
}

/** A form's stored children, as their rows (scores and comments with the user's name); empty when not asked for. */
export interface StoredChildren {
  findings: FindingTable[];
  scores: (ScoreTable & { reviewer: string | null })[];
  comments: (CommentTable & { author: string | null })[];
}
type ChildName = keyof StoredChildren;

const FINDING_COLS = ['id', 'form_id', 'code', 'severity', 'message', 'path', 'params', 'indicator_index'] as const satisfies readonly (keyof FindingTable)[];
const SCORE_COLS = ['id', 'form_id', 'level', 'reviewer_id', 'total_score', 'grade', 'detail', 'comment', 'created_at', 'updated_at'] as const satisfies readonly (keyof ScoreTable)[];
const COMMENT_COLS = ['id', 'form_id', 'path', 'body', 'author_id', 'level', 'form_version', 'created_at', 'resolved_at'] as const satisfies readonly (keyof CommentTable)[];

/** The named children of the form in scope (`forms`) as JSON arrays, one column each. */
function childArrays(db: Kysely<DB>, eb: ExpressionBuilder<DB, 'forms'>, which: readonly ChildName[]) {
  // the same query shape in both dialects; only the JSON aggregate differs (json_agg, json_group_array)
  const arrayFrom = (isPostgres(db) ? pgJsonArray : sqliteJsonArray) as <O>(q: SelectQueryBuilder<any, any, O>) => ReturnType<typeof pgJsonArray<O>>;
  const queries = {
    findings: () => eb.selectFrom('findings').select(FINDING_COLS.map((c) => `findings.${c}` as const)).whereRef('findings.form_id', '=', 'forms.id'),
    scores: () =>
      eb.selectFrom('scores').leftJoin('users', 'users.id', 'scores.reviewer_id')
        .select([...SCORE_COLS.map((c) => `scores.${c}` as const), 'users.username as reviewer']).whereRef('scores.form_id', '=', 'forms.id'),
    comments: () =>
      eb.selectFrom('comments').leftJoin('users', 'users.id', 'comments.author_id')
        .select([...COMMENT_COLS.map((c) => `comments.${c}` as const), 'users.username as author']).whereRef('comments.form_id', '=', 'forms.id'),
  };
  return which.map((w) => arrayFrom(queries[w]() as SelectQueryBuilder<any, any, any>).as(w));
}
// PostgreSQL's driver parses json; SQLite returns the text
const jsonRows = <T>(v: unknown): T[] => (typeof v === 'string' ? JSON.parse(v) : (v as T[] | null) ?? []);
/**
 * childArrays' columns as rows (a child not asked for comes out empty). Findings in the order they were
 * written (their ids are time-ordered), as a save compares them: sorted here, as an aggregate's input
 * order is not a promise.
 */
const storedChildren = (r: Partial<Record<ChildName, unknown>> | undefined): StoredChildren => ({
  findings: jsonRows<FindingTable>(r?.findings).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  scores: jsonRows(r?.scores),
  comments: jsonRows(r?.comments),
});

export type SaveResult =
  | { success: true; data: { version: number } }
  | { success: false; error: { code: 'stale-version'; currentVersion: number } | { code: 'bad-state'; status: FormStatus; currentVersion: number } | { code: 'not-found' } };

/** Flattened leaf paths of a value: "funds.total.executed", "indicators[2].score". */
function flatten(v: unknown, prefix: string, out: Map<string, unknown>): void {
  if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${prefix}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, v);
}

type Change = { field: string; old: unknown; new: unknown };
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The leaves that differ, by path. Walks both forms side by side: paths are built only where they differ. */
export function diffForms(before: Form, after: Form): Change[] {
  const out: Change[] = [];
  diffInto(toInterchange(before), toInterchange(after), '', out);
  return out;
}

function diffInto(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (a === b) return;
  const join = (k: string) => (path ? `${path}.${k}` : k);
  if (isRecord(a) && isRecord(b)) {
    for (const k in a) diffInto(a[k], b[k], join(k), out);
    for (const k in b) if (!(k in a)) diffInto(undefined, b[k], join(k), out);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffInto(a[i], b[i], `${path}[${i}]`, out);
  } else {
    // a leaf, or a value whose shape changed: compare leaf by leaf
    const x = new Map<string, unknown>(), y = new Map<string, unknown>();
    flatten(a, path, x);
    flatten(b, path, y);
    for (const [k, v] of x) if (v !== y.get(k)) out.push({ field: k, old: v ?? null, new: y.get(k) ?? null });
    for (const [k, v] of y) if (!x.has(k) && v !== undefined) out.push({ field: k, old: null, new: v });
  }
}

/** A child row's content without its id, to tell whether a save changed it. */
const sameRows = <T extends { id: string }>(a: T[], b: T[]) =>
  a.length === b.length && a.every((r, i) => sameRow(r, b[i]));
// column by column (values are text, numbers or null): no copies or JSON per row on every save
const sameRow = (a: object, b: object) => {
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  for (const k in x) if (k !== 'id' && x[k] !== y[k]) return false;
  for (const k in y) if (k !== 'id' && !(k in x)) return false;
  return true;
};

/** A form as stored before a save: its row and its findings (in the order they were written). */
export interface StoredForm {
  row: FormTable;
  findings: FindingTable[];
}

// the stats columns a save does not write: read back from the UPDATE, as they are when it lands
const STATS_PLACE = STATS_COLUMNS.filter((c): c is Exclude<(typeof STATS_COLUMNS)[number], (typeof STATS_CONTENT)[number]> => !(STATS_CONTENT as readonly string[]).includes(c));

/**
 * Save new printed values with derived numbers recomputed, if and only if the stored version is
 * still `expectedVersion` (and, when given, the status one of `statuses`): UPDATE … WHERE version = ?.
 * Writes only what changed — an autosave that edits one goal rewrites neither the indicator rows,
 * nor the findings, nor the self-score when they come out the same. Call inside a transaction.
 * (The server plans outside its transaction and applies inside: planSave, applySave.)
 */
export async function saveForm(
  db: Kysely<DB>, actor: Actor, id: string, expectedVersion: number, form: Form, d: Derived, at = Date.now(),
  opts: { statuses?: readonly FormStatus[] } = {},
): Promise<SaveResult> {
  const stored = await getFormWithChildren(db, id, ['findings']);
  if (!stored) return { success: false, error: { code: 'not-found' } };
  const planned = planSave({ row: stored.row, findings: stored.children.findings }, actor, expectedVersion, form, d, at, opts.statuses);
  return planned.success ? applySave(db, planned.plan) : planned;
}

/** Everything a save writes, worked out from the stored form before the transaction begins. */
export interface SavePlan {
  id: string;
  expectedVersion: number;
  statuses?: readonly FormStatus[];
  /** The content columns that changed, the version and updated_at. */
  set: Record<string, unknown>;
  /** The form's search tokens when a searchable field changed (tokenised here, not in the transaction). */
  search: SearchEntry | null;
  /** New child rows, or null when they come out as stored. */
  indicators: IndicatorTable[] | null;
  findings: FindingTable[] | null;
  self: { actorId: string | null; score: Parameters<typeof upsertScore>[4]; now: string } | null;
  stats: { row: FormTable; content: Pick<FormTable, (typeof STATS_CONTENT)[number]>; oldFindings: FindingTable[]; newFindings: { code: string; severity: string }[] };
  audit: AuditTable[];
}

/**
 * Plan a save against `stored`, the form as read (by the server, before its transaction, to check
 * access). The plan holds only if the form is still at `expectedVersion` when applied, which
 * applySave's UPDATE … WHERE version = ? makes sure of: content and findings change only with the
 * version, so what was read is what is replaced, and the transaction holds the write lock (SQLite:
 * the one connection, or the turn among processes) for the writes alone.
 */
export function planSave(
  stored: StoredForm, actor: Actor, expectedVersion: number, form: Form, d: Derived, at: number, statuses?: readonly FormStatus[],
): { success: true; plan: SavePlan } | Extract<SaveResult, { success: false }> {
  const cur = stored.row;
  // `before` must be the row at expectedVersion, for an exact old → new audit
  if (cur.version !== expectedVersion) return { success: false, error: { code: 'stale-version', currentVersion: cur.version } };
  if (statuses && !statuses.includes(cur.status as FormStatus)) return { success: false, error: { code: 'bad-state', status: cur.status as FormStatus, currentVersion: cur.version } };
  const id = cur.id;
  const now = iso(at);
  const content = contentColumns(form, d);
  // only the columns that change: SQLite rewrites an index entry whenever its column is SET, even to the same value
  const changed = Object.fromEntries(Object.entries(content).filter(([k, v]) => cur[k as keyof typeof content] !== v));
  const prior = JSON.parse(cur.data) as Form;
  const priorD = cur.score_data ? (JSON.parse(cur.score_data) as Derived) : null;
  // rows built without ids to compare with what is stored; ids are drawn only for rows written
  const blank = () => '';
  const withIds = <T extends { id: string }>(xs: T[]) => xs.map((r) => ({ ...r, id: newId() }));
  const rows: Rows = { forms: [], indicators: [], findings: [], scores: [] };
  childRows(id, form, d, now, actor.id, rows, false, blank);
  const was: Rows = { forms: [], indicators: [], findings: [], scores: [] };
  if (priorD) childRows(id, prior, { ...priorD, findings: [] }, now, actor.id, was, false, blank);
  const self = selfScore(form, d);
  const entries: AuditEntry[] = diffForms(prior, form).map((c) => ({ action: 'form.edit', entity: 'form', entityId: id, field: c.field, old: c.old, new: c.new }));
  entries.push({ action: 'form.version', entity: 'form', entityId: id, field: 'version', old: expectedVersion, new: expectedVersion + 1 });
  return {
    success: true,
    plan: {
      id, expectedVersion, statuses,
      set: { ...changed, version: expectedVersion + 1, updated_at: now },
      search: INDEXED_FIELDS.some((f) => content[f] !== cur[f]) ? [id, rowTokens(content)] : null,
      indicators: !priorD || !sameRows(was.indicators, rows.indicators) ? withIds(rows.indicators) : null,
      findings: !sameRows(stored.findings, rows.findings) ? withIds(rows.findings) : null,
      self: !priorD || JSON.stringify(selfScore(prior, priorD)) !== JSON.stringify(self)
        ? { actorId: actor.id, score: { totalScore: self.total_score, grade: self.grade, detail: JSON.parse(self.detail), comment: null }, now }
        : null,
      stats: { row: cur, content: pick(content, STATS_CONTENT), oldFindings: stored.findings, newFindings: d.findings },
      audit: auditRows(actor, entries, at),
    },
  };
}

/** Apply a plan (inside a transaction): nothing is written unless the form is still at the planned version. */
export async function applySave(db: Kysely<DB>, p: SavePlan): Promise<SaveResult> {
  let upd = db.updateTable('forms').set(p.set).where('id', '=', p.id).where('version', '=', p.expectedVersion);
  if (p.statuses) upd = upd.where('status', 'in', [...p.statuses]);
  const placed = await upd.returning(STATS_PLACE).executeTakeFirst();
  if (!placed) {
    const now = await db.selectFrom('forms').select(['version', 'status']).where('id', '=', p.id).executeTakeFirst();
    if (!now) return { success: false, error: { code: 'not-found' } };
    return now.version === p.expectedVersion
      ? { success: false, error: { code: 'bad-state', status: now.status, currentVersion: now.version } }
      : { success: false, error: { code: 'stale-version', currentVersion: now.version } };
  }
  if (p.search) await indexTokens(db, [p.search], { replace: true });
  if (p.indicators) {
    await db.deleteFrom('indicators').where('form_id', '=', p.id).execute();
    await insertMany(db, 'indicators', p.indicators);
  }
  if (p.findings) {
    await db.deleteFrom('findings').where('form_id', '=', p.id).execute();
    await insertMany(db, 'findings', p.findings);
  }
  if (p.self) await upsertScore(db, p.id, 'self', p.self.actorId, p.self.score, p.self.now);
  // the row before and after the update, without reading it back; where the form sits (org, status,
  // spot check) as the UPDATE found it
  const before = { ...p.stats.row, ...placed };
  const after = { ...before, ...p.stats.content };
  await applyStats(db, { before: [before], after: [after] }, { before: [{ row: before, findings: p.stats.oldFindings }], after: [{ row: after, findings: p.stats.newFindings }] });
  await insertMany(db, 'audit_log', p.audit);
  return { success: true, data: { version: p.expectedVersion + 1 } };
}

/** Delete a draft at its version (children cascade). False when the version or status moved on. */
export async function deleteDraft(db: Kysely<DB>, actor: Actor, id: string, version: number, at = Date.now()): Promise<boolean> {
  const before = await loadStatsRows(db, [id], true);
  const cur = await db.selectFrom('forms').select(['project_name']).where('id', '=', id).executeTakeFirst();
  // SQLite's index is keyed by the row about to go (PostgreSQL's cascades); a failed delete rolls back with the transaction
  await removeSearch(db, [id]);
  const r = await db.deleteFrom('forms').where('id', '=', id).where('version', '=', version).where('status', '=', 'draft').executeTakeFirst();
  if (Number(r.numDeletedRows) !== 1) return false;
  await applyStats(db, { before: before.rows, after: [] }, { before: before.findings, after: [] });
  await audit(db, actor, { action: 'form.delete', entity: 'form', entityId: id, old: { projectName: cur?.project_name ?? null, version } }, at);
  return true;
}

/** The columns a score's upsert sets (on insert, with id, form, level and created_at). */
export const scoreValues = (reviewerId: string | null, s: ScoreInput, now: string) =>
  ({ reviewer_id: reviewerId, total_score: s.totalScore, grade: s.grade, detail: JSON.stringify(s.detail ?? {}), comment: s.comment, updated_at: now });
export type ScoreInput = { totalScore: number | null; grade: string | null; detail: unknown; comment: string | null };

export async function upsertScore(
  db: Kysely<DB>,
  formId: string,
  level: ScoreLevel,
  reviewerId: string | null,
  s: ScoreInput,
  now: string,
) {
  const values = scoreValues(reviewerId, s, now);
  const r = await db.updateTable('scores').set(values).where('form_id', '=', formId).where('level', '=', level).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('scores').values({ id: newId(), form_id: formId, level, created_at: now, ...values }).execute();
}

/** A finding as a form's detail shows it (as stored: without the message template id). */
export type FindingView = Omit<Finding, 'messageId'>;

/** Findings as a form's detail shows them: form-level first, then by indicator, then by code. */
export function findingViews(fs: readonly FindingView[]): FindingView[] {
  // sorted here, not in SQL: the dialects order NULL differently
  return [...fs].sort((a, b) => (a.indicatorIndex ?? -1) - (b.indicatorIndex ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A form's findings, scores and comments, read in one statement; `findings` when the caller has just written them (after a save). */
export async function formChildren(db: Kysely<DB>, id: string, findings?: readonly FindingView[]) {
  const which: ChildName[] = findings ? ['scores', 'comments'] : ['findings', 'scores', 'comments'];
  const r = await db.selectFrom('forms').select((eb) => childArrays(db, eb, which)).where('forms.id', '=', id).executeTakeFirst();
  return childViews(storedChildren(r as Partial<Record<ChildName, unknown>> | undefined), findings);
}

/** The API's view of stored children; `findings` in place of the stored ones when the caller holds newer ones. */
export function childViews(c: StoredChildren, findings?: readonly FindingView[]) {
  return {
    findings: findingViews(findings ?? c.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, path: f.path ?? '', params: JSON.parse(f.params), indicatorIndex: f.indicator_index ?? undefined } as FindingView))),
    scores: [...c.scores]
      .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level])
      .map((s) => ({ level: s.level, reviewer: s.reviewer ?? null, totalScore: s.total_score, grade: s.grade, detail: JSON.parse(s.detail), comment: s.comment, updatedAt: s.updated_at })),
    // in the order they were written: sorted here, as an aggregate's input order is not a promise
    comments: [...c.comments]
      .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((c) => ({ id: c.id, path: c.path, body: c.body, author: c.author ?? null, level: c.level, formVersion: c.form_version, createdAt: c.created_at, resolvedAt: c.resolved_at })),
  };
}
const LEVEL_ORDER: Record<ScoreLevel, number> = { self: 0, dept: 1, finance: 2 };
