import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

/** I7: 实际完成值 states what was achieved (95%), not a comparison copied from the target (">=85%"). */
export const i7ActualComparator = defineRule({
  id: 'I7',
  severity: 'warning',
  scope: 'indicator',
  description: { 'zh-CN': '实际完成值应为实际数值，不应写比较式', en: 'Actual value is a value, not a comparison' },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const a = r.suggestion.actual;
      const comparison =
        ((a.kind === 'quantity' || a.kind === 'date') && a.op !== null && a.op !== '~') ||
        a.kind === 'range' ||
        (a.kind === 'text' && a.op !== undefined);
      if (!comparison) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'actual'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), actual: r.row.actual ?? '' },
      });
    }
    return out ?? NO_ISSUES;
  },
});
