import { defineRule, NO_ISSUES } from '../define-rule.js';

/** F2: 全年预算数 must be > 0, otherwise the rate is undefined (expect printed 0% and 0). */
export const f2ZeroBudget = defineRule({
  id: 'F2',
  severity: 'warning',
  scope: 'funds',
  description: { 'zh-CN': '全年预算数应大于 0，否则执行率无法计算', en: 'Full-year budget is positive' },
  variants: ['F2.missing'],
  check({ form, report }) {
    const t = form.funds.total;
    if (t.annualBudget == null) {
      // a form with no amounts at all is the parser's concern, not an execution problem
      if (t.executed == null && t.rate == null && t.score == null) return NO_ISSUES;
      return [{ path: 'funds.total.annualBudget', params: {}, messageId: 'F2.missing' }];
    }
    if (t.annualBudget > 0) return NO_ISSUES;
    const x = report.funds.execution;
    return [
      {
        path: 'funds.total.annualBudget',
        params: {
          budget: t.annualBudget,
          executed: t.executed,
          expectedRate: x.displayRate ?? 0,
          expectedScore: x.score ?? 0,
        },
      },
    ];
  },
});
