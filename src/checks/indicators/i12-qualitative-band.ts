import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';
import { negatedWithFullMarks } from './shared.js';

/**
 * I12: a qualitative row's score lies in the band of its grade (rules.md §2.4.4): 达成 [80%, 100%],
 * 部分达成 [60%, 80%), 未达成 [0, 60%) of the weight (Hebei 80/50). The grade is read from the actual.
 */
export const i12QualitativeBand = defineRule({
  id: 'I12',
  severity: 'warning',
  scope: 'indicator',
  description: {
    'zh-CN': '定性指标得分应落在对应档次区间内',
    en: 'Qualitative score lies in the band of its grade',
  },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const s = r.suggestion;
      if (s.kind !== 'qualitative' || s.grade === null || r.ok !== false || negatedWithFullMarks(r)) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'score'),
        indicatorIndex: r.index,
        params: {
          row: r.index + 1,
          name: rowName(r.row),
          actual: r.row.actual ?? '',
          grade: s.grade,
          score: r.score,
          min: s.min,
          max: s.max,
          band: `[${s.min}, ${s.max}${s.maxExclusive ? ')' : ']'}`,
        },
      });
    }
    return out ?? NO_ISSUES;
  },
});
