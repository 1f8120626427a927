import { defineRule, NO_ISSUES } from '../define-rule.js';

/**
 * F5: printed execution 得分 = round_half_up(min(ratio, 1) × 分值, 2) from the unrounded ratio,
 * within 0.005 (banded in Jiangxi). Recomputing from the printed, rounded rate would be wrong.
 */
export const f5ExecutionScore = defineRule({
  id: 'F5',
  severity: 'error',
  scope: 'funds',
  description: {
    'zh-CN': '执行率得分应为 min(执行率, 100%) × 分值，四舍五入到 2 位小数',
    en: 'Execution score is min(rate, 100%) × weight, rounded half up to 2 decimals',
  },
  check({ report, profile }) {
    const s = report.funds.score;
    if (s.ok !== false) return NO_ISSUES;
    return [
      {
        path: 'funds.total.score',
        params: {
          printed: s.printed,
          expected: s.recomputed,
          rate: report.funds.rate.recomputed,
          weight: profile.executionWeight,
        },
      },
    ];
  },
});
