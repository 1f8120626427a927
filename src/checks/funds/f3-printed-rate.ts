import { defineRule, NO_ISSUES } from '../define-rule.js';

/**
 * F3: printed 执行率 ≈ 100 × 执行数 / 全年预算数 within 0.01 pp. The seed forms print the
 * ceiling-rounded rate, others round half up; the tolerance accepts both.
 */
export const f3PrintedRate = defineRule({
  id: 'F3',
  severity: 'error',
  scope: 'funds',
  description: { 'zh-CN': '填报的执行率应等于全年执行数 ÷ 全年预算数', en: 'Printed execution rate matches executed / budget' },
  check({ form, report }) {
    const r = report.funds.rate;
    if (r.ok !== false) return NO_ISSUES;
    const t = form.funds.total;
    return [
      {
        path: 'funds.total.rate',
        params: {
          printed: r.printed,
          expected: r.display,
          exact: r.recomputed,
          executed: t.executed,
          budget: t.annualBudget,
        },
      },
    ];
  },
});
