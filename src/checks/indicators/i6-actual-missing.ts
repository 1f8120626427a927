import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

/** I6: 实际完成值 is filled in; six Minhang seed forms leave it blank and still give full marks. */
export const i6ActualMissing = defineRule({
  id: 'I6',
  severity: 'error',
  scope: 'indicator',
  description: { 'zh-CN': '实际完成值不应为空', en: 'Actual value is present' },
  variants: ['I6.placeholder'],
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const a = r.suggestion.actual;
      if (a.kind !== 'empty' && a.kind !== 'placeholder') continue;
      (out ??= []).push({
        path: rowPath(r.index, 'actual'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), actual: r.row.actual ?? '' },
        ...(a.kind === 'placeholder' ? { messageId: 'I6.placeholder' as const } : {}),
      });
    }
    return out ?? NO_ISSUES;
  },
});
