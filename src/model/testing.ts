/**
 * Test builders: a consistent national-template form by default (execution 10 + 产出 50 +
 * 效益 30 + 满意度 10, printed rate/score/totals agreeing with the amounts), so a test states
 * only what it breaks. Derived cells (rate, score, totals) follow the inputs unless given.
 */
import type { FundRow, FundTotal, Form, Goals, Indicator } from './form.js';
import { ceilTo, roundHalfUp, sumExact, toFen } from './money.js';

export interface FormInput extends Partial<Omit<Form, 'funds' | 'goals' | 'indicators'>> {
  funds?: {
    total?: Partial<FundTotal>;
    fiscal?: Partial<FundRow>;
    carryover?: Partial<FundRow>;
    other?: Partial<FundRow>;
  };
  goals?: Partial<Goals>;
  indicators?: Indicator[];
  [extra: string]: unknown;
}

/** One indicator row; defaults to a met quantitative output row worth 10. */
export function makeIndicator(partial: Partial<Indicator> = {}): Indicator {
  return {
    level1: '产出指标',
    level2: '数量指标',
    level3: '完成数量',
    target: '>=10个',
    actual: '10个',
    weight: 10,
    score: 10,
    deviation: null,
    ...partial,
  };
}

/** The default indicator table: 产出 50 (20+15+10+5), 效益 30 (20+10), 满意度 10, all at full marks. */
export function defaultIndicators(): Indicator[] {
  return [
    makeIndicator({ level3: '完成数量', target: '>=10个', actual: '10个', weight: 20, score: 20 }),
    makeIndicator({ level2: '质量指标', level3: '验收合格率', target: '>=95%', actual: '100%', weight: 15, score: 15 }),
    makeIndicator({ level2: '时效指标', level3: '按期完成率', target: '=100%', actual: '100%', weight: 10, score: 10 }),
    makeIndicator({ level2: '成本指标', level3: '成本控制有效性', target: '有效', actual: '有效', weight: 5, score: 5 }),
    makeIndicator({
      level1: '效益指标',
      level2: '社会效益指标',
      level3: '服务保障水平',
      target: '提升',
      actual: '提升',
      weight: 20,
      score: 20,
    }),
    makeIndicator({
      level1: '效益指标',
      level2: '可持续影响指标',
      level3: '长效管理机制健全性',
      target: '健全',
      actual: '健全',
      weight: 10,
      score: 10,
    }),
    makeIndicator({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      level3: '服务对象满意度',
      target: '>=90%',
      actual: '95%',
      weight: 10,
      score: 10,
    }),
  ];
}

/** The default table with some rows changed: `indicatorsWith({ 0: { actual: '6个', score: 12 } })`. */
export function indicatorsWith(edits: Record<number, Partial<Indicator>>): Indicator[] {
  return defaultIndicators().map((row, i) => (edits[i] ? { ...row, ...edits[i] } : row));
}

/**
 * A form that passes every arithmetic rule unless the partial breaks it. Printed rate is the
 * ceiling-rounded ratio and the score round_half_up(min(r,1) × weight, 2), as on the seed forms.
 */
export function makeForm(partial: FormInput = {}): Form {
  const { funds = {}, goals = {}, indicators, ...rest } = partial;
  const t = funds.total ?? {};
  const annualBudget = 'annualBudget' in t ? (t.annualBudget ?? null) : 100000;
  const initialBudget = 'initialBudget' in t ? (t.initialBudget ?? null) : annualBudget;
  const executed = 'executed' in t ? (t.executed ?? null) : 95000;
  const weight = 'weight' in t ? (t.weight ?? null) : 10;
  const ratio =
    annualBudget != null && executed != null && annualBudget > 0 ? toFen(executed) / toFen(annualBudget) : null;
  const rate = 'rate' in t ? (t.rate ?? null) : ratio === null ? (annualBudget === 0 ? 0 : null) : ceilTo(ratio * 100, 2);
  const score =
    'score' in t
      ? (t.score ?? null)
      : ratio === null
        ? annualBudget === 0
          ? 0
          : null
        : roundHalfUp(Math.min(ratio, 1) * (weight ?? 10), 2);
  const rows = indicators ?? defaultIndicators();
  const scores = rows.map((r) => r.score);
  const form: Form = {
    year: 2022,
    projectName: '测试项目',
    department: '上海市某区某局',
    implementingUnit: '上海市某区某中心',
    funds: {
      total: { initialBudget, annualBudget, executed, weight, rate, score },
      fiscal: { initialBudget, annualBudget, executed, ...funds.fiscal },
      carryover: { initialBudget: 0, annualBudget: 0, executed: null, ...funds.carryover },
      other: { initialBudget: 0, annualBudget: 0, executed: null, ...funds.other },
    },
    goals: { expected: '按计划完成项目建设，保障系统稳定运行', actual: '项目已按期完成，系统全年运行稳定', ...goals },
    indicators: rows,
    totalWeight: sumExact([weight, ...rows.map((r) => r.weight)]),
    totalScore: score == null || scores.some((s) => s == null) ? null : sumExact([score, ...scores]),
    ...rest,
  };
  return form;
}
