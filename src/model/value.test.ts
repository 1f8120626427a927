import { describe, expect, it } from 'vitest';
import {
  chineseNumber,
  commensurate,
  describeValue,
  directionOf,
  parseValue,
  polarityOf,
  unitBase,
  type ParsedValue,
} from './value.js';

const q = (op: string | null, value: number, unit: string | null, extra: Partial<ParsedValue> = {}) => ({
  kind: 'quantity',
  op,
  value,
  unit,
  percent: unit === '%',
  ...extra,
});

describe('parseValue: quantities', () => {
  it.each([
    ['>=95%', q('>=', 95, '%')],
    ['≥95%', q('>=', 95, '%')],
    ['≧95%', q('>=', 95, '%')],
    ['＞＝90%', q('>=', 90, '%')],
    ['≥９５％', q('>=', 95, '%')],
    ['>90%', q('>', 90, '%')],
    ['＞90%', q('>', 90, '%')],
    ['<=2次', q('<=', 2, '次')],
    ['≤ 2 次', q('<=', 2, '次')],
    ['≦2次', q('<=', 2, '次')],
    ['<2小时', q('<', 2, '小时')],
    ['=1个', q('=', 1, '个')],
    ['＝1个', q('=', 1, '个')],
    ['=0 次', q('=', 0, '次')],
    ['=360天', q('=', 360, '天')],
    ['<=3工作日', q('<=', 3, '工作日')],
    ['<=50元', q('<=', 50, '元')],
    ['>=30G', q('>=', 30, 'G')],
    ['>=10个', q('>=', 10, '个')],
    ['不低于95%', q('>=', 95, '%')],
    ['不少于12次', q('>=', 12, '次')],
    ['不小于3台', q('>=', 3, '台')],
    ['不高于5%', q('<=', 5, '%')],
    ['不超过2小时', q('<=', 2, '小时')],
    ['不大于10万元', q('<=', 10, '万元')],
    ['大于80%', q('>', 80, '%')],
    ['小于3天', q('<', 3, '天')],
    ['达到100%', q('>=', 100, '%')],
    ['95%以上', q('>=', 95, '%')],
    ['100人及以上', q('>=', 100, '人')],
    ['5%以下', q('<=', 5, '%')],
    ['2小时内', q('<=', 2, '小时')],
    ['3个工作日以内', q('<=', 3, '个工作日')],
    ['17,095,328.2元', q(null, 17095328.2, '元', { nonStandard: true })],
  ])('reads %s', (text, expected) => {
    expect(parseValue(text)).toEqual(expected);
  });

  it('reads 百分比 (the vendor unit text) as %', () => {
    expect(parseValue('>=80百分比')).toEqual(q('>=', 80, '%'));
  });

  it('reads 约 as approximately, higher-is-better, non-standard', () => {
    expect(parseValue('约20万车次')).toEqual(q('~', 20, '万车次', { nonStandard: true }));
  });

  it('marks a target without comparator as non-standard but not an actual', () => {
    expect(parseValue('12次')).toEqual(q(null, 12, '次', { nonStandard: true }));
    expect(parseValue('12次', 'actual')).toEqual(q(null, 12, '次'));
  });

  it('keeps words before a comparator as a label', () => {
    expect(parseValue('平均>=75%')).toEqual(q('>=', 75, '%', { label: '平均', nonStandard: true }));
    expect(parseValue('每天使用超过1小时')).toEqual(q('>', 1, '小时', { label: '每天使用', nonStandard: true }));
  });

  it('strips bracketed qualifiers and keeps them', () => {
    expect(parseValue('100%（按实）')).toEqual(q(null, 100, '%', { nonStandard: true, qualifier: '按实' }));
    expect(parseValue('>=95% (按实)')).toEqual(q('>=', 95, '%', { qualifier: '按实' }));
  });

  it('reads Chinese numerals with counting units', () => {
    expect(parseValue('十二次')).toEqual(q(null, 12, '次', { nonStandard: true }));
    expect(parseValue('不少于两场')).toEqual(q('>=', 2, '场'));
    expect(parseValue('百分之九十五')).toEqual(q(null, 95, '%', { nonStandard: true }));
  });

  it('reads a bare number and a negative number', () => {
    expect(parseValue('100', 'actual')).toEqual(q(null, 100, null));
    expect(parseValue('-5%', 'actual')).toEqual(q(null, -5, '%'));
  });
});

describe('parseValue: ranges and dates', () => {
  it.each([
    ['80%-90%', { kind: 'range', min: 80, max: 90, unit: '%', percent: true }],
    ['80~90', { kind: 'range', min: 80, max: 90, unit: null, percent: false }],
    ['80～90%', { kind: 'range', min: 80, max: 90, unit: '%', percent: true }],
    ['3至5天', { kind: 'range', min: 3, max: 5, unit: '天', percent: false }],
  ])('reads the range %s', (text, expected) => {
    expect(parseValue(text)).toEqual(expected);
  });

  it.each([
    ['2022年12月31日', { kind: 'date', op: null, date: '2022-12-31', precision: 'day' }],
    ['2022年12月31日时间', { kind: 'date', op: null, date: '2022-12-31', precision: 'day' }],
    ['<=2022年12月31日日期', { kind: 'date', op: '<=', date: '2022-12-31', precision: 'day' }],
    ['2022-06-30', { kind: 'date', op: null, date: '2022-06-30', precision: 'day' }],
    ['2022.6.30前', { kind: 'date', op: '<=', date: '2022-06-30', precision: 'day' }],
    ['2022年12月底前', { kind: 'date', op: '<=', date: '2022-12-31', precision: 'month' }],
    ['2024年2月', { kind: 'date', op: null, date: '2024-02-29', precision: 'month' }],
  ])('reads the date %s', (text, expected) => {
    expect(parseValue(text)).toEqual(expected);
  });

  it('does not read an impossible date as a date', () => {
    expect(parseValue('2022年13月1日').kind).toBe('text');
  });

  it('compares dates as strings', () => {
    const a = parseValue('2022年3月9日');
    const b = parseValue('2022年12月31日');
    expect(a.kind === 'date' && b.kind === 'date' && a.date < b.date).toBe(true);
  });
});

