/**
 * Live recompute: the same scoring and checks the server runs (src/scoring, src/checks), on every
 * edit. Each run is timed; the last samples are kept on window.__jixiaoPerf for the e2e test.
 */
import type { Form } from '../../../src/model/form.js';
import { scoreForm, type ScoreReport } from '../../../src/scoring/index.js';
import { profiles, type Profile } from '../../../src/scoring/profile.js';
import { runChecks } from '../../../src/checks/run-checks.js';
import type { Finding } from '../../../src/checks/finding.js';

export interface Live {
  report: ScoreReport;
  findings: Finding[];
  /** Findings per indicator row (by indicatorIndex or an indicators[i] path). */
  byRow: Finding[][];
  /** Findings by exact field path. */
  byPath: Map<string, Finding[]>;
  errors: Finding[];
  ms: number;
}

const ROW_RE = /^indicators\[(\d+)\]/;

export function recompute(form: Form, profile: Profile = profiles.national): Live {
  const t0 = performance.now();
  const report = scoreForm(form, profile);
  const findings = runChecks(form, { profile, report });
  const ms = performance.now() - t0;
  const byRow: Finding[][] = form.indicators.map(() => []);
  const byPath = new Map<string, Finding[]>();
  const errors: Finding[] = [];
  for (const f of findings) {
    const m = ROW_RE.exec(f.path);
    const row = f.indicatorIndex ?? (m ? Number(m[1]) : -1);
    if (row >= 0 && row < byRow.length) byRow[row].push(f);
    if (f.path) {
      const list = byPath.get(f.path);
      if (list) list.push(f);
      else byPath.set(f.path, [f]);
    }
    if (f.severity === 'error') errors.push(f);
  }
  record(ms, form.indicators.length);
  return { report, findings, byRow, byPath, errors, ms };
}

interface PerfLog { last: number; rows: number; samples: { ms: number; rows: number }[] }

function record(ms: number, rows: number) {
  if (typeof window === 'undefined') return;
  const w = window as unknown as { __jixiaoPerf?: PerfLog };
  const log = (w.__jixiaoPerf ??= { last: 0, rows: 0, samples: [] });
  log.last = ms;
  log.rows = rows;
  log.samples.push({ ms, rows });
  if (log.samples.length > 500) log.samples.splice(0, log.samples.length - 500);
}

/** A short signature of findings, so memoised rows re-render only when theirs change. */
export const findingsSig = (list: readonly Finding[] | undefined): string =>
  list && list.length ? list.map((f) => `${f.code}|${f.path}|${f.message}`).join('\n') : '';
