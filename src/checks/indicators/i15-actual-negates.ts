import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';
import { negatedWithFullMarks } from './shared.js';

/** I15: the actual negates a qualitative target (无, 未…, 尚未…, 0) but the row has full marks. */
export const i15ActualNegates = defineRule({
  id: 'I15',
  severity: 'warning',
  scope: 'indicator',
  description: {
    'zh-CN': '实际完成值表明未完成的指标不应得满分',
    en: 'No full marks when the actual says not achieved',
  },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      if (!negatedWithFullMarks(r)) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'actual'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), actual: r.row.actual ?? '', score: r.score },
      });
    }
    return out ?? NO_ISSUES;
  },
});
