import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

/** I2: an indicator worth 0 points measures nothing (vendor switch isCheckWeightGtZero). */
export const i2ZeroWeight = defineRule({
  id: 'I2',
  severity: 'warning',
  scope: 'indicator',
  description: { 'zh-CN': '指标分值应大于 0', en: 'Indicator weight is positive' },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      if (r.weight == null || r.weight > 0) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'weight'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), weight: r.weight },
      });
    }
    return out ?? NO_ISSUES;
  },
});
