import { defineRule, NO_ISSUES } from '../define-rule.js';

// Words that say the project was not (fully) carried out.
const NOT_EXECUTED_RE = /未执行|暂停|取消|未安排资金|压减|未开展|未实施|未启动|停止|终止|未使用/;

/** G3: the actual outcome admits non-execution while the indicators still score (near) full. */
export const g3GoalNotExecuted = defineRule({
  id: 'G3',
  severity: 'warning',
  scope: 'goals',
  description: {
    'zh-CN': '实际完成情况称未执行，指标却得高分',
    en: 'Outcome says not executed while indicators score high',
  },
  check({ form, report, profile }) {
    const actual = form.goals.actual;
    if (!actual) return NO_ISSUES;
    const m = NOT_EXECUTED_RE.exec(actual);
    if (!m) return NO_ISSUES;
    const weights = report.indicatorWeights.printed;
    const scores = report.indicatorSum.printed;
    if (scores === null || !(weights > 0) || scores < weights * profile.fullMarksShare - 1e-9) return NO_ISSUES;
    return [{ path: 'goals.actual', params: { keyword: m[0], scores, weights } }];
  },
});
