/**
 * The review workflow as data: which action moves a form from which states to which, and who may
 * take it. draft → dept_review (submitted) → finance_review (主管部门 approved) → published
 * (财政局 accepted); either reviewer may return a form to the unit with field comments.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, FormStatus, Role, ScoreLevel } from './schema.js';
import { iso, newId } from './db.js';
import { audit, type Actor } from './audit-repo.js';
import { upsertScore } from './forms-repo.js';
import { applyStats, loadStatsRows } from './stats.js';

export type WorkflowAction = 'submit' | 'approve' | 'return' | 'accept';

export const TRANSITIONS: Record<WorkflowAction, { from: Partial<Record<Role, FormStatus[]>>; to: FormStatus }> = {
  submit: { from: { filler: ['draft', 'returned'], admin: ['draft', 'returned'] }, to: 'dept_review' },
  approve: { from: { dept_reviewer: ['dept_review'], admin: ['dept_review'] }, to: 'finance_review' },
  return: { from: { dept_reviewer: ['dept_review'], finance_reviewer: ['finance_review'], admin: ['dept_review', 'finance_review'] }, to: 'returned' },
  accept: { from: { finance_reviewer: ['finance_review'], admin: ['finance_review'] }, to: 'published' },
};

/** Statuses in which the unit (or an admin) may edit the printed values. */
export const EDITABLE: readonly FormStatus[] = ['draft', 'returned'];
export const canEdit = (role: Role) => role === 'filler' || role === 'admin';

export const commentLevel = (role: Role) =>
  (({ filler: 'unit', dept_reviewer: 'dept', finance_reviewer: 'finance', admin: 'admin' }) as const)[role];

/** The level a reviewer scores at, and the statuses in which they may (re-)score. */
export const SCORING: Partial<Record<Role, { level: ScoreLevel; statuses: FormStatus[] }>> = {
  dept_reviewer: { level: 'dept', statuses: ['dept_review'] },
  finance_reviewer: { level: 'finance', statuses: ['finance_review', 'published'] },
};

export type TransitionResult =
  | { success: true; data: { status: FormStatus; version: number } }
  | { success: false; error: { code: 'bad-state'; status: FormStatus; version: number } | { code: 'stale-version'; status: FormStatus; version: number } | { code: 'not-found' } };

export interface FieldComment {
  path: string;
  body: string;
}

/** Apply one workflow action atomically: UPDATE … WHERE status IN (from) [AND version = ?]. Call in a transaction. */
export async function transition(
  db: Kysely<DB>,
  actor: Actor & { role: Role },
  formId: string,
  action: WorkflowAction,
  opts: { version?: number; comments?: FieldComment[]; message?: string | null; at?: number } = {},
): Promise<TransitionResult> {
  const t = TRANSITIONS[action];
  const from = t.from[actor.role] ?? [];
  const at = opts.at ?? Date.now();
  const now = iso(at);
  const cur = await db.selectFrom('forms').select(['status', 'version']).where('id', '=', formId).executeTakeFirst();
  if (!cur) return { success: false, error: { code: 'not-found' } };
  if (opts.version != null && opts.version !== cur.version)
    return { success: false, error: { code: from.includes(cur.status) ? 'stale-version' : 'bad-state', status: cur.status, version: cur.version } };
  const expected = cur.version;
  const before = await loadStatsRows(db, [formId], true);
  const res = await db
    .updateTable('forms')
    .set({
      status: t.to,
      version: expected + 1,
      updated_at: now,
      ...(action === 'submit' ? { submitted_at: now } : {}),
      ...(action === 'accept' ? { published_at: now } : {}),
    })
    .where('id', '=', formId)
    .where('version', '=', expected)
    .where('status', 'in', from.length ? from : ['-none-' as FormStatus])
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    const now2 = (await db.selectFrom('forms').select(['status', 'version']).where('id', '=', formId).executeTakeFirst())!;
    return { success: false, error: { code: from.includes(now2.status) ? 'stale-version' : 'bad-state', status: now2.status, version: now2.version } };
  }
  const after = await loadStatsRows(db, [formId], true);
  await applyStats(db, { before: before.rows, after: after.rows }, { before: before.findings, after: after.findings });
  const level = commentLevel(actor.role);
  const comments = [...(opts.comments ?? [])];
  if (opts.message) comments.push({ path: '', body: opts.message });
  if (comments.length)
    await db
      .insertInto('comments')
      .values(comments.map((c) => ({ id: newId(), form_id: formId, path: c.path, body: c.body, author_id: actor.id, level, form_version: expected + 1, created_at: now, resolved_at: null })))
      .execute();
  await audit(db, actor, [
    { action: `form.${action}`, entity: 'form', entityId: formId, field: 'status', old: cur.status, new: t.to },
    ...comments.map((c) => ({ action: 'form.comment', entity: 'form', entityId: formId, field: c.path || null, new: c.body })),
  ], at);
  return { success: true, data: { status: t.to, version: expected + 1 } };
}

