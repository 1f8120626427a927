import { defineRule, NO_ISSUES } from '../define-rule.js';
import { isBlank, normText } from '../helpers.js';

/** G2: 实际完成情况 identical to 预期目标 says nothing about what happened (seeds: 7 forms). */
export const g2ActualCopied = defineRule({
  id: 'G2',
  severity: 'info',
  scope: 'goals',
  description: { 'zh-CN': '实际完成情况不应照抄预期目标', en: 'Actual outcome is not a copy of the expected goal' },
  check({ form }) {
    const { expected, actual } = form.goals;
    if (isBlank(expected) || isBlank(actual)) return NO_ISSUES;
    if (expected !== actual) {
      // normalising only strips spaces and punctuation: texts of very different length differ
      const a = expected!.length;
      const b = actual!.length;
      if (Math.abs(a - b) > 4 + Math.max(a, b) / 5 || normText(expected!) !== normText(actual!)) return NO_ISSUES;
    }
    return [{ path: 'goals.actual', params: {} }];
  },
});
