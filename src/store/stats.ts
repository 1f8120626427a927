/**
 * Dashboard roll-ups kept in step with the forms: every write passes the affected rows before and
 * after, and the difference goes into form_stats / finding_stats in the same transaction.
 * `rebuildStats` recomputes them from scratch (migration, repair); a test compares both ways.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB, FormStatsTable, FindingStatsTable } from './schema.js';

export type StatsRow = {
  org_id: string;
  dept_org_id: string | null;
  year: number | null;
  status: string;
  printed_grade: string | null;
  calc_grade: string | null;
  printed_total_score: number | null;
  calc_total_score: number | null;
  calc_rate: number | null;
  annual_budget_fen: number | null;
  executed_fen: number | null;
  error_count: number;
  warning_count: number;
  spot_check_id: string | null;
};
export const STATS_COLUMNS = [
  'org_id', 'dept_org_id', 'year', 'status', 'printed_grade', 'calc_grade', 'printed_total_score', 'calc_total_score', 'calc_rate',
  'annual_budget_fen', 'executed_fen', 'error_count', 'warning_count', 'spot_check_id',
] as const;

export const SCORE_BUCKETS: [string, number, number][] = [['<60', -Infinity, 60], ['60-70', 60, 70], ['70-80', 70, 80], ['80-90', 80, 90], ['90-95', 90, 95], ['95-100', 95, Infinity]];
export const RATE_BUCKETS: [string, number, number][] = [['<60%', -Infinity, 60], ['60-80%', 60, 80], ['80-90%', 80, 90], ['90-95%', 90, 95], ['95-100%', 95, 100], ['100%', 100, 100.000001], ['>100%', 100.000001, Infinity]];
export const bucketOf = (v: number | null, buckets: [string, number, number][]): string => {
  if (v == null || !Number.isFinite(v)) return '';
  for (const [label, lo, hi] of buckets) if (v >= lo && v < hi) return label;
  return '';
};

const KEY_COLS = ['org_id', 'year', 'status', 'printed_grade', 'calc_grade', 'score_bucket', 'rate_bucket'] as const;
const MEASURES = ['forms', 'budget_fen', 'executed_fen', 'score_n', 'score_c', 'calc_n', 'calc_c', 'errors', 'warnings', 'spot'] as const;
const centi = (v: number | null) => (v == null ? 0 : Math.round(v * 100));

function contribution(r: StatsRow, sign: 1 | -1): FormStatsTable {
  return {
    org_id: r.org_id, dept_org_id: r.dept_org_id ?? '', year: r.year ?? 0, status: r.status,
    printed_grade: r.printed_grade ?? '', calc_grade: r.calc_grade ?? '',
    score_bucket: bucketOf(r.printed_total_score, SCORE_BUCKETS), rate_bucket: bucketOf(r.calc_rate, RATE_BUCKETS),
    forms: sign, budget_fen: sign * Number(r.annual_budget_fen ?? 0), executed_fen: sign * Number(r.executed_fen ?? 0),
    score_n: r.printed_total_score == null ? 0 : sign, score_c: sign * centi(r.printed_total_score),
    calc_n: r.calc_total_score == null ? 0 : sign, calc_c: sign * centi(r.calc_total_score),
    errors: sign * Number(r.error_count), warnings: sign * Number(r.warning_count), spot: r.spot_check_id ? sign : 0,
  };
}

export interface FindingsOf {
  row: Pick<StatsRow, 'org_id' | 'year' | 'status'>;
  findings: { code: string; severity: string }[];
}

/**
 * Roll-up changes gathered in memory and written once. A long transaction (a million-form import)
 * adds every batch here and applies at the end: on PostgreSQL each upsert of the same roll-up row
 * inside one transaction leaves a row version that later upserts must step over, so applying per
 * batch grows quadratically with the import.
 */
export class StatsDelta {
  private readonly forms = new Map<string, FormStatsTable>();
  private readonly findings = new Map<string, FindingStatsTable>();

  /** Adds before → after for the given forms (and their findings). */
  add(forms: { before: StatsRow[]; after: StatsRow[] }, findings: { before: FindingsOf[]; after: FindingsOf[] } = { before: [], after: [] }): this {
    for (const r of forms.before) this.addForm(contribution(r, -1));
    for (const r of forms.after) this.addForm(contribution(r, 1));
    for (const f of findings.before) this.addFindings(f, -1);
    for (const f of findings.after) this.addFindings(f, 1);
    return this;
  }

  private addForm(c: FormStatsTable) {
    const k = KEY_COLS.map((x) => c[x]).join('\u0001');
    const cur = this.forms.get(k);
    if (!cur) this.forms.set(k, c);
    else for (const m of MEASURES) cur[m] += c[m];
  }

