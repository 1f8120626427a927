import { near } from '../../model/money.js';
import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowIssue } from '../helpers.js';

/** I8: a missed higher-is-better target scores completed ÷ target × weight (10号 "按比例记分"). */
export const i8ProportionalScore = defineRule({
  id: 'I8',
  severity: 'warning',
  scope: 'indicator',
  description: {
    'zh-CN': '未达目标的定量指标应按完成值与指标值的比例计分',
    en: 'A missed quantitative target scores actual / target × weight',
  },
  check({ rows, profile }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const s = r.suggestion;
      if (s.met !== false || s.suggested === null || r.score == null) continue;
      if (near(r.score, s.suggested, profile.tolerance.indicator)) continue;
      (out ??= []).push(rowIssue(r, 'score', { expected: s.suggested, score: r.score, weight: r.weight, }));
    }
    return out ?? NO_ISSUES;
  },
});
