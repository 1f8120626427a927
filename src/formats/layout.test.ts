import { describe, expect, it } from 'vitest';
import { emptyForm, emptyIndicator, type Form } from '../model/form.js';
import { buildLayout, decimalsOf, formatAmount, formatPlain, formatRate, layoutToMatrix, amountNumFmt, rateNumFmt } from './layout.js';

const form = (): Form => {
  const f = emptyForm();
  f.year = 2022;
  f.projectName = '测试项目';
  f.funds.total = { initialBudget: 845900, annualBudget: 845900, executed: 843800, weight: 10, rate: 99.76, score: 9.98 };
  const ind = (level1: string | null, level2: string | null, level3: string) => ({ ...emptyIndicator(), level1, level2, level3, weight: 10, score: 10 });
  f.indicators = [
    ind('产出指标', '数量指标', 'a'),
    ind('产出指标', '数量指标', 'b'),
    ind('产出指标', '质量指标', 'c'),
    ind('效益指标', '数量指标', 'd'),
    ind(null, null, 'e'),
    ind(null, null, 'f'),
  ];
  f.totalWeight = 100;
  f.totalScore = 97.98;
  return f;
};

describe('number display', () => {
  it('prints amounts with two decimals and keeps extra ones', () => {
    expect(formatAmount(845900)).toBe('845,900.00');
    expect(formatAmount(1234.567)).toBe('1,234.567');
    expect(formatAmount(-1000)).toBe('-1,000.00');
    expect(formatAmount(0)).toBe('0.00');
    expect(formatAmount(null)).toBe('');
    expect(amountNumFmt(1.5)).toBe('#,##0.00');
    expect(amountNumFmt(1.125)).toBe('#,##0.000');
  });
  it('prints rates as percent text and weights plainly', () => {
    expect(formatRate(99.76)).toBe('99.76%');
    expect(formatRate(100)).toBe('100.00%');
    expect(formatRate(99.765)).toBe('99.765%');
    expect(rateNumFmt(99.765)).toBe('0.000%');
    expect(formatPlain(9.98)).toBe('9.98');
    expect(formatPlain(1e-7)).toBe('0.0000001');
    expect(decimalsOf(0.1 + 0.2)).toBe(10);
  });
});

describe('buildLayout', () => {
  it('lays the form out in nine columns with the labels of the template', () => {
    const l = buildLayout(form());
    expect(l.widths).toHaveLength(9);
    const m = layoutToMatrix(l);
    expect(m[0][0]).toBe('财政项目支出绩效自评表');
    expect(m[1][0]).toBe('（2022年度）');
    expect(m[l.indicatorHeaderRow].slice(1)).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    expect(m[m.length - 1].slice(6, 8)).toEqual(['100', '97.98']);
    expect(m.find((r) => r[1] === '年度资金总额')!.slice(2, 8)).toEqual(['845,900.00', '845,900.00', '843,800.00', '10', '99.76%', '9.98']);
  });
  it('merges runs of equal level-1 and level-2 labels, never nulls', () => {
    const l = buildLayout(form());
    const first = l.indicatorHeaderRow + 1;
    const at = (r: number, c: number) => l.cells.find((x) => x.row === r && x.col === c);
    expect(at(first, 1)?.rowSpan).toBe(3);
    expect(at(first, 2)?.rowSpan).toBe(2);
    expect(at(first + 2, 2)?.rowSpan).toBe(1);
    // same level-2 name under another level-1: a new merge
    expect(at(first + 3, 2)?.display).toBe('数量指标');
    expect(at(first + 4, 1)?.rowSpan).toBe(1);
    expect(at(first + 5, 1)?.rowSpan).toBe(1);
    expect(at(first - 1, 0)?.rowSpan).toBe(7);
  });
  it('prints the unit extra field in the funds label', () => {
    const f = { ...form(), unit: '万元' };
    expect(layoutToMatrix(buildLayout(f)).some((r) => r[0] === '项目资金（万元）')).toBe(true);
    expect(layoutToMatrix(buildLayout(form())).some((r) => r[0] === '项目资金（元）')).toBe(true);
  });
  it('leaves empty cells empty', () => {
    const l = buildLayout(emptyForm());
    expect(layoutToMatrix(l)[1][0]).toBe('（    年度）');
    expect(l.cells.filter((c) => c.style === 'amount').every((c) => c.display === '')).toBe(true);
  });
});
