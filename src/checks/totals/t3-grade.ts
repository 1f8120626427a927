import { defineRule, NO_ISSUES } from '../define-rule.js';

/**
 * T3: the grade the printed total earns (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差), one info per form so a
 * dataset report can count the share of 优; it says so when the recomputed total grades otherwise.
 */
export const t3Grade = defineRule({
  id: 'T3',
  severity: 'info',
  scope: 'totals',
  description: { 'zh-CN': '总分评级（优、良、中、差）', en: 'Grade of the total (优/良/中/差)' },
  variants: ['T3.differs'],
  check({ report }) {
    const { printed } = report.total;
    const g = report.grade;
    if (printed === null || g.printed === null) return NO_ISSUES;
    const differs = g.suggested !== null && g.suggested !== g.printed;
    return [
      {
        path: 'totalScore',
        params: {
          total: printed,
          grade: g.printed,
          suggested: report.total.suggested,
          suggestedGrade: g.suggested,
        },
        ...(differs ? { messageId: 'T3.differs' as const } : {}),
      },
    ];
  },
});
