import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowIssue } from '../helpers.js';

/** I9: a met quantitative target earns full marks (10号); a deduction needs a stated reason. */
export const i9MetNotFull = defineRule({
  id: 'I9',
  severity: 'warning',
  scope: 'indicator',
  description: { 'zh-CN': '已达目标的定量指标应得满分', en: 'A met quantitative target gets full marks' },
  check({ rows, profile }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const s = r.suggestion;
      if (s.kind !== 'quantitative' || s.met !== true || r.score == null || r.weight == null) continue;
      if (r.score >= r.weight - profile.tolerance.score) continue;
      (out ??= []).push(rowIssue(r, 'score', { score: r.score, weight: r.weight, hasDeviation: !!r.row.deviation?.trim(), }));
    }
    return out ?? NO_ISSUES;
  },
});
