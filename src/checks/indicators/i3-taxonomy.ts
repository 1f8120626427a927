import { LEVEL2 } from '../../model/taxonomy.js';
import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { canonicalLevel1, canonicalLevel2, rowPath } from '../helpers.js';

/** I3: 一级 is 产出/成本/效益/满意度 and 二级 is one of its classes (10号 template, 101号). */
export const i3Taxonomy = defineRule({
  id: 'I3',
  severity: 'warning',
  scope: 'indicator',
  description: {
    'zh-CN': '一级、二级指标应符合规定的指标体系',
    en: 'Level-1 and level-2 names follow the indicator taxonomy',
  },
  variants: ['I3.level1', 'I3.level2'],
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const { level1, level2 } = r.row;
      let issue: Issue | null = null;
      const l1 = canonicalLevel1(level1);
      const l2 = l1 === null ? null : canonicalLevel2(level2);
      if (l1 === null) {
        issue = { path: rowPath(r.index, 'level1'), indicatorIndex: r.index, params: { row: r.index + 1, level1: level1 ?? '', level2: level2 ?? '' }, messageId: 'I3.level1' };
      } else if (l2 === null) {
        issue = { path: rowPath(r.index, 'level2'), indicatorIndex: r.index, params: { row: r.index + 1, level1: level1 ?? '', level2: level2 ?? '' }, messageId: 'I3.level2' };
      } else if (!LEVEL2[l1].includes(l2)) {
        issue = { path: rowPath(r.index, 'level2'), indicatorIndex: r.index, params: { row: r.index + 1, level1: level1 ?? '', level2: level2 ?? '' } };
      }
      if (issue) (out ??= []).push(issue);
    }
    return out ?? NO_ISSUES;
  },
});
