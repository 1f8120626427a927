import { roundHalfUp } from '../../model/money.js';
import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { isBlank, rowIssue } from '../helpers.js';

/**
 * I11: actual ≥ 1.3 × target ("完成值高于指标值较多"): the unit must explain why, and a target set
 * too low should lose points by the degree of deviation (10号; Guangxi makes the reason mandatory).
 */
export const i11OverAchievement = defineRule({
  id: 'I11',
  severity: 'warning',
  scope: 'indicator',
  description: {
    'zh-CN': '完成值远超目标（≥ 130%）时应说明偏差原因',
    en: 'Actual far above target (≥ 130%) needs an explanation',
  },
  check({ rows, profile }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const s = r.suggestion;
      if (s.kind !== 'quantitative' || s.direction === 'lower' || s.completion === null) continue;
      if (s.completion < profile.overAchievementRatio - 1e-9 || !isBlank(r.row.deviation)) continue;
      (out ??= []).push(rowIssue(r, 'deviation', { ratio: roundHalfUp(s.completion * 100, 2), threshold: roundHalfUp(profile.overAchievementRatio * 100, 2), }));
    }
    return out ?? NO_ISSUES;
  },
});
