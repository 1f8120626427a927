import { roundHalfUp } from '../../model/money.js';
import { defineRule, NO_ISSUES } from '../define-rule.js';

/** F7: 全年预算数 moved more than 50% from 年初预算数: the new denominator can mask poor execution. */
export const f7BudgetAdjusted = defineRule({
  id: 'F7',
  severity: 'info',
  scope: 'funds',
  description: { 'zh-CN': '全年预算数较年初预算数大幅调整', en: 'Full-year budget far from the initial budget' },
  check({ form, profile }) {
    const { initialBudget: initial, annualBudget: annual } = form.funds.total;
    if (initial == null || annual == null || !(initial > 0)) return NO_ISSUES;
    const change = (annual - initial) / initial;
    if (Math.abs(change) <= profile.budgetChangeShare) return NO_ISSUES;
    return [
      {
        path: 'funds.total.annualBudget',
        params: {
          initial,
          annual,
          change: roundHalfUp(change * 100, 2),
          threshold: roundHalfUp(profile.budgetChangeShare * 100, 2),
        },
      },
    ];
  },
});
