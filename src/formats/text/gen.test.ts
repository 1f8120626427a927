import { describe, expect, it } from 'vitest';
import { Form, type FundRow } from '../../model/form.js';
import { ceilTo, roundHalfUp, sumExact, toFen } from '../../model/money.js';
import { isTaxonomyLabel, LEVEL2 } from '../../model/taxonomy.js';
import { generate, generateForms, type GeneratedForm, type QuirkCode } from './gen.js';
import * as vocabulary from './vocabulary.js';

const N = 3000;
const all = generate({ count: N, seed: 42 });
const has = (g: GeneratedForm, code: QuirkCode) => g.quirks.some((q) => q.code === code);
const share = (pred: (g: GeneratedForm) => boolean) => all.filter(pred).length / N;

describe('generate: determinism', () => {
  it('gives the same forms for the same seed', () => {
    expect(generate({ count: 200, seed: 42 })).toEqual(all.slice(0, 200));
  });

  it('gives other forms for another seed', () => {
    expect(JSON.stringify(generateForms({ count: 20, seed: 43 }))).not.toBe(JSON.stringify(all.slice(0, 20).map((g) => g.form)));
  });

  it('makes the same forms in batches as in one run', () => {
    const batches = [0, 7, 300, 301, 1000].flatMap((start, i, a) =>
      i + 1 < a.length ? generate({ count: a[i + 1] - start, seed: 42, start }) : [],
    );
    expect(batches).toEqual(all.slice(0, 1000));
  });

  it('reads the seed 7 and the seed "7" alike', () => {
    expect(generateForms({ count: 5, seed: 7 })).toEqual(generateForms({ count: 5, seed: '7' }));
  });
});

