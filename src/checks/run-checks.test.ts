import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Form } from '../model/form.js';
import { indicatorsWith, makeForm } from '../model/testing.js';
import { profiles } from '../scoring/profile.js';
import { scoreForm } from '../scoring/index.js';
import { defineRule } from './define-rule.js';
import { Finding } from './finding.js';
import { checkForm, runChecks } from './run-checks.js';

describe('runChecks', () => {
  it('finds nothing but the grade on the default builder form', () => {
    const findings = runChecks(makeForm());
    expect(findings.map((f) => f.code)).toEqual(['T3']);
  });

  it('returns findings that satisfy the Finding schema', () => {
    const form = makeForm({ totalScore: 50, goals: { expected: null }, indicators: indicatorsWith({ 0: { score: 30 } }) });
    const findings = runChecks(form);
    expect(findings.map((f) => f.code)).toEqual(['G1', 'I1', 'T2', 'T3']);
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
  });

  it('renders messages in the requested locale', () => {
    const [f] = runChecks(makeForm({ totalWeight: 90 }), { locale: 'en', rules: [] });
    expect(f).toBeUndefined();
    const [t1] = runChecks(makeForm({ totalWeight: 90 }), { locale: 'en' });
    expect(t1.message).toBe('Total weight 90 should be 100 and equal execution weight + indicator weights 100');
  });

  it('takes a profile or a profile id', () => {
    const form = makeForm({ funds: { total: { weight: 20 } } });
    expect(runChecks(form).some((f) => f.code === 'F1')).toBe(true);
    expect(runChecks(form, { profile: 'hubei' }).some((f) => f.code === 'F1')).toBe(false);
    expect(runChecks(form, { profile: profiles.hebei }).some((f) => f.code === 'F1')).toBe(false);
  });

  it('turns a throwing rule into an internal finding and keeps going', () => {
    const broken = defineRule({
      id: 'T3',
      severity: 'info',
      scope: 'totals',
      description: { 'zh-CN': '测试', en: 'test' },
      check() {
        throw new Error('boom');
      },
    });
    const findings = runChecks(makeForm({ totalScore: 1 }), { rules: [broken, ...[]] });
    expect(findings).toEqual([
      { code: 'internal', severity: 'error', message: '规则 T3 运行出错：boom', path: '', params: { rule: 'T3', error: 'boom' } },
    ]);
  });

  it('reuses a precomputed report', () => {
    const form = makeForm({ totalScore: 1 });
    const report = scoreForm(form);
    expect(runChecks(form, { report })).toEqual(runChecks(form));
    expect(checkForm(form).report).toEqual(report);
  });
});

// ---------------------------------------------------------------------------------------------
// The gold transcriptions of the seed forms

type Gold = Form & { source: string; index: number };
const dir = new URL('../../test/fixtures/gold/', import.meta.url);
const gold: Gold[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Gold[]);
const id = (g: Gold) => `${g.source.slice(0, 3)}#${g.index}`;
const byId = new Map(gold.map((g) => [id(g), g]));
const findingsOf = (key: string) => runChecks(byId.get(key)!);
const codesOf = (key: string) => findingsOf(key).map((f) => f.code);
const formsWith = (code: string) => gold.filter((g) => runChecks(g).some((f) => f.code === code)).map(id);

// Independent arithmetic with the tolerances of rules.md §2.4.1 / §6.2 (no project code).
const halfUp2 = (x: number) => Math.floor(Number((x * 100).toPrecision(12)) + 0.5) / 100;
const ceil2 = (x: number) => Math.ceil(Number((x * 100).toPrecision(12))) / 100;

function inconsistencies(g: Form): Set<string> {
  const out = new Set<string>();
  const { annualBudget: B, executed: E, rate, score } = g.funds.total;
  if (B != null && B > 0 && E != null) {
    const exact = (E / B) * 100;
    if (rate != null && !(Math.abs(rate - exact) <= 0.01 + 1e-9 || rate === ceil2(exact) || rate === halfUp2(exact)))
      out.add('F3');
    if (score != null && Math.abs(score - halfUp2(Math.min(E / B, 1) * 10)) > 0.005 + 1e-9) out.add('F5');
  }
  const weights = g.indicators.reduce((s, r) => s + (r.weight ?? 0), 0);
  if (g.totalWeight != null && (g.totalWeight !== 100 || Math.abs(10 + weights - 100) > 1e-9)) out.add('T1');
  const scores = g.indicators.reduce((s, r) => s + (r.score ?? 0), 0);
  if (g.totalScore != null && score != null && Math.abs(g.totalScore - (score + scores)) > 0.01 + 1e-9) out.add('T2');
  if (g.indicators.some((r) => r.score != null && r.weight != null && (r.score < 0 || r.score > r.weight))) out.add('I1');
  return out;
}