export async function addComment(db: Kysely<DB>, actor: Actor & { role: Role }, formId: string, c: FieldComment, at = Date.now()) {
  const f = await db.selectFrom('forms').select('version').where('id', '=', formId).executeTakeFirstOrThrow();
  const id = newId();
  await db.insertInto('comments').values({ id, form_id: formId, path: c.path, body: c.body, author_id: actor.id, level: commentLevel(actor.role), form_version: f.version, created_at: iso(at), resolved_at: null }).execute();
  await audit(db, actor, { action: 'form.comment', entity: 'form', entityId: formId, field: c.path || null, new: c.body }, at);
  return id;
}

export async function resolveComment(db: Kysely<DB>, actor: Actor, formId: string, commentId: string, at = Date.now()): Promise<boolean> {
  const r = await db.updateTable('comments').set({ resolved_at: iso(at) }).where('id', '=', commentId).where('form_id', '=', formId).where('resolved_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await audit(db, actor, { action: 'comment.resolve', entity: 'form', entityId: formId, field: commentId }, at);
  return true;
}

/** A reviewer's score for the form at their level (主管部门 or 财政局), audited with the old value. */
export async function setReviewScore(
  db: Kysely<DB>,
  actor: Actor,
  formId: string,
  level: ScoreLevel,
  s: { totalScore: number | null; grade: string | null; detail: unknown; comment: string | null },
  at = Date.now(),
) {
  const old = await db.selectFrom('scores').select(['total_score', 'grade']).where('form_id', '=', formId).where('level', '=', level).executeTakeFirst();
  await upsertScore(db, formId, level, actor.id, s, iso(at));
  await audit(db, actor, { action: `score.${level}`, entity: 'form', entityId: formId, field: `scores.${level}`, old: old ? { totalScore: old.total_score, grade: old.grade } : null, new: { totalScore: s.totalScore, grade: s.grade } }, at);
}

/** A PRNG from a text seed (sha256 → sfc32): the same seed draws the same sample. */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0), b = h.readUInt32LE(4), c = h.readUInt32LE(8), d = h.readUInt32LE(12);
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** k of the ids (sorted first, so the draw depends only on the population and the seed). */
export function drawSample(ids: readonly string[], k: number, seed: string): string[] {
  const pool = [...ids].sort();
  const rnd = seededRandom(seed);
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n).sort();
}

export interface SpotCheckRequest {
  year?: number;
  count?: number;
  share?: number;
  seed: string;
  statuses: FormStatus[];
  dryRun?: boolean;
}

/** Draw a 抽查 sample of visible forms by count or share; records it and marks the forms unless dryRun. */
export async function drawSpotCheck(db: Kysely<DB>, actor: Actor, scope: string | null, r: SpotCheckRequest, at = Date.now()) {
  let q = db.selectFrom('forms').innerJoin('orgs', 'orgs.id', 'forms.org_id').select('forms.id').where('forms.status', 'in', r.statuses);
  if (scope) q = q.where('orgs.path', 'like', `${scope}%`);
  if (r.year != null) q = q.where('forms.year', '=', r.year);
  const ids = (await q.execute()).map((x) => x.id);
  const k = r.count ?? Math.ceil((r.share ?? 0) * ids.length);
  const sample = drawSample(ids, k, r.seed);
  const id = newId();
  if (!r.dryRun) {
    await db.insertInto('spot_checks').values({
      id, at: iso(at), drawn_by: actor.id, year: r.year ?? null, seed: r.seed,
      requested: JSON.stringify({ count: r.count ?? null, share: r.share ?? null, statuses: r.statuses }), population: ids.length, form_ids: JSON.stringify(sample),
    }).execute();
    const before = await loadStatsRows(db, sample, false);
    for (let i = 0; i < sample.length; i += 500) await db.updateTable('forms').set({ spot_check_id: id }).where('id', 'in', sample.slice(i, i + 500)).execute();
    await applyStats(db, { before: before.rows, after: before.rows.map((r) => ({ ...r, spot_check_id: id })) });
    await audit(db, actor, { action: 'spotcheck.draw', entity: 'spot_check', entityId: id, new: { seed: r.seed, year: r.year ?? null, count: r.count ?? null, share: r.share ?? null, population: ids.length, formIds: sample } }, at);
  }
  return { id: r.dryRun ? null : id, seed: r.seed, population: ids.length, formIds: sample };
}
