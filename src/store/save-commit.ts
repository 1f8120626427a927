/**
 * Committing a planned save (planSave). On PostgreSQL a save is one statement: the UPDATE of the
 * form and, fed by it, every other write (search row, indicators, findings, self-score, roll-ups,
 * audit) as data-modifying CTEs. One round trip with no BEGIN or COMMIT, where a transaction
 * takes five to ten: under load the server spent about a third of its time writing statements to
 * PostgreSQL's sockets, while PostgreSQL's backends sat waiting for the next one.
 *
 * The statement holds only while the form is as planned: at the planned version, and where it sat
 * when read (org, status, spot check), from which the roll-up changes were worked out. Otherwise it
 * writes nothing and the save runs as a transaction (applySave), which says why it failed or
 * applies it against the row as it is now. SQLite runs in-process, where statements cost no round
 * trip: it always takes the transaction, grouped with other writes (write-groups.ts).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.js';
import { isPostgres } from './dialect.js';
import type { RunWrite } from './write-groups.js';
import { applySave, buildFormRows, planSave, scoreValues, type SavePlan, type SaveResult } from './forms-repo.js';
import { derive } from './derive.js';
import { SYSTEM } from './audit-repo.js';
import { emptyForm } from '../model/form.js';
import { PG_SEARCH_REPLACE, tsVector } from './search.js';
import { ROLLUPS, STATS_TABLES, StatsDelta } from './stats.js';
import { newId } from './db.js';

/** Apply a plan in a transaction of its own (on PostgreSQL, one statement when the form is as planned). */
export async function commitSave(db: Kysely<DB>, write: RunWrite, p: SavePlan): Promise<SaveResult> {
  if (isPostgres(db)) {
    const r = await saveStatement(p).execute(db);
    if (r.rows.length) return { success: true, data: { version: p.expectedVersion + 1 } };
  }
  return write((trx) => applySave(trx, p));
}

/**
 * Run the save statement once on this connection for a form id that matches no row, so that it
 * writes nothing. A PostgreSQL connection's first save otherwise pays for loading every table,
 * index and type the statement names into its caches. Two server processes on 1M forms, saves at
 * 500/s for 10 s after the bench's warm-up (which saves on only a few connections), three runs each:
 * without this, p99 62, 92 and 150 ms and a median of 6–37 ms over the first 2 s; with it, p99 47,
 * 36 and 147 ms and a median of 4.2–4.7 ms over the first 2 s.
 */
export async function warmSave(db: Kysely<DB>): Promise<boolean> {
  if (!isPostgres(db)) return false;
  const at = Date.now();
  const before = emptyForm();
  const row = { ...buildFormRows(SYSTEM, [{ form: before, meta: { orgId: '', deptOrgId: null, status: 'draft', createdBy: null }, derived: derive(before) }], at).forms[0], id: '', score_data: null };
  // a changed name: the search row is rewritten too
  const after = { ...before, projectName: '预热' };
  const planned = planSave({ row, findings: [] }, SYSTEM, row.version, after, derive(after), at);
  if (!planned.success || !planned.plan.search || !planned.plan.audit.length) throw new Error('warmSave: the plan leaves out the search row or the audit');
  return (await saveStatement(planned.plan).execute(db)).rows.length === 0;
}