describe('generate: the truth', () => {
  it('validates against the Form schema', () => {
    for (const g of all) expect(Form.safeParse(g.form).success).toBe(true);
  });

  it('weighs 10 for execution and 50/30/10 for the sections, 100 in all', () => {
    for (const { form } of all) {
      const by: Record<string, number> = {};
      for (const i of form.indicators) by[i.level1!] = (by[i.level1!] ?? 0) + i.weight!;
      expect(by).toEqual({ 产出指标: 50, 效益指标: 30, 满意度指标: 10 });
      expect(form.funds.total.weight).toBe(10);
      expect(form.totalWeight).toBe(100);
      expect(sumExact([form.funds.total.weight, ...form.indicators.map((i) => i.weight)])).toBe(100);
    }
  });

  it('adds the total score up from the funds score and the indicator scores (unless T2)', () => {
    for (const g of all) {
      const sum = roundHalfUp(sumExact([g.form.funds.total.score, ...g.form.indicators.map((i) => i.score)]), 2);
      if (has(g, 'T2-total-mismatch')) expect(g.form.totalScore).not.toBe(sum);
      else expect(g.form.totalScore).toBe(sum);
    }
  });

  it('prints the rate rounded up and scores the unrounded ratio half-up (unless F5)', () => {
    for (const g of all) {
      const t = g.form.funds.total;
      if (t.annualBudget === 0) {
        expect([t.rate, t.score]).toEqual([0, 0]);
        continue;
      }
      const ratio = t.executed! / t.annualBudget!;
      expect(t.rate).toBe(ceilTo((t.executed! * 100) / t.annualBudget!, 2));
      const score = roundHalfUp(Math.min(ratio, 1) * 10, 2);
      if (has(g, 'F5-score-misprint')) expect(t.score).not.toBe(score);
      else expect(t.score).toBe(score);
    }
  });

  it('matches the samples: 843800/845900 → 99.76% and 9.98; 1199900/1200000 → 100.00% and 10', () => {
    expect(ceilTo((843800 * 100) / 845900, 2)).toBe(99.76);
    expect(roundHalfUp((843800 / 845900) * 10, 2)).toBe(9.98);
    expect(ceilTo((1199900 * 100) / 1200000, 2)).toBe(100);
  });

  it('has 其中 rows that add up to the total row unless F6 says otherwise', () => {
    const sums = (f: Form['funds'], k: keyof FundRow) => toFen(f.fiscal[k] ?? 0) + toFen(f.carryover[k] ?? 0) + toFen(f.other[k] ?? 0);
    for (const g of all) {
      const f = g.form.funds;
      const ok = (['initialBudget', 'annualBudget', 'executed'] as const).every((k) => sums(f, k) === toFen(f.total[k] ?? 0));
      expect(ok).toBe(!has(g, 'F6-subrows-mismatch'));
    }
  });

  it('keeps scores within their weights, with a deviation for every shortfall (unless I13)', () => {
    const bad: unknown[] = [];
    for (const g of all) {
      g.form.indicators.forEach((ind, i) => {
        const excused = g.quirks.some((q) => q.code === 'I13-missing-deviation' && q.path === `indicators[${i}].deviation`);
        if (ind.score! < 0 || ind.score! > ind.weight! || roundHalfUp(ind.score!, 2) !== ind.score) bad.push(ind);
        if (ind.score! < ind.weight! && !excused && !ind.deviation) bad.push(ind);
      });
    }
    expect(bad).toEqual([]);
  });

  it('keeps level-2 classes inside their level-1 sections and names no indicator like a label', () => {
    const bad: unknown[] = [];
    for (const { form } of all)
      for (const ind of form.indicators)
        if (!(LEVEL2 as Record<string, readonly string[]>)[ind.level1!]?.includes(ind.level2!) || isTaxonomyLabel(ind.level3)) bad.push(ind);
    expect(bad).toEqual([]);
  });

  it('writes no tab, newline or space in text, except one space after a sentence-final 。', () => {
    const texts = (f: Form) => [f.projectName, f.department, f.implementingUnit, f.goals.expected, f.goals.actual,
      ...f.indicators.flatMap((i) => [i.level3, i.target, i.actual, i.deviation])];
    const bad: string[] = [];
    for (const { form } of all)
      for (const t of texts(form)) if (t !== null && (t === '' || /[\t\n\r]/.test(t) || /\s/.test(t.replace(/。 (?=\S)/g, '。')))) bad.push(t);
    expect(bad).toEqual([]);
  });

  it('keeps amounts in 元 with at most two decimals, budgets within 10,000 to 20,000,000', () => {
    for (const { form } of all) {
      const f = form.funds;
      for (const row of [f.total, f.fiscal, f.carryover, f.other])
        for (const v of [row.initialBudget, row.annualBudget, row.executed]) if (v != null) expect(Number(v.toFixed(2))).toBe(v);
      if (f.total.annualBudget) {
        expect(f.total.annualBudget).toBeGreaterThanOrEqual(10000);
        expect(f.total.annualBudget).toBeLessThanOrEqual(20000000);
      }
    }
  });
});

describe('vocabulary', () => {
  it('holds no whitespace and no 总体 (the leak the renderer imitates)', () => {
    const words: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') words.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(vocabulary);
    expect(words.length).toBeGreaterThan(300);
    expect(words.filter((w) => /\s|总体/.test(w))).toEqual([]);
  });
});

