/**
 * Import: text exports and interchange JSON → preview (parsed forms, diagnostics, findings,
 * organisations to create or match, duplicates by content hash) → commit in one transaction.
 * The same content imported twice creates nothing.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { Form, toInterchange } from '../model/form.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Finding } from '../checks/finding.js';
import { detectFormat, readAny } from '../formats/registry.js';
import { parseText } from '../formats/text/parse.js';
import type { DB, FormStatus, Role } from './schema.js';
import { iso, newId } from './db.js';
import { audit, type Actor } from './audit-repo.js';
import { contentHash, derive, type Derived } from './derive.js';
import { insertForms, type NewForm } from './forms-repo.js';
import { StatsDelta } from './stats.js';
import { isPostgres } from './dialect.js';
import { createOrg, ensureRoot, findChild, normName, type Org } from './orgs-repo.js';

export interface ImportSource {
  name: string;
  content: string | Uint8Array;
}

/** Who imports: their org bounds where forms may land (null = the system, e.g. the CLI). */
export interface Importer {
  actor: Actor;
  role: Role | null;
  orgId: string | null;
}

export type PreviewAction = 'create' | 'duplicate' | 'forbidden' | 'invalid';

export interface PreviewForm {
  source: string;
  index: number;
  action: PreviewAction;
  reason: string | null;
  duplicateOf: string | null;
  contentHash: string | null;
  confidence: number | null;
  form: Form | null;
  diagnostics: Diagnostic[];
  findings: Finding[];
  summary: { rate: number | null; total: number | null; suggestedTotal: number | null; grade: string | null; suggestedGrade: string | null } | null;
  department: { name: string; orgId: string | null; action: 'match' | 'create' } | null;
  unit: { name: string; orgId: string | null; action: 'match' | 'create' } | null;
}

export interface ImportPreview {
  sources: { name: string; forms: number; diagnostics: Diagnostic[] }[];
  forms: PreviewForm[];
  orgs: { create: { kind: 'department' | 'unit'; name: string; parent: string }[]; match: { id: string; kind: string; name: string }[] };
  counts: { forms: number; create: number; duplicate: number; forbidden: number; invalid: number };
}

export const NO_DEPT = '（未填写主管部门）';
export const NO_UNIT = '（未填写实施单位）';

interface Parsed {
  source: string;
  index: number;
  form: Form | null;
  confidence: number | null;
  diagnostics: Diagnostic[];
  hash: string | null;
  derived: Derived | null;
  error: string | null;
}

