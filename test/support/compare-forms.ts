/**
 * Field-by-field comparison of forms, with the same normalisation as ../shared/tools/eval-parse.mjs
 * (text: NFKC, no tags, no whitespace or quotes; numbers: equal, rate within 0.005).
 */
import type { Form } from '../../src/model/form.js';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).normalize('NFKC').replace(/<[^>]*>/g, '').replace(/["\s]/g, ''));
const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'number' ? v : Number(String(v).replace(/[,%\s]/g, '')));
const sameNum = (a: unknown, b: unknown, tol = 1e-6) => {
  const x = num(a), y = num(b);
  if (x === null || y === null) return x === y;
  return Math.abs(x - y) <= tol;
};

/** Differences between an expected and an actual form, as "path: want ≠ got" strings. */
export function diffForms(want: Form, got: Form): string[] {
  const out: string[] = [];
  const t = (path: string, a: unknown, b: unknown) => { if (text(a) !== text(b)) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`); };
  const n = (path: string, a: unknown, b: unknown, tol?: number) => { if (!sameNum(a, b, tol)) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`); };
  n('year', want.year, got.year);
  for (const k of ['projectName', 'department', 'implementingUnit'] as const) t(k, want[k], got[k]);
  for (const row of ['total', 'fiscal', 'carryover', 'other'] as const) {
    const keys = row === 'total' ? ['initialBudget', 'annualBudget', 'executed', 'weight', 'rate', 'score'] : ['initialBudget', 'annualBudget', 'executed'];
    for (const k of keys) n(`funds.${row}.${k}`, (want.funds[row] as Record<string, unknown>)[k], (got.funds?.[row] as Record<string, unknown> | undefined)?.[k], k === 'rate' ? 0.005 : undefined);
  }
  t('goals.expected', want.goals.expected, got.goals?.expected);
  t('goals.actual', want.goals.actual, got.goals?.actual);
  n('totalWeight', want.totalWeight, got.totalWeight);
  n('totalScore', want.totalScore, got.totalScore);
  const gi = got.indicators ?? [];
  if (want.indicators.length !== gi.length) out.push(`indicators.length: ${want.indicators.length} ≠ ${gi.length}`);
  want.indicators.forEach((w, i) => {
    const g = gi[i];
    if (!g) return;
    for (const k of ['level1', 'level2', 'level3', 'target', 'actual', 'deviation'] as const) t(`indicators[${i}].${k}`, w[k], g[k]);
    for (const k of ['weight', 'score'] as const) n(`indicators[${i}].${k}`, w[k], g[k]);
  });
  return out;
}
