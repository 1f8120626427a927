import { describeValue } from '../../model/value.js';
import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

/**
 * I20 (new, not in rules.md §6.1): a numeric target written without a comparator ("12次",
 * "100%（按实）"), with 约, or with words before the comparator. §2.4.3 and §6.2 ask for a warning
 * and to score it as higher-is-better; the message says how it was read.
 */
export const i20NonstandardTarget = defineRule({
  id: 'I20',
  severity: 'warning',
  scope: 'indicator',
  description: {
    'zh-CN': '定量指标的年度指标值应写明比较符（≥、≤、=）',
    en: 'A numeric target states its comparator (≥, ≤, =)',
  },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const t = r.suggestion.target;
      if (t.kind !== 'quantity' || !t.nonStandard) continue;
      const why = t.op === null ? 'no-comparator' : t.op === '~' ? 'approximate' : 'label';
      const op = t.op === null || t.op === '~' ? '>=' : t.op;
      (out ??= []).push({
        path: rowPath(r.index, 'target'),
        indicatorIndex: r.index,
        params: {
          row: r.index + 1,
          name: rowName(r.row),
          target: r.row.target ?? '',
          why,
          reading: describeValue({ kind: 'quantity', op, value: t.value, unit: t.unit, percent: t.percent }),
        },
      });
    }
    return out ?? NO_ISSUES;
  },
});
