import { roundHalfUp } from '../../model/money.js';
import { defineRule, NO_ISSUES } from '../define-rule.js';

/**
 * F8 "自评虚高": execution below 60% while the indicators score ≥ 95% of their weights. The
 * 财政部 notice forbids inflating scores; six seed forms spent 2.5–58.7% and scored 89–90 of 90.
 */
export const f8InflatedSelfEvaluation = defineRule({
  id: 'F8',
  severity: 'warning',
  scope: 'form',
  description: { 'zh-CN': '执行率低但指标得分接近满分（自评虚高）', en: 'Low execution but near-full indicator marks' },
  check({ report, profile }) {
    const ratio = report.funds.execution.ratio;
    if (ratio === null || ratio >= profile.lowExecutionRatio) return NO_ISSUES;
    const weights = report.indicatorWeights.printed;
    const scores = report.indicatorSum.printed;
    if (scores === null || !(weights > 0) || scores < weights * profile.fullMarksShare - 1e-9) return NO_ISSUES;
    return [
      {
        path: 'funds.total.rate',
        params: {
          rate: report.funds.rate.display,
          threshold: roundHalfUp(profile.lowExecutionRatio * 100, 2),
          scores,
          weights,
          share: roundHalfUp(profile.fullMarksShare * 100, 2),
        },
      },
    ];
  },
});