describe('gold forms', () => {
  it('has the seed forms', () => {
    expect(gold.length).toBe(37);
  });

  it.each(gold.map((g) => [id(g), g] as const))(
    '%s: F3/F5/T1/T2/I1 fire exactly where the printed numbers are inconsistent',
    (_key, g) => {
      const expected = inconsistencies(g);
      const got = new Set(runChecks(g).map((f) => f.code).filter((c) => ['F3', 'F5', 'T1', 'T2', 'I1'].includes(c)));
      expect([...got].sort()).toEqual([...expected].sort());
    },
  );

  it('runs every profile on every form without an internal finding, all findings well-formed', () => {
    for (const profile of Object.values(profiles))
      for (const g of gold)
        for (const f of runChecks(g, { profile })) {
          expect(f.code).not.toBe('internal');
          expect(Finding.safeParse(f).success).toBe(true);
        }
  });

  it('F4: over-execution on 002#4 (1000.00%) only', () => {
    expect(formsWith('F4')).toEqual(['002#4']);
    const f4 = findingsOf('002#4').find((f) => f.code === 'F4')!;
    expect(f4.message).toBe('执行率 1000.00% 超过 100%（全年执行数 1,500,000 大于全年预算数 150,000）');
  });

  it('F6: 其中 rows that do not add up (001#0)', () => {
    const f6 = findingsOf('001#0').filter((f) => f.code === 'F6');
    expect(f6.map((f) => f.path)).toEqual(['funds.total.annualBudget', 'funds.fiscal.executed']);
    expect(formsWith('F6')).toEqual(expect.arrayContaining(['000#0', '001#0', '001#1', '001#5', '004#1']));
  });

  it('F7: budget changed mid-year on 001#0 and 004#15', () => {
    expect(formsWith('F7')).toEqual(['001#0', '004#15']);
  });

  it('F8: the six low-execution forms with (near) full indicator marks', () => {
    expect(formsWith('F8')).toEqual(['001#6', '002#6', '004#2', '004#13', '004#14', '004#16']);
    expect(findingsOf('004#14').find((f) => f.code === 'F8')!.params).toMatchObject({ rate: 2.5, scores: 90 });
  });

  it('G1 / G2 / G3: missing, copied and contradicted goals', () => {
    expect(formsWith('G1')).toEqual(['001#5', '002#8', '002#9']);
    expect(formsWith('G2')).toEqual(['001#0', '001#1', '002#1', '002#2', '002#5', '002#6', '004#9']);
    expect(formsWith('G3')).toEqual(['004#14']);
  });

  it('I2: the zero-weight row of 004#1', () => {
    expect(findingsOf('004#1').filter((f) => f.code === 'I2').map((f) => f.indicatorIndex)).toEqual([4]);
  });

  it('I5: placeholder target 指标目标值 on 004#13', () => {
    expect(formsWith('I5')).toEqual(['004#13']);
    expect(findingsOf('004#13').find((f) => f.code === 'I5')).toMatchObject({
      path: 'indicators[0].target',
      messageId: 'I5.placeholder',
    });
  });

  it('I6 / I13: no blank actuals and no unexplained deductions in these transcriptions', () => {
    // the Minhang forms with blank actuals are not among the gold files; the rule tests cover them
    expect(formsWith('I6')).toEqual([]);
    expect(formsWith('I13')).toEqual([]);
  });

  it('I7: actuals written with a comparator (>=70%, =1个)', () => {
    const rows = (key: string) => findingsOf(key).filter((f) => f.code === 'I7').map((f) => f.indicatorIndex);
    expect(rows('001#5')).toEqual([1, 2]);
    expect(rows('002#0')).toEqual([0, 1, 7]);
    expect(formsWith('I7').length).toBeGreaterThanOrEqual(15);
  });

  it('I8: the proportional score of 001#5 row 2 (>=70% of >=80% → 17.5, printed 15)', () => {
    expect(formsWith('I8')).toEqual(['001#5']);
    expect(findingsOf('001#5').find((f) => f.code === 'I8')!.params).toMatchObject({ expected: 17.5, score: 15 });
  });

  it('I14: full marks although the deviation says 没有完成 (002#2)', () => {
    expect(formsWith('I14')).toEqual(['002#2']);
  });

  it('I16: every row of 002#1 twice', () => {
    expect(findingsOf('002#1').filter((f) => f.code === 'I16').map((f) => f.indicatorIndex)).toEqual([1, 3, 5, 7, 9]);
    expect(formsWith('I16')).toEqual(['002#1']);
  });

  it('I17: counts under quality/timeliness and 系统平稳运行 under 生态效益 (002#0/#3/#4/#7)', () => {
    expect(formsWith('I17')).toEqual(expect.arrayContaining(['002#0', '002#3', '002#4', '002#7']));
  });

  it('I19: the same deviation text on many rows (002#8 ×8, 002#9 ×7, 001#1 ×3, 001#2 ×3)', () => {
    expect(formsWith('I19')).toEqual(['001#1', '001#2', '002#8', '002#9']);
    expect(findingsOf('002#8').find((f) => f.code === 'I19')!.params).toMatchObject({
      count: 8,
      excerpt: '财政年初未安排资金',
    });
  });

  it('T3: every form is graded, 优 everywhere except the two zero forms', () => {
    const grades = gold.map((g) => runChecks(g).find((f) => f.code === 'T3')!.params.grade);
    expect(grades.filter((x) => x === '差')).toHaveLength(2);
    expect(grades.filter((x) => x === '优')).toHaveLength(35);
  });

  it('clean forms stay clean: 000#1 and 004#0 have nothing but their grade', () => {
    expect(codesOf('000#1')).toEqual(['T3']);
    expect(codesOf('004#0')).toEqual(['T3']);
  });
});
