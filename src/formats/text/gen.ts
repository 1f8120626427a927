/**
 * Realistic synthetic 财政项目支出绩效自评表 for `jixiao gen`: the kinds of forms published by
 * Shanghai district departments (samples/), as their interchange-format truth. render.ts turns
 * them into damaged text exports.
 *
 * Every form depends only on (seed, index), so `generate({ start, count })` batches concatenate to
 * the same forms as one run, and 2,000,000 forms never need to be in memory together.
 *
 * The truth is arithmetically consistent (weights 10 + 50 + 30 + 10 = 100, printed rate =
 * ceil(100 × executed / annual, 2), score = round_half_up(min(ratio, 1) × 10, 2), totals add up)
 * except where a quirk says otherwise; quirks are returned beside the form, never inside it.
 */
import type { Form, FundRow, Indicator } from '../../model/form.js';
import { ceilTo, fromFen, roundHalfUp, sumExact, toFen } from '../../model/money.js';
import { isTaxonomyLabel } from '../../model/taxonomy.js';
import { profiles } from '../../scoring/profile.js';
import { Rng, rngFor, type Seed } from './random.js';
import {
  ACHIEVED, ACTUAL_GOALS, CAUSES, CITY_DEPARTMENTS, DISTRICTS, DOMAINS, INDICATORS, MEASURES, PARTLY, UNFUNDED,
  type Domain, type IndicatorTemplate,
} from './vocabulary.js';

/** Shanghai forms follow the national template: execution 10, 产出 50, 效益 30, 满意度 10. */
const PROFILE = profiles.national;

/**
 * A deliberate defect or notable trait of a generated form, named after the rule that should
 * find it (rules.md §6.1). F6 and T2 and F5 are the only arithmetic inconsistencies.
 */
export type QuirkCode =
  | 'F2-zero-budget'
  | 'F4-over-execution'
  | 'F5-score-misprint'
  | 'F6-subrows-mismatch'
  | 'F7-budget-adjusted'
  | 'F8-low-execution'
  | 'G1-expected-empty'
  | 'G2-actual-copied'
  | 'G3-unfunded'
  | 'I2-zero-weight'
  | 'I5-placeholder-target'
  | 'I6-actual-blank'
  | 'I7-actual-comparator'
  | 'I13-missing-deviation'
  | 'I14-full-score-deviation'
  | 'I16-duplicate-rows'
  | 'I19-repeated-deviation'
  | 'T2-total-mismatch'
  | 'unit-empty';

export interface Quirk {
  code: QuirkCode;
  /** Field path in the form: 'funds.fiscal.executed', 'indicators[3].actual'. */
  path?: string;
}

export interface GeneratedForm {
  /** Position in the whole generated stream. */
  index: number;
  form: Form;
  quirks: Quirk[];
}

export interface GenOptions {
  count: number;
  seed?: Seed;
  /** Index of the first form: a batch from `start` equals that slice of one big run. */
  start?: number;
  /** Inclusive year range; default 2020–2024. */
  years?: readonly [number, number];
  /** false: no deliberate defects, every form consistent and complete. Default true. */
  quirks?: boolean;
}

const STREAM_FORM = 1;
const STREAM_CLUSTER = 2;
/** Consecutive forms share a department, unit and year, as one published export does. */
const CLUSTER_SIZE = 8;

/** Forms and what was deliberately put into them. */
export function generate(options: GenOptions): GeneratedForm[] {
  const seed = options.seed ?? 1;
  const start = options.start ?? 0;
  const out: GeneratedForm[] = new Array(Math.max(0, options.count));
  let cluster: Cluster | null = null;
  for (let i = 0; i < out.length; i++) {
    const index = start + i;
    const k = Math.floor(index / CLUSTER_SIZE);
    if (!cluster || cluster.key !== k) cluster = makeCluster(seed, k, options.years ?? [2020, 2024]);
    out[i] = generateOne(seed, index, cluster, options.quirks !== false);
  }
  return out;
}

/** The truths only (interchange format). */
export function generateForms(options: GenOptions): Form[] {
  return generate(options).map((g) => g.form);
}

interface Cluster {
  key: number;
  domain: Domain;
  department: string;
  units: string[];
  district: string | null;
  year: number;
}

