import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

/** I1: 0 ≤ 得分 ≤ 分值 on every indicator row. */
export const i1ScoreRange = defineRule({
  id: 'I1',
  severity: 'error',
  scope: 'indicator',
  description: { 'zh-CN': '指标得分应在 0 与分值之间', en: 'Indicator score lies between 0 and its weight' },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const { score, weight } = r;
      if (score == null || weight == null) continue;
      if (score >= -1e-9 && score <= weight + 1e-9) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'score'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), score, weight },
      });
    }
    return out ?? NO_ISSUES;
  },
});
