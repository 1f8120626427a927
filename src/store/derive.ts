/**
 * What the server recomputes from a form's printed values: execution rate and score, indicator
 * suggestions, total and grade (scoring/), and findings (checks/). Client numbers are never trusted.
 */
import { createHash } from 'node:crypto';
import type { Form } from '../model/form.js';
import { scoreForm, profileFor, type Profile } from '../scoring/index.js';
import { runChecks } from '../checks/run-checks.js';
import type { Finding } from '../checks/finding.js';

export interface IndicatorDerived {
  index: number;
  kind: string;
  reason: string;
  suggested: number | null;
  min: number | null;
  max: number | null;
  ok: boolean | null;
}

export interface Derived {
  profile: string;
  rate: { printed: number | null; recomputed: number | null; display: number | null; ok: boolean | null };
  fundScore: { printed: number | null; recomputed: number | null; ok: boolean | null };
  total: { printed: number | null; recomputed: number | null; suggested: number | null; ok: boolean | null };
  totalWeight: { printed: number | null; recomputed: number | null; expected: number; ok: boolean | null };
  grade: { printed: string | null; recomputed: string | null; suggested: string | null };
  indicators: IndicatorDerived[];
  findings: Finding[];
}

export function derive(form: Form, profile: Profile | string | undefined = undefined): Derived {
  const p = typeof profile === 'object' ? profile : profileFor(profile ?? 'national');
  const r = scoreForm(form, p);
  let findings: Finding[];
  try {
    findings = runChecks(form, { profile: p, report: r });
  } catch (e) {
    // a checks bug must not make a form unsaveable
    findings = [{ code: 'internal', severity: 'info', message: `校验出错：${(e as Error).message}`, path: '', params: {} } as Finding];
  }
  return {
    profile: r.profile,
    rate: { printed: r.funds.rate.printed, recomputed: r.funds.rate.recomputed, display: r.funds.rate.display, ok: r.funds.rate.ok },
    fundScore: { printed: r.funds.score.printed, recomputed: r.funds.score.recomputed, ok: r.funds.score.ok },
    total: { printed: r.total.printed, recomputed: r.total.recomputed, suggested: r.total.suggested, ok: r.total.ok },
    totalWeight: { printed: r.totalWeight.printed, recomputed: r.totalWeight.recomputed, expected: r.totalWeight.expected, ok: r.totalWeight.ok },
    grade: { ...r.grade },
    indicators: r.indicators.map((i) => ({
      index: i.index, kind: i.suggestion.kind, reason: i.suggestion.reason, suggested: i.suggestion.suggested,
      min: i.suggestion.min, max: i.suggestion.max, ok: i.ok,
    })),
    findings,
  };
}

/**
 * sha256 of the interchange fields in a fixed order (key order and extra fields in the input do
 * not matter). Positional arrays: fast, and unambiguous because the shape is fixed.
 */
export function contentHash(form: Form): string {
  const r = (x: { initialBudget: number | null; annualBudget: number | null; executed: number | null }) => [x.initialBudget, x.annualBudget, x.executed];
  const t = form.funds.total;
  const canonical = [
    1, form.year, form.projectName, form.department, form.implementingUnit,
    [...r(t), t.weight, t.rate, t.score], r(form.funds.fiscal), r(form.funds.carryover), r(form.funds.other),
    form.goals.expected, form.goals.actual,
    form.indicators.map((i) => [i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score, i.deviation]),
    form.totalWeight, form.totalScore,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Normalised project name + unit name: the same project in different years. */
export function projectKey(form: Form): string {
  const n = (s: string | null) => (s ?? '').normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/[（(]?\d{4}\s*年度?[）)]?/g, '');
  return `${n(form.implementingUnit)}|${n(form.projectName)}`;
}
