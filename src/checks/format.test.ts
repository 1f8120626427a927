import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { formatAmount, formatFinding, formatNumber, renderMessage } from './format.js';

describe('format', () => {
  const f4: Finding = {
    code: 'F4',
    severity: 'error',
    message: '',
    path: 'funds.total.executed',
    params: { rate: 797.92, executed: 797920, budget: 100000 },
  };

  it('renders zh-CN with the numbers', () => {
    expect(formatFinding(f4)).toBe('执行率 797.92% 超过 100%（全年执行数 797,920 大于全年预算数 100,000）');
  });

  it('renders en', () => {
    expect(formatFinding(f4, 'en')).toBe('Execution rate 797.92% exceeds 100% (executed 797,920 > full-year budget 100,000)');
  });

  it('uses the variant template of messageId', () => {
    const f: Finding = { code: 'F6', severity: 'warning', message: '', path: 'funds.fiscal.executed', params: { column: 'executed', total: 27000 }, messageId: 'F6.blank' };
    expect(formatFinding(f)).toBe('其中各项的全年执行数均未填写，而年度资金总额为 27,000');
    expect(formatFinding(f, 'en')).toBe('Executed is blank in every sub-row while the total row shows 27,000');
  });

  it('formats numbers, fixed decimals, amounts, labels and lists', () => {
    expect(formatNumber(9.7)).toBe('9.7');
    expect(formatNumber(1 / 3)).toBe('0.33');
    expect(formatAmount(916392.88)).toBe('916,392.88');
    expect(formatAmount(1500000)).toBe('1,500,000');
    expect(renderMessage('F4', { rate: 1000, executed: 1, budget: 0 })).toContain('1000.00%');
    expect(renderMessage('I19', { count: 3, rows: [1, 2, 3], excerpt: 'x' })).toContain('第 1、2、3 行');
    expect(renderMessage('I19', { count: 3, rows: [1, 2, 3], excerpt: 'x' }, 'en')).toContain('rows 1, 2, 3');
  });

  it('never throws on an unknown id or missing params', () => {
    expect(renderMessage('Z9', {})).toBe('Z9');
    expect(renderMessage('F4', {})).toBe('执行率 % 超过 100%（全年执行数  大于全年预算数 ）');
  });
});
