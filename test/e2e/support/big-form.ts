/** A consistent form with n indicator rows (for the one-frame recompute budget). */
import type { Form, Indicator } from '../../../src/model/form.js';

export function bigForm(n = 100): Form {
  const sections: [string, string, number][] = [['产出指标', '数量指标', 50], ['效益指标', '社会效益指标', 30], ['满意度指标', '服务对象满意度指标', 10]];
  const per = [Math.round(n * 0.5), Math.round(n * 0.3)];
  per.push(n - per[0] - per[1]);
  const rows: Indicator[] = [];
  sections.forEach(([l1, l2, w], s) => {
    const k = per[s];
    for (let i = 0; i < k; i++) {
      const weight = Math.round((w / k) * 100) / 100 + (i === k - 1 ? Math.round((w - (Math.round((w / k) * 100) / 100) * k) * 100) / 100 : 0);
      const kind = i % 4;
      rows.push({
        level1: l1, level2: l2, level3: `指标${s + 1}-${i + 1}`,
        target: kind === 0 ? '>=95%' : kind === 1 ? '<=2小时' : kind === 2 ? '2023年12月31日前' : '有效提升',
        actual: kind === 0 ? '96%' : kind === 1 ? '1.5小时' : kind === 2 ? '2023年11月30日' : '明显提升',
        weight: Math.round(weight * 100) / 100, score: Math.round(weight * 100) / 100, deviation: null,
      });
    }
  });
  return {
    year: 2023, projectName: '一百行指标的项目', department: '上海市普陀区人民政府办公室', implementingUnit: '上海市普陀区人民政府办公室',
    funds: {
      total: { initialBudget: 1000000, annualBudget: 1000000, executed: 990000, weight: 10, rate: 99, score: 9.9 },
      fiscal: { initialBudget: 1000000, annualBudget: 1000000, executed: 990000 },
      carryover: { initialBudget: null, annualBudget: null, executed: null },
      other: { initialBudget: null, annualBudget: null, executed: null },
    },
    goals: { expected: '完成项目目标', actual: '已完成项目目标' },
    indicators: rows,
    totalWeight: 100, totalScore: 99.9,
  };
}
