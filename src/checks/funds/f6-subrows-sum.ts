import type { FundRow } from '../../model/form.js';
import { near } from '../../model/money.js';
import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';

const COLUMNS = ['initialBudget', 'annualBudget', 'executed'] as const satisfies readonly (keyof FundRow)[];

/**
 * F6: 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金 in each amount column ("其中" means
 * "of which"); blank counts as 0. A column left blank in every sub-row is reported on its own.
 */
export const f6SubrowsSum = defineRule({
  id: 'F6',
  severity: 'warning',
  scope: 'funds',
  description: { 'zh-CN': '年度资金总额应等于其中各项之和', en: 'Total row equals the sum of its sub-rows' },
  variants: ['F6.blank'],
  check({ form, profile }) {
    const { total, fiscal, carryover, other } = form.funds;
    let out: Issue[] | null = null;
    for (const column of COLUMNS) {
      const t = total[column];
      if (t == null) continue;
      const a = fiscal[column];
      const b = carryover[column];
      const c = other[column];
      let issue: Issue | null = null;
      if (a == null && b == null && c == null) {
        if (t !== 0) issue = { path: `funds.fiscal.${column}`, params: { column, total: t }, messageId: 'F6.blank' };
      } else {
        const sum = ((a ?? 0) * 100 + (b ?? 0) * 100 + (c ?? 0) * 100) / 100;
        if (!near(sum, t, profile.tolerance.amount)) issue = { path: `funds.total.${column}`, params: { column, total: t, sum } };
      }
      if (issue) (out ??= []).push(issue);
    }
    return out ?? NO_ISSUES;
  },
});