/** The save as one PostgreSQL statement; it returns the new version, or no row (and writes nothing) when the form is not as planned. */
function saveStatement(p: SavePlan): RawBuilder<{ version: number }> {
  const row = p.stats.row;
  const set = sql.join(Object.entries(p.set).map(([k, v]) => sql`${sql.ref(k)} = ${v}`));
  const upd = sql`update forms set ${set} where id = ${p.id} and version = ${p.expectedVersion} and status = ${row.status}
    and org_id = ${row.org_id} and dept_org_id is not distinct from ${row.dept_org_id} and spot_check_id is not distinct from ${row.spot_check_id}
    returning version`;
  // every other write happens only if the update did (and so after it)
  const gate = sql`exists (select from upd)`;
  const parts: [name: string, query: RawBuilder<unknown>][] = [];
  if (p.search) parts.push(['search', sql`insert into form_search (form_id, vec) select ${p.id}, ${tsVector(p.search[1])}::tsvector where ${gate} ${sql.raw(PG_SEARCH_REPLACE)}`]);
  // no unique index on either: the delete sees the rows as they were, and never the ones inserted beside it
  if (p.indicators) {
    parts.push(['indicators_old', sql`delete from indicators where form_id = ${p.id} and ${gate}`]);
    if (p.indicators.length) parts.push(['indicators_new', insertRows('indicators', p.indicators, gate)]);
  }
  if (p.findings) {
    parts.push(['findings_old', sql`delete from findings where form_id = ${p.id} and ${gate}`]);
    if (p.findings.length) parts.push(['findings_new', insertRows('findings', p.findings, gate)]);
  }
  if (p.self) {
    const values = scoreValues(p.self.actorId, p.self.score, p.self.now);
    const update = sql.join(Object.keys(values).map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`));
    const score = { id: newId(), form_id: p.id, level: 'self', created_at: p.self.now, ...values };
    parts.push(['self_score', insertRows('scores', [score], gate, sql`on conflict (form_id, level) do update set ${update}`)]);
  }
  // the roll-ups as applySave changes them, with the form where the update's WHERE says it still is
  const after = { ...row, ...p.stats.content };
  const stats = new StatsDelta()
    .add({ before: [row], after: [after] }, { before: [{ row, findings: p.stats.oldFindings }], after: [{ row: after, findings: p.stats.newFindings }] })
    .take();
  // form_stats before finding_stats, as every transaction locks them (applyStats), or two writers
  // could each hold a row the other waits for. PostgreSQL runs the CTEs nobody reads in reverse
  // order of writing, so the order is made explicit: finding_stats reads form_stats' result first.
  let statsGate: RawBuilder<unknown> = gate;
  for (const t of STATS_TABLES) {
    if (!stats[t].length) continue;
    const { keys, sums } = ROLLUPS[t];
    const add = sql.join(sums.map((m) => sql`${sql.ref(m)} = ${sql.ref(`${t}.${m}`)} + ${sql.ref(`excluded.${m}`)}`));
    parts.push([`${t}_added`, insertRows(t, stats[t], statsGate, sql`on conflict (${sql.join(keys.map((k) => sql.ref(k)))}) do update set ${add} returning 1`)]);
    statsGate = sql`${gate} and (select count(*) from ${sql.id(`${t}_added`)}) > 0`;
  }
  parts.push(['audit', insertRows('audit_log', p.audit, gate)]);
  const ctes = sql.join(parts.map(([name, q]) => sql`${sql.id(name)} as (${q})`));
  return sql<{ version: number }>`with upd as (${upd}), ${ctes} select version from upd`;
}

/** INSERT … SELECT of rows passed as one JSON parameter, typed by the table's own row type. */
function insertRows(table: keyof DB, rows: readonly object[], gate: RawBuilder<unknown>, conflict = sql``): RawBuilder<unknown> {
  const cols = sql.join(Object.keys(rows[0]).map((c) => sql.ref(c)));
  return sql`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${jsonParam(rows)}::json) where ${gate} ${conflict}`;
}

/**
 * JSON text of the rows, with lone surrogates as U+FFFD: a text parameter reaches PostgreSQL so
 * (UTF-8 has no surrogates), while PostgreSQL rejects them as JSON escapes.
 */
const jsonParam = (rows: readonly object[]) =>
  JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'string' && LONE.test(v) ? v.replace(LONE_ALL, '\uFFFD') : v));
const LONE = /\p{Surrogate}/u;
const LONE_ALL = /\p{Surrogate}/gu;