function makeCluster(seed: Seed, key: number, years: readonly [number, number]): Cluster {
  const r = rngFor(seed, key, STREAM_CLUSTER);
  const year = r.int(years[0], years[1]);
  if (r.chance(0.08)) {
    const [department, unit, d] = r.pick(CITY_DEPARTMENTS);
    return { key, domain: DOMAINS[d], department, units: [unit], district: null, year };
  }
  const district = r.pick(DISTRICTS);
  const domain = r.pick(DOMAINS);
  const department = `上海市${district}${r.pick(domain.departments)}`;
  const units = r.shuffle(domain.units).slice(0, r.int(1, 2)).map((u) => `上海市${district}${u}`);
  // many departments carry out their own projects (samples/004)
  if (r.chance(0.35)) units.unshift(department);
  return { key, domain, department, units, district, year };
}

type Scenario = 'normal' | 'unfunded' | 'blank-actuals' | 'zero-budget';

// weighted choices, as constant tables (they are drawn for every form)
type Table<T> = readonly (readonly [T, number])[];
const BUDGET_UNITS = [[1000, 0.45], [100, 0.25], [1, 0.15], [0.01, 0.15]] as const;
const EXECUTION_CLASSES = [['full', 0.3], ['near', 0.36], ['mid', 0.15], ['low', 0.08], ['zero', 0.03], ['over', 0.04], ['ten', 0.01]] as const;
const SUBROW_MODES = [['fiscal', 0.8], ['split', 0.12], ['other', 0.05], ['carryover', 0.03]] as const;
const SENTENCES = [[1, 0.45], [2, 0.3], [3, 0.15], [4, 0.1]] as const;
const SHORTFALL_RATES = [[0.02, 0.7], [0.12, 0.2], [0.35, 0.1]] as const;
/** Target notations seen in the samples: >=12次, =52次, 500本, >=4 (no unit). */
const COUNT_NOTATION: Table<readonly [string, boolean]> = [[['>=', true], 0.45], [['=', true], 0.2], [['', true], 0.2], [['≥', true], 0.05], [['>=', false], 0.1]] as const;
/** >=95%, >=80百分比, ≥90%, =95%, 80%. */
const PERCENT_NOTATION: Table<readonly [string, string]> = [[['>=', '%'], 0.55], [['>=', '百分比'], 0.12], [['≥', '%'], 0.1], [['=', '%'], 0.08], [['', '%'], 0.15]] as const;
const PERCENT_100_NOTATION: Table<readonly [string, string]> = [[['=', '%'], 0.6], [['', '%'], 0.2], [['=', '百分比'], 0.2]] as const;
const LOWER_NOTATION = [['<=', 0.6], ['<', 0.2], ['≤', 0.2]] as const;
const TIME_NOTATION = [['<=', 0.5], ['<', 0.3], ['≤', 0.2]] as const;
const SCENARIOS: readonly (readonly [Scenario, number])[] = [['normal', 0.95], ['unfunded', 0.015], ['blank-actuals', 0.02], ['zero-budget', 0.015]];

function generateOne(seed: Seed, index: number, c: Cluster, allowQuirks: boolean): GeneratedForm {
  const r = rngFor(seed, index, STREAM_FORM);
  const quirks: Quirk[] = [];
  // always draw, so turning quirks off changes only the defects, not the rest of the stream
  const q = (p: number) => r.chance(p) && allowQuirks;
  const add = (code: QuirkCode, path?: string) => quirks.push(path ? { code, path } : { code });

  let scenario = r.weighted(SCENARIOS);
  if (!allowQuirks) scenario = 'normal';

  const projectName = makeProjectName(r, c);
  let implementingUnit: string | null = r.chance(0.85) ? c.units[0] : r.pick(c.units);
  if (q(0.02)) {
    implementingUnit = null;
    add('unit-empty', 'implementingUnit');
  }

  const funds = makeFunds(r, scenario, q, add);
  const goals = makeGoals(r, c, projectName, scenario, q, add);
  const indicators = makeIndicators(r, c, scenario, q, add);

  let totalScore = roundHalfUp(sumExact([funds.total.score, ...indicators.map((i) => i.score)]), 2);
  if (q(0.004)) {
    totalScore = Math.max(0, roundHalfUp(totalScore - r.pick([0.01, 0.5, 1, 2]), 2));
    add('T2-total-mismatch', 'totalScore');
  }
  const form: Form = {
    year: c.year,
    projectName,
    department: c.department,
    implementingUnit,
    funds,
    goals,
    indicators,
    totalWeight: PROFILE.totalWeight,
    totalScore,
  };
  return { index, form, quirks };
}

