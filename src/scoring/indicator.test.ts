import { describe, expect, it } from 'vitest';
import { makeIndicator } from '../model/testing.js';
import { classify, scoreInRange, suggestScore } from './indicator.js';
import { parseValue } from '../model/value.js';
import { profiles } from './profile.js';

const national = profiles.national;
const sug = (target: string | null, actual: string | null, weight: number | null = 10, profile = national) =>
  suggestScore(makeIndicator({ target, actual, weight }), profile);

describe('quantitative, higher-is-better (rules.md §2.4.2)', () => {
  it('met → full weight', () => {
    expect(sug('>=95%', '100')).toMatchObject({ kind: 'quantitative', direction: 'higher', suggested: 10, reason: 'met', met: true });
  });
  it('missed → A / T × w, half-up to 2 dp', () => {
    expect(sug('>=12次', '6次')).toMatchObject({ suggested: 5, reason: 'missed-proportional', met: false });
    expect(sug('=100%', '90%', 15)).toMatchObject({ suggested: 13.5 });
    expect(sug('>=3个', '2个', 10)).toMatchObject({ suggested: 6.67 });
  });
  it('compares ">=90" without unit against "95%"', () => {
    expect(sug('>=90', '95%')).toMatchObject({ suggested: 10, met: true });
  });
  it('reads an actual written as a comparison by its number', () => {
    expect(sug('>=80百分比', '>=70%', 20)).toMatchObject({ suggested: 17.5 });
  });
  it('no comparator and 约 count as higher-is-better', () => {
    expect(sug('12次', '12')).toMatchObject({ direction: 'higher', suggested: 10 });
    expect(sug('约100人', '50人')).toMatchObject({ direction: 'higher', suggested: 5 });
  });
  it('a negative actual counts as 0', () => {
    expect(sug('>=10个', '-3个')).toMatchObject({ suggested: 0 });
  });
  it('records completion for over-achievement (I11)', () => {
    expect(sug('>=10个', '17').completion).toBeCloseTo(1.7);
  });
  it('a range target is met from its lower edge', () => {
    expect(sug('80%-90%', '85%')).toMatchObject({ suggested: 10, reason: 'range-met' });
    expect(sug('80%-90%', '40%')).toMatchObject({ suggested: 5, reason: 'range-missed' });
  });
  it('unit mismatch is unscored', () => {
    expect(sug('>=90%', '9次')).toMatchObject({ kind: 'unscored', reason: 'unit-mismatch', min: 0, max: 10 });
  });
});

describe('equal-to (rules.md §2.4.3)', () => {
  it('T > 0 behaves as higher-is-better', () => {
    expect(sug('=52次', '52次')).toMatchObject({ direction: 'equal', suggested: 10 });
    expect(sug('=52次', '26次')).toMatchObject({ suggested: 5 });
  });
  it('T = 0: A ≤ 0 → full, else 0', () => {
    expect(sug('=0次', '0')).toMatchObject({ suggested: 10, reason: 'zero-target-met' });
    expect(sug('=0次', '1次')).toMatchObject({ suggested: 0, reason: 'zero-target-missed' });
  });
});

describe('lower-is-better (rules.md §2.4.3)', () => {
  it('met → full weight', () => {
    expect(sug('<=2次', '0次')).toMatchObject({ direction: 'lower', suggested: 10, reason: 'lower-met' });
    expect(sug('<=45人', '42人')).toMatchObject({ suggested: 10 });
  });
  it('missed → a range between T/A × w and the linear penalty', () => {
    const s = sug('<=2小时', '3小时');
    expect(s).toMatchObject({ suggested: null, reason: 'lower-missed', met: false, min: 5, max: 6.67 });
    expect(s.formulas).toEqual({ inverse: 6.67, linear: 5 });
  });
  it('A ≥ 2T: linear penalty reaches 0', () => {
    expect(sug('<=2次', '5次')).toMatchObject({ min: 0, max: 4 });
  });
});

describe('dates', () => {
  it('a deadline met earns full marks', () => {
    expect(sug('<=2022年12月31日日期', '2022年11月30日')).toMatchObject({ suggested: 10, reason: 'date-met' });
  });
  it('a deadline missed has no formula: any score below the weight', () => {
    expect(sug('<=2022年6月30日', '2022年9月1日')).toMatchObject({ suggested: null, reason: 'date-missed', min: 0, max: 10, maxExclusive: true });
  });
  it('a date target with a text actual is graded qualitatively', () => {
    expect(sug('2022年12月31日时间', '符合')).toMatchObject({ kind: 'qualitative', grade: 'achieved', min: 8, max: 10 });
  });
});

describe('qualitative bands (rules.md §2.4.4)', () => {
  it('achieved: [0.8w, w]', () => {
    expect(sug('健全', '健全')).toMatchObject({ kind: 'qualitative', grade: 'achieved', min: 8, max: 10, maxExclusive: false });
  });
  it('partly achieved: [0.6w, 0.8w)', () => {
    expect(sug('录入所有数据', '基本完成')).toMatchObject({ grade: 'partial', min: 6, max: 8, maxExclusive: true });
  });
  it('not achieved: [0, 0.6w)', () => {
    expect(sug('合规', '未完成')).toMatchObject({ grade: 'not', min: 0, max: 6, maxExclusive: true });
  });
  it('Hebei: partial band starts at 0.5w', () => {
    expect(sug('合规', '部分完成', 10, profiles.hebei)).toMatchObject({ min: 5, max: 8 });
  });
  it('unreadable actual: unclassified, range [0, w]', () => {
    expect(sug('一季度一次', '4')).toMatchObject({ kind: 'qualitative', grade: null, reason: 'unclassified', min: 0, max: 10 });
  });
});

describe('missing parts', () => {
  it('no weight: nothing can be said', () => {
    expect(sug('合规', '合规', 0)).toMatchObject({ kind: 'unscored', reason: 'no-weight', min: null, max: null });
  });
  it('placeholder target and blank actual', () => {
    expect(sug('指标目标值', '完成')).toMatchObject({ reason: 'no-target', min: 0, max: 10 });
    expect(sug('>=95%', null)).toMatchObject({ reason: 'no-actual' });
  });
});

describe('classify', () => {
  const c = (t: string, a: string) => classify(parseValue(t), parseValue(a, 'actual'));
  it('an actual restating the target is achieved', () => {
    expect(c('系统无故障稳定运行', '系统无故障稳定运行')).toBe('achieved');
    expect(c('建立日常维护管理机制', '建立日常维护管理机制')).toBe('achieved');
  });
  it('0 / 无 negate a positive target but confirm a negative one', () => {
    expect(c('合理', '0')).toBe('not');
    expect(c('无重大故障', '无')).toBe('achieved');
    expect(c('零事故', '0')).toBe('achieved');
  });
});

describe('scoreInRange', () => {
  it('treats the upper edge of an exclusive band as outside', () => {
    const s = sug('录入所有数据', '基本完成');
    expect(scoreInRange(7.99, s, 0.01)).toBe(true);
    expect(scoreInRange(8, s, 0.01)).toBe(false);
    expect(scoreInRange(5.99, s, 0.01)).toBe(true); // within tolerance of the lower edge
    expect(scoreInRange(5.9, s, 0.01)).toBe(false);
  });
});
