import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { excerpt, rowPath } from '../helpers.js';

/** I19: one deviation text pasted on ≥ 3 rows is boilerplate, not an analysis of each row. */
export const i19RepeatedDeviation = defineRule({
  id: 'I19',
  severity: 'info',
  scope: 'indicator',
  description: {
    'zh-CN': '多行偏差原因不应完全相同',
    en: 'Deviation text is not repeated word for word across rows',
  },
  check({ rows, profile }) {
    const min = profile.repeatedDeviationRows;
    let out: Issue[] | null = null;
    // pairwise over a few dozen rows: no allocation unless something repeats
    for (let i = 0; i < rows.length; i++) {
      const d = rows[i].row.deviation?.trim();
      if (!d) continue;
      let earlier = false;
      for (let j = 0; j < i && !earlier; j++) earlier = rows[j].row.deviation?.trim() === d;
      if (earlier) continue; // the group was counted at its first row
      let count = 1;
      for (let j = i + 1; j < rows.length; j++) if (rows[j].row.deviation?.trim() === d) count++;
      if (count < min) continue;
      const at: number[] = [];
      for (let j = i; j < rows.length; j++) if (rows[j].row.deviation?.trim() === d) at.push(j + 1);
      (out ??= []).push({
        path: rowPath(i, 'deviation'),
        indicatorIndex: i,
        params: { count, rows: at, excerpt: excerpt(d) },
      });
    }
    return out ?? NO_ISSUES;
  },
});