function makeProjectName(r: Rng, c: Cluster): string {
  let name = r.pick(c.domain.objects) + r.pick(c.domain.activities);
  const prefix = r.next();
  if (prefix < 0.18 && c.district) name = c.district + name;
  else if (prefix < 0.25) name = `${c.year}年${name}`;
  if (r.chance(0.03)) name += '（运维）';
  if (r.chance(0.01)) name = `BX${c.year % 100}-D-${r.int(10, 99)}${name}(资金审批表${r.int(10000, 99999)})`;
  return name;
}

// ---------------------------------------------------------------- funds

type AddQuirk = (code: QuirkCode, path?: string) => void;
type QuirkDraw = (p: number) => boolean;

function roundTo(x: number, unit: number): number {
  if (unit >= 1) return Math.round(x / unit) * unit;
  return fromFen(Math.round(x * 100));
}

const subtract = (a: number, b: number) => fromFen(toFen(a) - toFen(b));

function makeFunds(r: Rng, scenario: Scenario, q: QuirkDraw, add: AddQuirk): Form['funds'] {
  const W = PROFILE.executionWeight;
  const unit = r.weighted(BUDGET_UNITS);
  // log-uniform between 10,000 and 20,000,000 元
  let annual = Math.max(10000, roundTo(Math.exp(Math.log(1e4) + r.next() * Math.log(2e3)), unit));
  let initial = annual;
  const adjust = r.next();
  if (adjust < 0.1) initial = Math.min(2e7, Math.max(10000, roundTo(annual / r.range(0.5, 1.4), 1000)));
  else if (adjust < 0.13) initial = 0; // added during the year

  let executed: number;
  const cls = r.weighted(EXECUTION_CLASSES);
  const fine = r.chance(0.35);
  const execRound = (x: number) => (fine ? roundTo(x, 0.01) : roundTo(x, r.pick([1, 1, 10, 100])));
  if (scenario === 'zero-budget') {
    initial = r.chance(0.5) ? annual : 0;
    annual = 0;
    executed = 0;
    add('F2-zero-budget', 'funds.total.annualBudget');
  } else if (scenario === 'unfunded' || cls === 'zero') {
    executed = 0;
  } else if (cls === 'full' || ((cls === 'over' || cls === 'ten') && !q(1))) {
    // spending more than the budget is a data error (F4): only where quirks are allowed
    executed = annual;
  } else if (cls === 'over') {
    executed = execRound(annual * r.range(1.001, 1.25));
    if (executed <= annual) executed = fromFen(toFen(annual) + 100);
  } else if (cls === 'ten') {
    executed = fromFen(toFen(annual) * 10); // one zero too many, as samples/002 #4 (1000.00%)
  } else {
    const ratio = cls === 'near' ? r.range(0.95, 1) : cls === 'mid' ? r.range(0.6, 0.95) : r.range(0.02, 0.6);
    executed = Math.min(annual, execRound(annual * ratio));
  }
  if (initial !== annual && scenario !== 'zero-budget') add('F7-budget-adjusted', 'funds.total.annualBudget');
  if (executed > annual && annual > 0) add('F4-over-execution', 'funds.total.executed');
  if (annual > 0 && executed / annual < PROFILE.lowExecutionRatio) add('F8-low-execution', 'funds.total.executed');

  const ratio = annual > 0 ? executed / annual : 0;
  // Shanghai prints the rate rounded up and scores the unrounded ratio half-up (rules.md §0.3)
  const rate = annual > 0 ? ceilTo((executed * 100) / annual, 2) : 0;
  let score = annual > 0 ? roundHalfUp(Math.min(ratio, 1) * W, 2) : 0;
  if (q(0.004)) {
    const truncated = Math.floor(Number((Math.min(ratio, 1) * W * 100).toPrecision(15))) / 100;
    if (truncated !== score) {
      score = truncated;
      add('F5-score-misprint', 'funds.total.score');
    }
  }

  const total = { initialBudget: initial, annualBudget: annual, executed, weight: W, rate, score };
  const zeroRow = (): FundRow => ({ initialBudget: 0, annualBudget: 0, executed: r.chance(0.8) ? null : 0 });
  const all = (): FundRow => ({ initialBudget: initial, annualBudget: annual, executed });
  let fiscal = all();
  let carryover = zeroRow();
  let other = zeroRow();
  const mode = r.weighted(SUBROW_MODES);
  if (mode === 'other') [fiscal, other] = [zeroRow(), all()];
  else if (mode === 'carryover') [fiscal, carryover] = [zeroRow(), all()];
  else if (mode === 'split' && annual > 0) {
    const carryA = Math.min(annual, roundTo(annual * r.range(0.1, 0.5), 100));
    const carryI = initial >= annual && initial >= carryA ? carryA : 0;
    const carryE = Math.min(carryA, executed, roundTo((executed * carryA) / annual, 1));
    carryover = { initialBudget: carryI, annualBudget: carryA, executed: carryE };
    fiscal = { initialBudget: subtract(initial, carryI), annualBudget: subtract(annual, carryA), executed: subtract(executed, carryE) };
  }

  if (q(0.12)) {
    // 其中 rows that do not add up, as in 21 of the 67 seed forms
    const holder = mode === 'other' ? other : mode === 'carryover' ? carryover : fiscal;
    const name = holder === other ? 'other' : holder === carryover ? 'carryover' : 'fiscal';
    const ways: (() => string)[] = [];
    if ((holder.executed ?? 0) > 0) ways.push(() => ((holder.executed = null), 'executed'));
    if ((holder.initialBudget ?? 0) > 0 && initial === annual) ways.push(() => ((holder.initialBudget = 0), 'initialBudget'));
    if (initial !== annual && holder.initialBudget !== holder.annualBudget) ways.push(() => ((holder.annualBudget = holder.initialBudget), 'annualBudget'));
    if (ways.length) add('F6-subrows-mismatch', `funds.${name}.${r.pick(ways)()}`);
  }
  return { total, fiscal, carryover, other };
}

