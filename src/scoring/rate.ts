/**
 * 预算执行率 and its score (rules.md §0.3, §2.4.1, §7 fund_score).
 * The score comes from the exact ratio 执行数 / 全年预算数, never from the printed (rounded) rate.
 */
import { ceilTo, near, roundHalfUp } from '../model/money.js';
import { ceil2, fen, round2 } from './round.js';
import type { Profile } from './profile.js';

export interface Execution {
  /** 执行数 / 全年预算数, exact; null when the budget is zero/missing (and not Zhejiang mode). */
  ratio: number | null;
  /** 100 × ratio, unrounded. */
  exactRate: number | null;
  /** The rate as the Shanghai forms print it: ceiling to 2 decimals. */
  displayRate: number | null;
  /** The execution score the profile gives. */
  score: number | null;
  /** 全年预算数 ≤ 0 (F2). */
  zeroBudget: boolean;
  /** 执行数 > 全年预算数 (F4). */
  overExecuted: boolean;
}

/**
 * Exact execution ratio from two amounts. Amounts are compared in integer fen so that
 * 916392.88 / 1155600 is the ratio of the printed numbers, not of their binary approximations.
 */
export function executionRatio(budget: number | null, executed: number | null): number | null {
  if (budget == null || executed == null || !(budget > 0)) return null;
  return fen(Math.max(executed, 0)) / fen(budget);
}

/** Execution score for a ratio under a profile: linear capped, or banded (Jiangxi). */
export function executionScore(ratio: number, profile: Profile): number {
  const w = profile.executionWeight;
  const x = profile.execution;
  if (x.mode === 'banded') {
    for (const b of x.bands) if (ratio >= b.minRatio) return round2(b.share * w);
    return 0;
  }
  return round2(Math.min(ratio, 1) * w);
}

/** Rate, display rate and score for the 年度资金总额 row. */
export function computeExecution(budget: number | null, executed: number | null, profile: Profile): Execution {
  const zeroBudget = budget != null && budget <= 0;
  let ratio = executionRatio(budget, executed);
  if (ratio === null && zeroBudget && profile.zeroBudget === 'full-if-spent' && executed != null && executed > 0) {
    ratio = 1;
  }
  if (ratio === null) {
    const known = zeroBudget && executed != null;
    // zero budget, vendor default: the form is expected to print 0% and 0 (rules.md §2.4.1)
    return {
      ratio: null,
      exactRate: known ? 0 : null,
      displayRate: known ? 0 : null,
      score: known ? 0 : null,
      zeroBudget,
      overExecuted: false,
    };
  }
  const exactRate = ratio * 100;
  return {
    ratio,
    exactRate,
    displayRate: ceil2(exactRate),
    score: executionScore(ratio, profile),
    zeroBudget,
    overExecuted: !zeroBudget && budget != null && executed != null && fen(executed) > fen(budget),
  };
}

/**
 * Whether a printed 执行率 (percent) is acceptable for the exact rate: within tolerance
 * (0.01 pp), which covers half-up (≤ 0.005 off) and ceiling (< 0.01 off) display rounding.
 */
export function acceptsPrintedRate(printed: number, exactRate: number, profile: Profile): boolean {
  if (near(printed, exactRate, profile.tolerance.rate)) return true;
  return printed === ceilTo(exactRate, 2) || printed === roundHalfUp(exactRate, 2);
}

/** Whether a printed execution score matches the expected one within tolerance (0.005). */
export function acceptsPrintedScore(printed: number, expected: number, profile: Profile): boolean {
  return near(printed, expected, profile.tolerance.score);
}