const looksJson = (name: string, text: string) => /\.json$/i.test(name) || /^\s*[[{]/.test(text.slice(0, 200));

/**
 * Parse every source (no database): text exports through parseText, JSON through the Form schema
 * (an invalid form stays visible as an 'invalid' item), xlsx and PDF through the format registry.
 */
export async function parseSources(sources: ImportSource[], profile?: string): Promise<{ parsed: Parsed[]; sources: ImportPreview['sources'] }> {
  const parsed: Parsed[] = [];
  const out: ImportPreview['sources'] = [];
  for (const src of sources) {
    const head = typeof src.content === 'string' ? src.content : new TextDecoder('utf-8', { fatal: false }).decode(src.content.subarray(0, 200));
    let forms: { form: Form | null; confidence: number | null; diagnostics: Diagnostic[]; error: string | null }[] = [];
    const diagnostics: Diagnostic[] = [];
    const bytes = typeof src.content === 'string' ? null : src.content;
    const office = bytes ? detectFormat(bytes.subarray(0, 512), src.name) : 'text';
    if (bytes && (office === 'xlsx' || office === 'pdf')) {
      const r = await readAny(bytes, src.name);
      diagnostics.push(...r.diagnostics);
      forms = r.forms.map((f) => ({ form: toInterchange(f), confidence: f.confidence, diagnostics: f.diagnostics, error: null }));
    } else if (looksJson(src.name, head)) {
      try {
        const text = typeof src.content === 'string' ? src.content : new TextDecoder('utf-8', { fatal: true }).decode(src.content);
        const raw = JSON.parse(text.replace(/^\uFEFF/, ''));
        const list: unknown[] = Array.isArray(raw) ? raw : Array.isArray(raw?.forms) ? raw.forms : [raw];
        forms = list.map((x) => {
          const r = Form.safeParse(x);
          return r.success
            ? { form: toInterchange(r.data), confidence: null, diagnostics: [], error: null }
            : { form: null, confidence: null, diagnostics: [], error: r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
        });
      } catch (e) {
        diagnostics.push({ code: 'internal', level: 'error', message: `JSON 无法解析：${(e as Error).message}` });
      }
    } else {
      const r = parseText(src.content);
      diagnostics.push(...r.diagnostics);
      forms = r.forms.map((f) => ({ form: toInterchange(f), confidence: f.confidence, diagnostics: f.diagnostics, error: null }));
    }
    forms.forEach((f, index) => {
      let derived: Derived | null = null;
      let error = f.error;
      if (f.form) {
        try {
          derived = derive(f.form, profile);
        } catch (e) {
          error = `评分出错：${(e as Error).message}`;
        }
      }
      parsed.push({ source: src.name, index, form: f.form, confidence: f.confidence, diagnostics: f.diagnostics, hash: f.form ? contentHash(f.form) : null, derived, error });
    });
    out.push({ name: src.name, forms: forms.length, diagnostics });
  }
  return { parsed, sources: out };
}

/** Find an org by name under a parent, or plan to create it (remembered across forms of one import). */
class OrgPlanner {
  private planned = new Map<string, Org>();
  readonly created: ImportPreview['orgs']['create'] = [];
  readonly matched = new Map<string, Org>();
  constructor(private db: Kysely<DB>, private actor: Actor, private write: boolean) {}

  async child(parent: Org, name: string): Promise<{ org: Org; created: boolean }> {
    const key = `${parent.id}|${normName(name)}`;
    const p = this.planned.get(key);
    if (p) return { org: p, created: !this.matched.has(p.id) };
    const found = await findChild(this.db, parent.id, name);
    if (found) {
      this.planned.set(key, found);
      this.matched.set(found.id, found);
      return { org: found, created: false };
    }
    let org: Org;
    if (this.write) {
      const r = await createOrg(this.db, this.actor, { name, parentId: parent.id });
      if (!r.success) throw new Error(r.error.message);
      org = r.data;
    } else {
      const id = `new:${this.created.length}`;
      org = { id, name, kind: parent.kind === 'finance' ? 'department' : 'unit', parentId: parent.id, path: `${parent.path}${id}/` };
    }
    this.created.push({ kind: org.kind as 'department' | 'unit', name, parent: parent.name });
    this.planned.set(key, org);
    return { org, created: true };
  }
}

interface Placement {
  dept: { org: Org; created: boolean };
  unit: { org: Org; created: boolean };
}

/** Where a form lands, or why it may not: the importer's org bounds the subtree. */
async function place(db: Kysely<DB>, who: Importer, root: Org, planner: OrgPlanner, form: Form): Promise<Placement | string> {
  const deptName = form.department?.trim() || NO_DEPT;
  const unitName = form.implementingUnit?.trim() || NO_UNIT;
  const mine = who.orgId ? await db.selectFrom('orgs').selectAll().where('id', '=', who.orgId).executeTakeFirst() : null;
  if (who.role === 'filler') {
    if (!mine) return '无所属单位';
    if (normName(mine.name) !== normName(unitName)) return `实施单位“${unitName}”不是本单位（${mine.name}）`;
    const parent = await db.selectFrom('orgs').selectAll().where('id', '=', mine.parent_id!).executeTakeFirstOrThrow();
    return { dept: { org: toOrgRow(parent), created: false }, unit: { org: toOrgRow(mine), created: false } };
  }
  if (who.role === 'dept_reviewer') {
    if (!mine) return '无所属单位';
    if (normName(mine.name) !== normName(deptName)) return `主管部门“${deptName}”不是本部门（${mine.name}）`;
    const dept = toOrgRow(mine);
    return { dept: { org: dept, created: false }, unit: await planner.child(dept, unitName) };
  }
  const dept = await planner.child(root, deptName);
  return { dept, unit: await planner.child(dept.org, unitName) };
}
const toOrgRow = (r: { id: string; name: string; kind: Org['kind']; parent_id: string | null; path: string }): Org => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id, path: r.path });

async function rootFor(db: Kysely<DB>, who: Importer, write: boolean): Promise<Org> {
  if (who.orgId && who.role === 'finance_reviewer') {
    const r = await db.selectFrom('orgs').selectAll().where('id', '=', who.orgId).executeTakeFirstOrThrow();
    return toOrgRow(r);
  }
  if (write) return ensureRoot(db, who.actor);
  const r = await db.selectFrom('orgs').selectAll().where('parent_id', 'is', null).orderBy('created_at').orderBy('id').executeTakeFirst();
  return r ? toOrgRow(r) : { id: 'new:root', name: '财政局', kind: 'finance', parentId: null, path: '/new:root/' };
}

async function plan(db: Kysely<DB>, who: Importer, parsed: Parsed[], write: boolean) {
  const root = await rootFor(db, who, write);
  const planner = new OrgPlanner(db, who.actor, write);
  const seen = new Map<string, string>();
  const hashes = parsed.map((p) => p.hash).filter((h): h is string => !!h);
  const existing = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db.selectFrom('forms').select(['id', 'content_hash']).where('content_hash', 'in', hashes.slice(i, i + 500)).execute();
    for (const r of rows) existing.set(r.content_hash!, r.id);
  }
  const items: { p: Parsed; action: PreviewAction; reason: string | null; duplicateOf: string | null; placement: Placement | null }[] = [];
  for (const p of parsed) {
    if (!p.form || !p.hash || !p.derived) {
      items.push({ p, action: 'invalid', reason: unreadable(p), duplicateOf: null, placement: null });
      continue;
    }
    const dup = existing.get(p.hash) ?? seen.get(p.hash);
    if (dup) {
      items.push({ p, action: 'duplicate', reason: existing.has(p.hash) ? '已导入过相同内容' : '本次导入中重复', duplicateOf: existing.get(p.hash) ?? null, placement: null });
      continue;
    }
    const pl = await place(db, who, root, planner, p.form);
    if (typeof pl === 'string') {
      items.push({ p, action: 'forbidden', reason: pl, duplicateOf: null, placement: null });
      continue;
    }
    seen.set(p.hash, `${p.source}#${p.index}`);
    items.push({ p, action: 'create', reason: null, duplicateOf: null, placement: pl });
  }
  return { items, planner };
}

