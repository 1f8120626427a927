import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { canonicalLevel1 } from '../helpers.js';

/**
 * I4: level-1 weights are 产出 50 / 效益 30 / 满意度 10 nationally ("原则上", so a warning), other
 * groupings per profile (Hebei 40/40); skipped where the profile fixes none.
 */
export const i4Level1Weights = defineRule({
  id: 'I4',
  severity: 'warning',
  scope: 'form',
  description: {
    'zh-CN': '各一级指标分值合计应符合规定（产出 50、效益 30、满意度 10）',
    en: 'Level-1 weight totals follow the profile (50/30/10)',
  },
  check({ rows, profile }) {
    const groups = profile.level1Weights;
    if (groups === null || rows.length === 0) return NO_ISSUES;
    let out: Issue[] | null = null;
    for (const g of groups) {
      let sum = 0;
      for (const r of rows) {
        if (r.weight == null) continue;
        const l1 = canonicalLevel1(r.row.level1);
        if (l1 !== null && g.sections.includes(l1)) sum += Math.round(r.weight * 100);
      }
      const actual = sum / 100;
      if (Math.abs(actual - g.weight) <= 1e-9) continue;
      (out ??= []).push({ path: 'indicators', params: { sections: [...g.sections], actual, expected: g.weight } });
    }
    return out ?? NO_ISSUES;
  },
});