describe('parseValue: text, empty, placeholders', () => {
  it.each([
    ['合规', 'achieved'],
    ['健全', 'achieved'],
    ['及时', 'achieved'],
    ['有效', 'achieved'],
    ['提升', 'achieved'],
    ['满意', 'achieved'],
    ['稳定', 'achieved'],
    ['完成', 'achieved'],
    ['符合', 'achieved'],
    ['无重大故障', 'achieved'],
    ['未发生安全事故', 'achieved'],
    ['基本完成', 'partial'],
    ['部分完成', 'partial'],
    ['未完成', 'not'],
    ['尚未开展', 'not'],
    ['不满意', 'not'],
    ['不及时', 'not'],
    ['项目取消', 'not'],
    ['一季度一次', null],
    ['故障2小时内响应处理小时', null],
  ])('reads %s as text with polarity %s', (text, polarity) => {
    expect(parseValue(text, 'actual')).toEqual({ kind: 'text', text, polarity });
  });

  it('reads a comparator followed by words as text with op', () => {
    expect(parseValue('=项目管理完成度')).toEqual({ kind: 'text', text: '项目管理完成度', polarity: 'achieved', op: '=' });
  });

  it('reads a bracket-only cell as its content', () => {
    expect(parseValue('（按期完成）')).toEqual({ kind: 'text', text: '按期完成', polarity: 'achieved' });
  });

  it('does not read 十分满意 as the number 10', () => {
    expect(parseValue('十分满意').kind).toBe('text');
  });

  it.each([null, undefined, '', '   ', '\u3000'])('reads %j as empty', (text) => {
    expect(parseValue(text)).toEqual({ kind: 'empty' });
  });

  it.each(['指标目标值', 'XX', 'xx%', '××', '—', '-', '/', '待定'])('reads %s as a placeholder', (text) => {
    expect(parseValue(text).kind).toBe('placeholder');
  });

  it('reads 无 as a placeholder target but a negating actual', () => {
    expect(parseValue('无', 'target')).toEqual({ kind: 'placeholder', text: '无' });
    expect(parseValue('无', 'actual')).toEqual({ kind: 'text', text: '无', polarity: 'not' });
  });
});

describe('parseValue: memoised', () => {
  it('returns the same frozen value for the same text and role', () => {
    const a = parseValue('>=95%');
    expect(parseValue('>=95%')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(parseValue('无', 'actual')).not.toEqual(parseValue('无', 'target'));
  });
});

describe('helpers', () => {
  it('directionOf: ≥ > = none 约 are higher/equal, ≤ < lower', () => {
    expect(directionOf('>=')).toBe('higher');
    expect(directionOf('>')).toBe('higher');
    expect(directionOf(null)).toBe('higher');
    expect(directionOf('~')).toBe('higher');
    expect(directionOf('=')).toBe('equal');
    expect(directionOf('<=')).toBe('lower');
    expect(directionOf('<')).toBe('lower');
  });

  it('chineseNumber', () => {
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('一百零五')).toBe(105);
    expect(chineseNumber('两万')).toBe(20000);
    expect(chineseNumber('一二')).toBeNull();
  });

  it('unitBase and commensurate scale 万', () => {
    expect(unitBase('万元')).toEqual({ base: '元', scale: 10000 });
    const t = { value: 50, unit: '万元', percent: false };
    const a = { value: 400000, unit: '元', percent: false };
    expect(commensurate(t, a)).toEqual({ target: 500000, actual: 400000 });
    expect(commensurate({ value: 90, unit: null, percent: false }, { value: 95, unit: '%', percent: true })).toEqual({
      target: 90,
      actual: 95,
    });
    expect(commensurate({ value: 90, unit: '%', percent: true }, { value: 9, unit: '次', percent: false })).toBeNull();
  });

  it('polarityOf checks negation before completion words', () => {
    expect(polarityOf('未完成')).toBe('not');
    expect(polarityOf('基本完成')).toBe('partial');
    expect(polarityOf('已完成')).toBe('achieved');
  });
});

describe('describeValue', () => {
  it.each([
    ['>=95%', '≥ 95%'],
    ['<=2次', '反向 ≤ 2 次'],
    ['=1个', '= 1 个'],
    ['约20万车次', '约 20 万车次'],
    ['12次', '12 次（未写比较符）'],
    ['80%-90%', '80%–90%'],
    ['<=2022年12月31日日期', '≤ 2022-12-31'],
    ['合规', '定性'],
    ['指标目标值', '占位（指标目标值）'],
    ['', '空'],
  ])('%s → %s', (text, reading) => {
    expect(describeValue(parseValue(text))).toBe(reading);
  });
});

describe('parseValue on the gold forms', () => {
  it('never throws and reads every comparator target as a quantity', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../test/fixtures/gold/', import.meta.url);
    for (const f of readdirSync(dir)) {
      const forms = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { indicators: { target: string | null }[] }[];
      for (const form of forms)
        for (const row of form.indicators) {
          const v = parseValue(row.target);
          if (row.target && /^(>=|<=|=|>|<)\d/.test(row.target)) expect(v.kind, row.target).toMatch(/quantity|date/);
        }
    }
  });
});
