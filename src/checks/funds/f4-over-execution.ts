import { defineRule, NO_ISSUES } from '../define-rule.js';

/** F4: 全年执行数 > 全年预算数 (rate above 100%): a data error even though the score caps at 10. */
export const f4OverExecution = defineRule({
  id: 'F4',
  severity: 'error',
  scope: 'funds',
  description: { 'zh-CN': '全年执行数不应超过全年预算数', en: 'Executed amount does not exceed the full-year budget' },
  check({ form, report }) {
    const x = report.funds.execution;
    if (!x.overExecuted) return NO_ISSUES;
    const t = form.funds.total;
    return [
      {
        path: 'funds.total.executed',
        params: { rate: x.displayRate, executed: t.executed, budget: t.annualBudget },
      },
    ];
  },
});
