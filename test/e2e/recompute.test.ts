/**
 * The editor's live recompute (web/src/editor/live.ts) is the server's scoring and checks, run on
 * every edit, with its findings placed on the rows and cells they are about. Its speed on a
 * 100-row form is a benchmark figure (`BENCH_ONLY=editor npm run bench`), not asserted here.
 */
import { describe, expect, it } from 'vitest';
import { recompute } from '../../web/src/editor/live.js';
import { scoreForm } from '../../src/scoring/index.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { bigForm } from './support/big-form.js';

describe('live recompute', () => {
  it('a consistent 100-row form adds up and has no errors', () => {
    const form = bigForm(100);
    expect(form.indicators).toHaveLength(100);
    const live = recompute(form);
    expect(live.report.totalWeight.recomputed).toBeCloseTo(100, 6);
    expect(live.errors).toEqual([]);
    expect(live.byRow).toHaveLength(100);
  });

  it('an edit is recomputed as the server would, and its finding lands on the edited row', () => {
    const form = bigForm(100);
    const rows = form.indicators.slice();
    // row 50 loses a point without a reason: I13 on that row, and the printed total no longer adds up
    rows[50] = { ...rows[50], score: (rows[50].score ?? 0) - 1, deviation: null };
    const edited = { ...form, indicators: rows };
    const live = recompute(edited);
    const server = runChecks(edited, { report: scoreForm(edited) });
    expect(live.findings.map((f) => `${f.code}|${f.path}`)).toEqual(server.map((f) => `${f.code}|${f.path}`));
    expect(live.byRow[50].map((f) => f.code)).toContain('I13');
    expect(live.byRow.filter((r, i) => i !== 50 && r.some((f) => f.code === 'I13'))).toEqual([]);
    expect(live.report.indicatorSum.printed).toBeCloseTo((scoreForm(form).indicatorSum.printed ?? 0) - 1, 6);
    for (const f of live.findings) if (f.path) expect(live.byPath.get(f.path)).toContain(f);
  });
});