// ---------------------------------------------------------------- goals

function sentences(r: Rng, parts: string[]): string {
  // a single space after a sentence-final 。 is the only space a text value may hold
  let s = '';
  for (let i = 0; i < parts.length; i++) s += (i > 0 && r.chance(0.06) ? ' ' : '') + parts[i];
  return s;
}

function makeGoals(r: Rng, c: Cluster, projectName: string, scenario: Scenario, q: QuirkDraw, add: AddQuirk): Form['goals'] {
  const d = c.domain;
  const task = () => r.pick(d.tasks);
  const benefit = () => r.pick(d.benefits);
  const thing = r.pick(d.things);
  const people = r.pick(d.people);
  const templates = [
    () => `通过${projectName}，${task()}，${benefit()}。`,
    () => `${task()}，${benefit()}。`,
    () => `按照相关文件要求，${task()}，确保${thing}安全稳定运行。`,
    () => `进一步${benefit()}，提高${people}的获得感和满意度。`,
    () => `${task()}；${task()}；${task()}。`,
    () => `${task()}、${task()}，${benefit()}。`,
  ];
  const n = r.weighted(SENTENCES);
  const parts = Array.from({ length: n }, () => r.pick(templates)());
  if (n > 1 && r.chance(0.2)) for (let i = 0; i < n; i++) parts[i] = `${i + 1}、${parts[i]}`;
  let expected: string | null = sentences(r, parts);
  const actualTemplates = [
    () => `项目按期完成，${benefit()}。`,
    () => `已${task()}，${benefit()}。`,
    () => `全年共完成${r.int(2, 200)}次${thing}维护，${benefit()}。`,
    () => r.pick(ACTUAL_GOALS),
  ];
  let actual: string | null = r.pick(actualTemplates)();
  if (q(0.15)) {
    actual = expected;
    add('G2-actual-copied', 'goals.actual');
  }
  if (scenario === 'unfunded') {
    expected = null;
    actual = UNFUNDED;
    add('G3-unfunded', 'goals.actual');
  } else if (q(0.06)) {
    expected = null;
  }
  if (expected === null) add('G1-expected-empty', 'goals.expected');
  return { expected, actual };
}

// ---------------------------------------------------------------- indicators

const OUTPUT_L2 = ['数量指标', '质量指标', '时效指标', '成本指标'] as const;
const BENEFIT_L2 = ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] as const;
const SATISFACTION_L2 = '服务对象满意度指标';

function sectionWeight(level1: string): number {
  for (const g of PROFILE.level1Weights ?? []) if ((g.sections as readonly string[]).includes(level1)) return g.weight;
  return 0;
}

