import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { excerpt, rowName, rowPath } from '../helpers.js';
import { hasFullMarks } from './shared.js';

const NOT_COMPLETED_RE = /没有完成|未完成|未能完成|尚未完成|未达到|没有达到|未达成|未实现|未达标/;

/** I14: full marks while the deviation column itself says the target was not met (seeds 002#2). */
export const i14FullMarksNotCompleted = defineRule({
  id: 'I14',
  severity: 'warning',
  scope: 'indicator',
  description: {
    'zh-CN': '偏差原因称未完成的指标不应得满分',
    en: 'No full marks when the deviation says not completed',
  },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const d = r.row.deviation;
      if (!d || !hasFullMarks(r) || !NOT_COMPLETED_RE.test(d)) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'deviation'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), score: r.score, excerpt: excerpt(d) },
      });
    }
    return out ?? NO_ISSUES;
  },
});
