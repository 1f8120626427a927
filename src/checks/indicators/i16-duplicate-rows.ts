import type { Indicator } from '../../model/form.js';
import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

const same = (a: Indicator, b: Indicator) =>
  a.level3 === b.level3 && a.target === b.target && a.level2 === b.level2 && a.level1 === b.level1;

/** I16: the same 一级/二级/三级/年度指标值 twice is a copy-paste slip or a double-counted weight. */
export const i16DuplicateRows = defineRule({
  id: 'I16',
  severity: 'warning',
  scope: 'indicator',
  description: { 'zh-CN': '指标行不应重复', en: 'Indicator rows are not duplicated' },
  check({ rows }) {
    let out: Issue[] | null = null;
    // pairwise: forms have a few dozen rows at most, and this allocates nothing when clean
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i].row;
      if (!row.level3 && !row.target) continue;
      for (let j = 0; j < i; j++) {
        if (!same(row, rows[j].row)) continue;
        (out ??= []).push({
          path: rowPath(i, 'level3'),
          indicatorIndex: i,
          params: { row: i + 1, first: j + 1, name: rowName(row), target: row.target ?? '' },
        });
        break;
      }
    }
    return out ?? NO_ISSUES;
  },
});