/** k positive parts of total, fairly even, in multiples of 5 when that fits (as the forms do). */
function partition(r: Rng, total: number, k: number): number[] {
  if (k <= 0) return [];
  const unit = total % 5 === 0 && total / 5 >= k && r.chance(0.8) ? 5 : 1;
  const units = total / unit;
  const parts: number[] = new Array(k).fill(Math.floor(units / k));
  for (let rem = units - parts[0] * k; rem > 0; rem--) parts[r.int(0, k - 1)]++;
  for (let m = r.int(0, k); m > 0; m--) {
    const a = r.int(0, k - 1), b = r.int(0, k - 1);
    if (a !== b && parts[a] > 1) {
      parts[a]--;
      parts[b]++;
    }
  }
  return parts.map((p) => p * unit);
}

const ROWS_PER_GROUP = [[1, 0.62], [2, 0.3], [3, 0.08]] as const;
const SATISFACTION_ROWS = [[1, 0.75], [2, 0.25]] as const;
const rowsPerGroup = (r: Rng): number => r.weighted(ROWS_PER_GROUP);

/** [level1, level2] per row, 5–15 rows (the published forms' range). */
function tableShape(r: Rng, maxRows: number): [string, string][] {
  let output = OUTPUT_L2.filter((_, i) => r.chance(i < 3 ? 0.95 : 0.55)) as string[];
  if (output.length < 2) output = ['数量指标', '质量指标', '时效指标'];
  let benefit = BENEFIT_L2.filter((_, i) => r.chance([0.35, 0.9, 0.25, 0.7][i])) as string[];
  if (!benefit.length) benefit = ['社会效益指标'];
  type Group = { l1: string; l2: string; rows: number };
  const sections: Group[][] = [
    output.map((l2) => ({ l1: '产出指标', l2, rows: rowsPerGroup(r) })),
    benefit.map((l2) => ({ l1: '效益指标', l2, rows: rowsPerGroup(r) })),
    [{ l1: '满意度指标', l2: SATISFACTION_L2, rows: r.weighted(SATISFACTION_ROWS) }],
  ];
  const count = () => {
    let n = 0;
    for (const s of sections) for (const g of s) n += g.rows;
    return n;
  };
  while (count() > maxRows) {
    let big = sections[0][0];
    for (const s of sections) for (const g of s) if (g.rows > big.rows) big = g;
    if (big.rows > 1) big.rows--;
    else {
      // every group has one row: drop a group from a section that keeps at least one
      const s = sections[0].length > 2 ? sections[0] : sections[1].length > 1 ? sections[1] : sections[0];
      s.splice(r.int(0, s.length - 1), 1);
    }
  }
  for (let i = 0; count() < Math.min(5, maxRows); i++) sections[0][i % sections[0].length].rows++;
  const rows: [string, string][] = [];
  for (const s of sections) for (const g of s) for (let i = 0; i < g.rows; i++) rows.push([g.l1, g.l2]);
  return rows;
}

interface RowContext {
  r: Rng;
  c: Cluster;
  used: Set<string>;
  shortfall: number;
  q: QuirkDraw;
  add: AddQuirk;
}

function fillName(r: Rng, d: Domain, name: string): string {
  return name.replace('{t}', r.pick(d.things)).replace('{p}', r.pick(d.people)).replace('{b}', r.pick(d.benefits));
}

const taxonomyCache = new Map<string, boolean>();
/** isTaxonomyLabel, cached: names come from a small vocabulary and the check uses regexes. */
function isLabel(name: string): boolean {
  let v = taxonomyCache.get(name);
  if (v === undefined) taxonomyCache.set(name, (v = isTaxonomyLabel(name)));
  return v;
}

function pickTemplate(x: RowContext, level2: string): [IndicatorTemplate, string] {
  const list = INDICATORS[level2];
  let tpl = x.r.pick(list);
  let name = fillName(x.r, x.c.domain, tpl.name);
  for (let tries = 0; tries < 12 && (x.used.has(name) || isLabel(name)); tries++) {
    tpl = x.r.pick(list);
    name = fillName(x.r, x.c.domain, tpl.name);
  }
  if (x.used.has(name) || isLabel(name)) name = `${name}情况${x.used.size + 1}`;
  x.used.add(name);
  return [tpl, name];
}

