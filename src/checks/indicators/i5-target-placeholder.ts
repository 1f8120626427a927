import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

/** I5: 年度指标值 is filled in with a real target, not a template placeholder ("指标目标值", "XX", "—"). */
export const i5TargetPlaceholder = defineRule({
  id: 'I5',
  severity: 'error',
  scope: 'indicator',
  description: { 'zh-CN': '年度指标值不应为空或占位符', en: 'Target is present and not a placeholder' },
  variants: ['I5.placeholder'],
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const t = r.suggestion.target;
      if (t.kind !== 'empty' && t.kind !== 'placeholder') continue;
      (out ??= []).push({
        path: rowPath(r.index, 'target'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), target: r.row.target ?? '' },
        ...(t.kind === 'placeholder' ? { messageId: 'I5.placeholder' as const } : {}),
      });
    }
    return out ?? NO_ISSUES;
  },
});
