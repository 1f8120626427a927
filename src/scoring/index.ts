/**
 * Scoring of one form: printed values beside recomputed ones (rules.md §7).
 * Pure and allocation-light: the checks call it once per form and read everything from the report.
 */
import type { Form, Indicator } from '../model/form.js';
import { near } from '../model/money.js';
import { parseValue } from '../model/value.js';
import { scoreInRange, suggest, type Suggestion } from './indicator.js';
import { profiles, type Grade, type Profile } from './profile.js';
import { acceptsPrintedRate, acceptsPrintedScore, computeExecution, type Execution } from './rate.js';
import { gradeOf } from './total.js';

export interface PrintedVsRecomputed<T> {
  printed: T | null;
  recomputed: T | null;
  /** printed agrees with recomputed within the profile's tolerance; null when either is missing. */
  ok: boolean | null;
}

export interface FundsReport {
  budget: number | null;
  executed: number | null;
  weight: PrintedVsRecomputed<number>;
  /** Percent: recomputed is the exact (unrounded) rate; `display` is what the form should print. */
  rate: PrintedVsRecomputed<number> & { display: number | null };
  score: PrintedVsRecomputed<number>;
  execution: Execution;
}

export interface IndicatorReport {
  index: number;
  row: Indicator;
  weight: number | null;
  /** printed 得分 */
  score: number | null;
  suggestion: Suggestion;
  /** printed score inside the suggestion's accepted range; null when unscored or missing. */
  ok: boolean | null;
}

export interface ScoreReport {
  profile: string;
  funds: FundsReport;
  indicators: IndicatorReport[];
  /** Σ indicator weights (printed) and the weight the profile leaves for them. */
  indicatorWeights: { printed: number; expected: number };
  /** Σ printed indicator scores; recomputed = Σ suggestions where every row has one. */
  indicatorSum: PrintedVsRecomputed<number> & { min: number | null; max: number | null };
  /** 总分 分值: printed vs funds weight + Σ indicator weights (T1). */
  totalWeight: PrintedVsRecomputed<number> & { expected: number };
  /** 总分 得分: printed vs printed funds score + Σ printed indicator scores (T2). */
  total: PrintedVsRecomputed<number> & {
    /** Recomputed execution score + Σ suggestions (printed scores where the rules give a range). */
    suggested: number | null;
  };
  grade: { printed: Grade | null; recomputed: Grade | null; suggested: Grade | null };
}

const F = 10_000; // scores carry at most 2 decimals; sum in 1/10000 units to stay exact
const scaled = (v: number) => Math.round(v * F);

/** Score one form under a profile (national by default). */
export function scoreForm(form: Form, profile: Profile = profiles.national): ScoreReport {
  const t = form.funds.total;
  const execution = computeExecution(t.annualBudget, t.executed, profile);

  const rateOk =
    t.rate == null || execution.exactRate === null ? null : acceptsPrintedRate(t.rate, execution.exactRate, profile);
  const scoreOk =
    t.score == null || execution.score === null ? null : acceptsPrintedScore(t.score, execution.score, profile);
  const funds: FundsReport = {
    budget: t.annualBudget,
    executed: t.executed,
    weight: {
      printed: t.weight,
      recomputed: profile.executionWeight,
      ok: t.weight == null ? null : near(t.weight, profile.executionWeight, 1e-9),
    },
    rate: { printed: t.rate, recomputed: execution.exactRate, display: execution.displayRate, ok: rateOk },
    score: { printed: t.score, recomputed: execution.score, ok: scoreOk },
    execution,
  };

  const rows = form.indicators;
  const indicators: IndicatorReport[] = new Array(rows.length);
  let weightSum = 0;
  let scoreSum = 0;
  let scoreMissing = false;
  let suggestedSum = 0;
  let suggestedKnown = true;
  let minSum = 0;
  let maxSum = 0;
  let rangeKnown = true;
  let settledSum = 0;
  let settledKnown = true;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const s = suggest(parseValue(row.target, 'target'), parseValue(row.actual, 'actual'), row.weight, profile);
    const ok = row.score == null ? null : scoreInRange(row.score, s, profile.tolerance.indicator);
    indicators[i] = { index: i, row, weight: row.weight, score: row.score, suggestion: s, ok };
    if (row.weight != null) weightSum += scaled(row.weight);
    if (row.score != null) scoreSum += scaled(row.score);
    else scoreMissing = true;
    if (s.suggested !== null) suggestedSum += scaled(s.suggested);
    else suggestedKnown = false;
    if (s.min !== null && s.max !== null) {
      minSum += scaled(s.min);
      maxSum += scaled(s.max);
    } else rangeKnown = false;
    // the settled score: the rule's point, else the printed score clamped into the accepted range
    if (s.suggested !== null) settledSum += scaled(s.suggested);
    else if (row.score != null && s.min !== null && s.max !== null)
      settledSum += scaled(Math.min(Math.max(row.score, s.min), s.max));
    else if (row.score != null) settledSum += scaled(row.score);
    else settledKnown = false;
  }

  const expectedIndicatorWeight = profile.totalWeight - profile.executionWeight;
  const printedSum = scoreMissing ? null : scoreSum / F;
  const fundsWeight = t.weight ?? profile.executionWeight;
  const recomputedTotalWeight = (scaled(fundsWeight) + weightSum) / F;
  const recomputedTotal = printedSum === null || t.score == null ? null : (scaled(t.score) + scoreSum) / F;
  const suggestedTotal =
    settledKnown && execution.score !== null ? (scaled(execution.score) + settledSum) / F : null;

  return {
    profile: profile.id,
    funds,
    indicators,
    indicatorWeights: { printed: weightSum / F, expected: expectedIndicatorWeight },
    indicatorSum: {
      printed: printedSum,
      recomputed: suggestedKnown ? suggestedSum / F : null,
      ok: printedSum === null || !rangeKnown ? null : printedSum >= minSum / F - 1e-9 && printedSum <= maxSum / F + 1e-9,
      min: rangeKnown ? minSum / F : null,
      max: rangeKnown ? maxSum / F : null,
    },
    totalWeight: {
      printed: form.totalWeight,
      recomputed: recomputedTotalWeight,
      expected: profile.totalWeight,
      ok:
        form.totalWeight == null
          ? null
          : near(form.totalWeight, recomputedTotalWeight, 1e-9) && near(form.totalWeight, profile.totalWeight, 1e-9),
    },
    total: {
      printed: form.totalScore,
      recomputed: recomputedTotal,
      suggested: suggestedTotal,
      ok:
        form.totalScore == null || recomputedTotal === null
          ? null
          : near(form.totalScore, recomputedTotal, profile.tolerance.total),
    },
    grade: {
      printed: gradeOf(form.totalScore, profile),
      recomputed: gradeOf(recomputedTotal, profile),
      suggested: gradeOf(suggestedTotal, profile),
    },
  };
}

export { profiles, profileFor, defineProfile, Profile, Grade } from './profile.js';
export type { ProfileId, ExecutionBand, ExecutionScoring, Level1Weight } from './profile.js';
export { computeExecution, executionRatio, executionScore, acceptsPrintedRate, acceptsPrintedScore } from './rate.js';
export type { Execution } from './rate.js';
export { suggest, suggestScore, classify, scoreInRange } from './indicator.js';
export type { Suggestion, SuggestionKind, SuggestionReason } from './indicator.js';
export { gradeOf, gradeShare, totalScore } from './total.js';