/** Target, actual and score of one row: met (full marks) or short (score < weight). */
function makeRow(x: RowContext, level1: string, level2: string, weight: number, index: number): Indicator {
  const { r, c } = x;
  const [tpl, level3] = pickTemplate(x, level2);
  const short = weight > 0 && r.chance(x.shortfall);
  const comparator = x.q(0.05);
  const unit = tpl.unit ?? '';
  let target: string;
  let actual: string;
  let score = weight;
  const proportional = (a: number, t: number) => roundHalfUp((a / t) * weight, 2);
  const banded = (words: boolean) => {
    // qualitative: 部分达成 earns 60–80% of the weight, 达成 80–100% (rules.md §2.4.4)
    const { achieved, partial } = PROFILE.qualitativeBands;
    const share = words ? r.range(partial, achieved) : r.range(achieved, 0.98);
    return Math.min(roundHalfUp(weight * share, r.chance(0.5) ? 0 : 1), weight - 0.5);
  };
  switch (tpl.kind) {
    case 'count': {
      const t = r.pick(tpl.targets!);
      const [cmp, withUnit] = r.weighted(COUNT_NOTATION);
      target = cmp + t + (withUnit ? unit : '');
      if (short) {
        const a = Math.floor(t * r.range(0.3, 0.95));
        actual = r.chance(0.5) ? `${a}${unit}` : String(a);
        score = proportional(a, t);
      } else {
        const a = r.chance(0.8) ? t : t + r.int(1, Math.max(1, Math.round(t * 0.2)));
        actual = comparator ? r.pick([`>=${t}${unit}`, `=${a}${unit}`]) : r.chance(0.5) ? `${a}${unit}` : String(a);
      }
      break;
    }
    case 'percent':
    case 'satisfaction': {
      const t = tpl.kind === 'satisfaction' ? r.pick([80, 85, 90, 95, 100]) : r.pick(tpl.targets!);
      const word = tpl.kind === 'satisfaction' && r.chance(0.25);
      if (word) {
        target = '满意';
        actual = short ? '基本满意' : r.pick(['满意', '满意', '非常满意']);
        if (short) score = banded(true);
        break;
      }
      const [cmp, pct] = r.weighted(t === 100 ? PERCENT_100_NOTATION : PERCENT_NOTATION);
      target = cmp + t + pct;
      if (short) {
        const a = Math.min(t - 0.1, roundHalfUp(t * r.range(0.8, 0.99), r.chance(0.5) ? 0 : 1));
        actual = `${a}%`;
        score = proportional(a, t);
      } else {
        const a = t === 100 ? 100 : r.chance(0.15) ? roundHalfUp(r.range(t, 100), 1) : r.int(t, 100);
        actual = comparator ? `>=${t}%` : r.chance(0.5) ? `${a}%` : String(a);
      }
      break;
    }
    case 'lower': {
      const t = r.pick(tpl.targets!);
      target = r.weighted(LOWER_NOTATION) + t + unit;
      if (short) {
        const a = t + r.int(1, Math.max(1, t));
        actual = `${a}${unit}`;
        score = proportional(t, a); // the A/B inversion of rules.md §2.4.3 (a)
      } else {
        const a = r.int(0, Math.max(0, t - 1));
        actual = comparator ? `<=${t}${unit}` : r.chance(0.6) ? `${a}${unit}` : String(a);
      }
      break;
    }
    case 'time': {
      const [t, u] = r.pick([[2, '小时'], [1, '天'], [30, '分钟'], [3, '工作日'], [24, '小时']] as const);
      target = r.weighted(TIME_NOTATION) + t + u;
      if (short) {
        actual = r.pick(['基本及时', '部分超时']);
        score = banded(true);
      } else actual = comparator ? `<${t}${u}` : r.pick(['符合', '及时', `${Math.max(1, t - 1)}${u}`]);
      break;
    }
    case 'date': {
      const y = c.year;
      target = r.pick([`${y}年12月31日时间`, `<=${y}年12月31日日期`, `${y}年12月31日前`, '按计划时间内完成']);
      if (short) {
        actual = r.pick(['延期完成', '基本按时完成']);
        score = banded(true);
      } else actual = r.pick(['符合', '按时完成', `${y}年12月${r.int(1, 30)}日`]);
      break;
    }
    case 'qual': {
      const w = r.pick(tpl.words!);
      target = w;
      if (short) {
        const partly = r.chance(0.5);
        // 部分达成: 基本健全, 部分完成; 达成 with a deduction keeps the target word (samples/000 #0)
        actual = !partly ? w : w.endsWith('完成') ? `${r.pick(PARTLY)}完成` : r.pick([`基本${w}`, '部分完成']);
        score = banded(partly);
      } else actual = r.chance(0.65) ? w : r.pick(ACHIEVED);
      break;
    }
  }
  if (comparator && !short && /^[<>=≥≤]/.test(actual)) x.add('I7-actual-comparator', `indicators[${index}].actual`);
  return {
    level1,
    level2,
    level3,
    target,
    actual,
    weight,
    score,
    deviation: score < weight ? deviationText(r) : null,
  };
}