export async function previewImport(db: Kysely<DB>, who: Importer, sources: ImportSource[], profile?: string): Promise<ImportPreview> {
  const { parsed, sources: srcs } = await parseSources(sources, profile);
  const { items, planner } = await plan(db, who, parsed, false);
  const count = (a: PreviewAction) => items.filter((i) => i.action === a).length;
  return {
    sources: srcs,
    forms: items.map(({ p, action, reason, duplicateOf, placement }) => ({
      source: p.source, index: p.index, action, reason, duplicateOf, contentHash: p.hash, confidence: p.confidence, form: p.form,
      diagnostics: p.diagnostics, findings: p.derived?.findings ?? [],
      summary: p.derived ? { rate: p.derived.rate.recomputed, total: p.derived.total.printed, suggestedTotal: p.derived.total.suggested, grade: p.derived.grade.printed, suggestedGrade: p.derived.grade.suggested } : null,
      department: placement ? { name: placement.dept.org.name, orgId: placement.dept.created ? null : placement.dept.org.id, action: placement.dept.created ? 'create' : 'match' } : null,
      unit: placement ? { name: placement.unit.org.name, orgId: placement.unit.created ? null : placement.unit.org.id, action: placement.unit.created ? 'create' : 'match' } : null,
    })),
    orgs: { create: planner.created, match: [...planner.matched.values()].map((o) => ({ id: o.id, kind: o.kind, name: o.name })) },
    counts: { forms: items.length, create: count('create'), duplicate: count('duplicate'), forbidden: count('forbidden'), invalid: count('invalid') },
  };
}

/** What a commit did: the one schema for the store's result and the API's response. */
export const CommitResult = z.object({
  importId: z.string().nullable(),
  created: z.array(z.string()),
  duplicates: z.number(),
  forbidden: z.number(),
  invalid: z.number(),
  /** Why forms could not be read: the first REJECTED_KEPT of them (`invalid` counts them all). */
  rejected: z.array(z.object({ source: z.string(), index: z.number(), reason: z.string() })),
  orgsCreated: z.number(),
});
export type CommitResult = z.infer<typeof CommitResult>;

/** Why a form could not be read, as the preview and the commit say it. */
const unreadable = (p: { error?: string | null }) => p.error ?? '未能读出表单';

/** How many unreadable forms a commit describes (a million-form import keeps no list of millions). */
export const REJECTED_KEPT = 100;

/**
 * Commit in ONE transaction: orgs, forms, indicators, findings, scores, audit. If anything throws
 * (including onProgress), nothing is stored. Content already stored is skipped, so a repeat creates nothing.
 */
export async function commitImport(
  db: Kysely<DB>,
  who: Importer,
  sources: ImportSource[],
  opts: CommitOptions = {},
): Promise<CommitResult> {
  const { parsed } = await parseSources(sources, opts.profile);
  return commitStream(db, who, parsed, { ...opts, sources: sources.map((s) => s.name), total: parsed.length });
}

export interface CommitOptions {
  status?: FormStatus;
  profile?: string;
  /** Called after each batch; throwing aborts the whole import (rolled back). */
  onProgress?: (done: number, total: number | null) => void | Promise<void>;
  at?: number;
  /** Forms per multi-row INSERT batch (default 500). */
  batchSize?: number;
}

