import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { isBlank, rowName, rowPath } from '../helpers.js';

/** I13: score below weight requires 偏差原因分析及改进措施 (10号; vendor systems refuse to save). */
export const i13DeviationMissing = defineRule({
  id: 'I13',
  severity: 'error',
  scope: 'indicator',
  description: {
    'zh-CN': '得分低于分值时必须填写偏差原因分析及改进措施',
    en: 'A score below the weight needs a deviation reason',
  },
  check({ rows, profile }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      if (r.score == null || r.weight == null || r.score >= r.weight - profile.tolerance.score) continue;
      if (!isBlank(r.row.deviation)) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'deviation'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), score: r.score, weight: r.weight },
      });
    }
    return out ?? NO_ISSUES;
  },
});
