import { defineRule, NO_ISSUES } from '../define-rule.js';

/** T2: 总分 得分 = execution score + Σ indicator scores, within 0.01 (template; all seed forms). */
export const t2TotalScore = defineRule({
  id: 'T2',
  severity: 'error',
  scope: 'totals',
  description: {
    'zh-CN': '总分得分应等于执行率得分加各指标得分',
    en: 'Total score equals execution score + indicator scores',
  },
  check({ form, report }) {
    const t = report.total;
    if (t.ok !== false) return NO_ISSUES;
    return [
      {
        path: 'totalScore',
        params: {
          printed: t.printed,
          funds: form.funds.total.score,
          indicators: report.indicatorSum.printed,
          recomputed: t.recomputed,
        },
      },
    ];
  },
});
