import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowIssue } from '../helpers.js';

/**
 * I10: a missed lower-is-better target (A > T) has no national formula; T/A × w and the linear
 * penalty (1 − (A−T)/T) × w are both in use, so flag the row for review and accept either.
 */
export const i10LowerMissed = defineRule({
  id: 'I10',
  severity: 'info',
  scope: 'indicator',
  description: {
    'zh-CN': '反向指标未达目标，得分应在两种算法之间，请复核',
    en: 'Missed lower-is-better target: review the score against both formulas',
  },
  variants: ['I10.outside'],
  check({ rows, profile }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const s = r.suggestion;
      if (s.reason !== 'lower-missed' || !s.formulas) continue;
      const tol = profile.tolerance.indicator + 1e-9;
      const outside = r.score != null && (r.score < s.min! - tol || r.score > s.max! + tol);
      (out ??= []).push(rowIssue(r, 'score', { inverse: s.formulas.inverse, linear: s.formulas.linear, min: s.min, max: s.max, score: r.score, }, outside ? 'I10.outside' : undefined));
    }
    return out ?? NO_ISSUES;
  },
});
