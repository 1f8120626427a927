import { defineRule, NO_ISSUES } from '../define-rule.js';

/** T1: 总分 分值 = 100 = execution weight + Σ indicator weights (template; all seed forms). */
export const t1TotalWeight = defineRule({
  id: 'T1',
  severity: 'error',
  scope: 'totals',
  description: {
    'zh-CN': '总分分值应为 100，且等于执行分值与各指标分值之和',
    en: 'Total weight is 100 and equals execution weight + indicator weights',
  },
  check({ report }) {
    const w = report.totalWeight;
    if (w.ok !== false) return NO_ISSUES;
    return [{ path: 'totalWeight', params: { printed: w.printed, expected: w.expected, recomputed: w.recomputed } }];
  },
});