describe('generate: variety like the samples', () => {
  it('spreads over 2020–2024 with 5–15 indicator rows and 1–3 rows per level-2 group', () => {
    const years = new Set(all.map((g) => g.form.year));
    expect([...years].sort()).toEqual([2020, 2021, 2022, 2023, 2024]);
    for (const { form } of all) {
      expect(form.indicators.length).toBeGreaterThanOrEqual(5);
      expect(form.indicators.length).toBeLessThanOrEqual(15);
    }
    expect(share((g) => g.form.indicators.length >= 10)).toBeGreaterThan(0.05);
  });

  it('has Shanghai department and unit names', () => {
    for (const { form } of all) expect(form.department).toMatch(/^上海市/);
    expect(share((g) => /区.*(局|委员会|办公室|中心)$/.test(g.form.department!))).toBeGreaterThan(0.8);
    expect(share((g) => /中心$/.test(g.form.implementingUnit ?? ''))).toBeGreaterThan(0.2);
  });

  it('has zero budgets, over-execution, low execution and budgets changed during the year', () => {
    expect(share((g) => g.form.funds.total.annualBudget === 0)).toBeGreaterThan(0.005);
    expect(share((g) => g.form.funds.total.rate! > 100 && g.form.funds.total.score === 10)).toBeGreaterThan(0.01);
    expect(share((g) => g.form.funds.total.rate! >= 1000)).toBeGreaterThan(0);
    expect(share((g) => g.form.funds.total.rate! > 0 && g.form.funds.total.rate! < 60)).toBeGreaterThan(0.03);
    expect(share((g) => g.form.funds.total.initialBudget !== g.form.funds.total.annualBudget)).toBeGreaterThan(0.05);
    expect(share((g) => Number.isInteger(g.form.funds.total.executed))).toBeGreaterThan(0.4);
    expect(share((g) => !Number.isInteger(g.form.funds.total.executed))).toBeGreaterThan(0.1);
  });

  it('has goals left empty, copied, and several sentences long', () => {
    expect(share((g) => g.form.goals.expected === null)).toBeGreaterThan(0.03);
    expect(share((g) => g.form.goals.expected !== null && g.form.goals.actual === g.form.goals.expected)).toBeGreaterThan(0.08);
    expect(share((g) => (g.form.goals.expected ?? '').split('。').length > 3)).toBeGreaterThan(0.1);
    expect(share((g) => /。 /.test(g.form.goals.expected ?? ''))).toBeGreaterThan(0);
  });

  it('uses the target notations of the samples', () => {
    const targets = new Set(all.flatMap((g) => g.form.indicators.map((i) => i.target)));
    for (const t of ['>=95%', '<=2次', '=100%', '>=80百分比', '12次', '合规', '健全', '及时', '满意']) expect(targets).toContain(t);
    expect([...targets].some((t) => /^\d{4}年12月31日时间$/.test(t ?? ''))).toBe(true);
  });

  it('scores mostly full, with shortfalls explained as 原因：…；措施：…, sometimes repeated', () => {
    const rows = all.flatMap((g) => g.form.indicators);
    const short = rows.filter((i) => i.score! < i.weight!);
    expect(short.length / rows.length).toBeGreaterThan(0.02);
    expect(short.length / rows.length).toBeLessThan(0.2);
    expect(short.some((i) => /^原因：.+；措施：.+/.test(i.deviation ?? ''))).toBe(true);
    expect(share((g) => has(g, 'I19-repeated-deviation'))).toBeGreaterThan(0);
    expect(rows.some((i) => i.actual === null)).toBe(true);
    expect(rows.some((i) => /^[<>=≥≤]/.test(i.actual ?? ''))).toBe(true);
  });

  it('marks each deliberate defect it makes', () => {
    const codes = new Set(all.flatMap((g) => g.quirks.map((q) => q.code)));
    for (const c of ['F2-zero-budget', 'F4-over-execution', 'F6-subrows-mismatch', 'F7-budget-adjusted', 'G1-expected-empty',
      'G2-actual-copied', 'I6-actual-blank', 'I7-actual-comparator', 'I13-missing-deviation', 'I19-repeated-deviation'] as const)
      expect(codes).toContain(c);
  });

  it('makes only consistent, complete forms with quirks: false', () => {
    const clean = generate({ count: 1000, seed: 42, quirks: false });
    const allowed = new Set(['F7-budget-adjusted', 'F8-low-execution']);
    for (const g of clean) {
      expect(g.quirks.filter((q) => !allowed.has(q.code))).toEqual([]);
      expect(g.form.goals.expected).not.toBeNull();
      expect(g.form.implementingUnit).not.toBeNull();
      for (const i of g.form.indicators) {
        expect(i.actual).not.toBeNull();
        expect(i.weight).toBeGreaterThan(0);
      }
    }
  });
});