/** An already-read form to import (derived numbers and hash are computed here when absent). */
export interface IncomingForm {
  source: string;
  index: number;
  form: Form | null;
  error?: string | null;
  derived?: Derived | null;
  hash?: string | null;
}

/**
 * Import a stream of forms in one transaction, in batches (bounded memory: a million generated
 * forms go through without holding them all). Duplicates are found by content hash against the
 * store, which inside the transaction includes the batches already written.
 */
export async function commitStream(
  db: Kysely<DB>,
  who: Importer,
  forms: Iterable<IncomingForm> | AsyncIterable<IncomingForm>,
  opts: CommitOptions & { sources?: string[]; total?: number } = {},
): Promise<CommitResult> {
  const at = opts.at ?? Date.now();
  const status = opts.status ?? 'draft';
  const batchSize = opts.batchSize ?? 500;
  return db.transaction().execute(async (trx) => {
    const res: CommitResult = { importId: null, created: [], duplicates: 0, forbidden: 0, invalid: 0, rejected: [], orgsCreated: 0 };
    const reject = (p: IncomingForm, reason: string) => {
      res.invalid++;
      if (res.rejected.length < REJECTED_KEPT) res.rejected.push({ source: p.source, index: p.index, reason });
    };
    const writer = new OrgPlanner(trx, who.actor, true);
    let root: Org | null = null;
    let importId: string | null = null;
    let seen = 0;
    let batch: IncomingForm[] = [];
    const stats = new StatsDelta(); // applied once, after the last batch
    let analyzed = false;
    const flush = async () => {
      const items = batch;
      batch = [];
      const ready: { p: IncomingForm; hash: string; derived: Derived }[] = [];
      for (const p of items) {
        if (!p.form) { reject(p, unreadable(p)); continue; }
        let derived = p.derived ?? null;
        try {
          derived ??= derive(p.form, opts.profile);
        } catch (e) {
          reject(p, `无法计算：${(e as Error).message}`);
          continue;
        }
        ready.push({ p, hash: p.hash ?? contentHash(p.form), derived });
      }
      const existing = new Set<string>();
      const hashes = [...new Set(ready.map((r) => r.hash))];
      for (let i = 0; i < hashes.length; i += 500)
        for (const r of await trx.selectFrom('forms').select('content_hash').where('content_hash', 'in', hashes.slice(i, i + 500)).execute()) existing.add(r.content_hash!);
      const todo: NewForm[] = [];
      for (const r of ready) {
        if (existing.has(r.hash)) { res.duplicates++; continue; }
        root ??= await rootFor(trx, who, true);
        const pl = await place(trx, who, root, writer, r.p.form!);
        if (typeof pl === 'string') { res.forbidden++; continue; }
        existing.add(r.hash);
        if (!importId) {
          importId = newId();
          await trx.insertInto('imports').values({
            id: importId, at: iso(at), user_id: who.actor.id, sources: JSON.stringify(opts.sources ?? []), form_count: 0,
            created_count: 0, duplicate_count: 0, org_created_count: 0,
          }).execute();
        }
        todo.push({ form: r.p.form!, derived: r.derived, meta: { orgId: pl.unit.org.id, deptOrgId: pl.dept.org.id, status, createdBy: who.actor.id, importId, contentHash: r.hash } });
      }
      if (todo.length) res.created.push(...(await insertForms(trx, who.actor, todo, at, stats)));
      if (!analyzed && items.length >= batchSize && isPostgres(trx)) {
        // A long import on PostgreSQL: autovacuum's ANALYZE cannot see our uncommitted rows and would
        // record forms as empty; the planner then checks every foreign key to forms by scanning a whole
        // composite index (100× slower, and growing). Our own ANALYZE counts our rows, and the lock it
        // holds until commit keeps autovacuum's away; later estimates scale with the table's size.
        // skip_locked: a concurrent big import holds it already, and waiting could deadlock.
        await sql`analyze (skip_locked) forms`.execute(trx);
        analyzed = true;
      }
      seen += items.length;
      await opts.onProgress?.(seen, opts.total ?? null);
    };
    for await (const f of forms) {
      batch.push(f);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length) await flush();
    if (!importId) return res;
    await stats.apply(trx);
    res.importId = importId;
    res.orgsCreated = writer.created.length;
    await trx.updateTable('imports').set({ form_count: seen, created_count: res.created.length, duplicate_count: res.duplicates, org_created_count: res.orgsCreated }).where('id', '=', importId).execute();
    await audit(trx, who.actor, { action: 'import.commit', entity: 'import', entityId: importId, new: { sources: opts.sources ?? [], created: res.created.length, duplicates: res.duplicates, orgsCreated: res.orgsCreated, status } }, at);
    return res;
  });
}