const DEVIATION_FORMS = [['原因：', '；措施：', 0.35], ['原因：', '。措施：', 0.2], ['原因：', '。 措施：', 0.05], ['', '，', 0.25], ['', null, 0.15]] as const;
const DEVIATION_WEIGHTS = DEVIATION_FORMS.map((f, i) => [i, f[2]] as const);

/** 原因：…；措施：… and its looser variants (rules.md §2.6), sometimes one space after 。 (000 #0). */
function deviationText(r: Rng): string {
  const c = r.pick(CAUSES);
  const m = r.pick(MEASURES);
  const [open, join] = DEVIATION_FORMS[r.weighted(DEVIATION_WEIGHTS)];
  return join === null ? c : `${open}${c}${join}${m}。`;
}

function makeIndicators(r: Rng, c: Cluster, scenario: Scenario, q: QuirkDraw, add: AddQuirk): Indicator[] {
  const duplicate = q(0.005);
  const shape = tableShape(r, duplicate ? 7 : 15);
  const zeroWeight = q(0.01) && shape.filter(([l1]) => l1 === '效益指标').length >= 2;
  // weights per level-1 section; a duplicated table prints every row twice at half weight
  const weights: number[] = [];
  for (const l1 of ['产出指标', '效益指标', '满意度指标']) {
    const rows = shape.filter(([s]) => s === l1).length;
    const total = sectionWeight(l1) / (duplicate ? 2 : 1);
    if (l1 === '效益指标' && zeroWeight) {
      const parts = partition(r, total, rows - 1);
      parts.splice(r.int(0, parts.length), 0, 0);
      weights.push(...parts);
    } else weights.push(...partition(r, total, rows));
  }
  const x: RowContext = {
    r, c, used: new Set(), q, add,
    shortfall: r.weighted(SHORTFALL_RATES),
  };
  let rows = shape.map(([l1, l2], i) => makeRow(x, l1, l2, weights[i], i));
  if (duplicate) {
    rows = rows.flatMap((row) => [row, { ...row }]);
    add('I16-duplicate-rows', 'indicators');
  }
  rows.forEach((row, i) => {
    if (row.weight === 0) {
      row.score = 0;
      add('I2-zero-weight', `indicators[${i}].weight`);
    }
  });

  if (scenario === 'unfunded') {
    for (const row of rows) Object.assign(row, { actual: '0', score: 0, deviation: row.weight ? UNFUNDED : null });
    return rows;
  }
  if (scenario === 'blank-actuals') {
    for (const row of rows) Object.assign(row, { actual: null, score: row.weight, deviation: null });
    add('I6-actual-blank', 'indicators');
    return rows;
  }
  const short = rows.filter((row) => row.deviation !== null);
  if (q(0.4) && short.length >= 2) {
    const text = short[0].deviation;
    for (const row of short) row.deviation = text;
    if (short.length >= PROFILE.repeatedDeviationRows) add('I19-repeated-deviation', 'indicators');
  }
  rows.forEach((row, i) => {
    if (row.deviation !== null && q(0.05)) {
      row.deviation = null;
      add('I13-missing-deviation', `indicators[${i}].deviation`);
    }
  });
  if (q(0.01)) {
    const i = r.int(0, rows.length - 1);
    Object.assign(rows[i], { target: '指标目标值', actual: '完成', score: rows[i].weight, deviation: null });
    add('I5-placeholder-target', `indicators[${i}].target`);
  }
  if (q(0.01)) {
    const full = rows.map((row, i) => [row, i] as const).filter(([row]) => row.score === row.weight && row.weight);
    if (full.length) {
      const [row, i] = r.pick(full);
      row.deviation = `没有完成${row.level3}`;
      add('I14-full-score-deviation', `indicators[${i}].deviation`);
    }
  }
  return rows;
}