  private addFindings(f: FindingsOf, sign: 1 | -1) {
    const per = new Map<string, { code: string; severity: string; n: number }>();
    for (const x of f.findings) {
      const k = `${x.code}\u0001${x.severity}`;
      const c = per.get(k);
      if (c) c.n++;
      else per.set(k, { code: x.code, severity: x.severity, n: 1 });
    }
    for (const c of per.values()) {
      const key = { org_id: f.row.org_id, year: f.row.year ?? 0, status: f.row.status, code: c.code, severity: c.severity };
      const k = `${key.org_id}\u0001${key.year}\u0001${key.status}\u0001${key.code}\u0001${key.severity}`;
      const cur = this.findings.get(k);
      if (cur) { cur.findings += sign * c.n; cur.forms += sign; }
      else this.findings.set(k, { ...key, findings: sign * c.n, forms: sign });
    }
  }

  /** The gathered roll-up changes, sorted and without rows that add nothing; starts empty again. */
  take(): { form_stats: FormStatsTable[]; finding_stats: FindingStatsTable[] } {
    // sorted: concurrent transactions then lock roll-up rows in one order (no deadlocks on PostgreSQL)
    const out = {
      form_stats: sortedValues(this.forms).filter((r) => MEASURES.some((m) => r[m] !== 0)),
      finding_stats: sortedValues(this.findings).filter((r) => r.findings !== 0 || r.forms !== 0),
    };
    this.forms.clear();
    this.findings.clear();
    return out;
  }

  /** Writes the gathered changes and starts empty again. */
  async apply(db: Kysely<DB>): Promise<void> {
    const rows = this.take();
    for (const t of STATS_TABLES) {
      const rs: object[] = rows[t];
      for (let i = 0; i < rs.length; i += 1000)
        await db
          .insertInto(t)
          .values(rs.slice(i, i + 1000) as any)
          .onConflict((oc) =>
            oc.columns([...ROLLUPS[t].keys] as any).doUpdateSet((eb: ExpressionBuilder<any, any>) =>
              Object.fromEntries(ROLLUPS[t].sums.map((m) => [m, eb(`${t}.${m}`, '+', eb.ref(`excluded.${m}`))])),
            ),
          )
          .execute();
    }
  }
}

/** The roll-up tables: a row per key, whose sums a change adds to (an upsert: insert, or add on conflict). */
export const ROLLUPS = {
  form_stats: { keys: KEY_COLS, sums: MEASURES },
  finding_stats: { keys: ['org_id', 'year', 'status', 'code', 'severity'], sums: ['findings', 'forms'] },
} as const satisfies Record<string, { keys: readonly string[]; sums: readonly string[] }>;
export const STATS_TABLES = ['form_stats', 'finding_stats'] as const;

const sortedValues = <T>(m: Map<string, T>): T[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);

/** Apply before → after for the given forms (and their findings) to the roll-ups. */
export async function applyStats(
  db: Kysely<DB>,
  forms: { before: StatsRow[]; after: StatsRow[] },
  findings: { before: FindingsOf[]; after: FindingsOf[] } = { before: [], after: [] },
): Promise<void> {
  await new StatsDelta().add(forms, findings).apply(db);
}

/** The stats row and findings of forms as stored now (call before changing them). */
export async function loadStatsRows(db: Kysely<DB>, ids: string[], withFindings: boolean): Promise<{ rows: StatsRow[]; findings: FindingsOf[] }> {
  const rows: StatsRow[] = [];
  const findings: FindingsOf[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rs = await db.selectFrom('forms').select(['id', ...STATS_COLUMNS]).where('id', 'in', part).execute();
    rows.push(...rs);
    if (withFindings && rs.length) {
      const fs = await db.selectFrom('findings').select(['form_id', 'code', 'severity']).where('form_id', 'in', part).execute();
      const by = new Map<string, { code: string; severity: string }[]>();
      for (const f of fs) (by.get(f.form_id) ?? by.set(f.form_id, []).get(f.form_id)!).push(f);
      for (const r of rs) findings.push({ row: r, findings: by.get(r.id) ?? [] });
    }
  }
  return { rows, findings };
}

/** Recompute both roll-ups from the forms and findings (migration, repair). */
export async function rebuildStats(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('form_stats').execute();
  await db.deleteFrom('finding_stats').execute();
  const delta = new StatsDelta();
  let last = '';
  for (;;) {
    const ids = (await db.selectFrom('forms').select('id').where('id', '>', last).orderBy('id').limit(5000).execute()).map((r: { id: string }) => r.id);
    if (!ids.length) break;
    const { rows, findings } = await loadStatsRows(db, ids, true);
    delta.add({ before: [], after: rows }, { before: [], after: findings });
    last = ids[ids.length - 1];
  }
  await delta.apply(db);
}
