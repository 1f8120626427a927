/**
 * The rule catalogue (rules.md §6.1): id → rule. Adding a rule: one file + test under its family
 * folder, messages in zh-CN.ts and en.ts, docs/rules/<ID>.md and one line here
 * (catalogue.test.ts fails until all exist).
 */
import type { Rule } from './define-rule.js';
import { f1ExecutionWeight } from './funds/f1-execution-weight.js';
import { f2ZeroBudget } from './funds/f2-zero-budget.js';
import { f3PrintedRate } from './funds/f3-printed-rate.js';
import { f4OverExecution } from './funds/f4-over-execution.js';
import { f5ExecutionScore } from './funds/f5-execution-score.js';
import { f6SubrowsSum } from './funds/f6-subrows-sum.js';
import { f7BudgetAdjusted } from './funds/f7-budget-adjusted.js';
import { f8InflatedSelfEvaluation } from './funds/f8-inflated-self-evaluation.js';
import { g1ExpectedMissing } from './goals/g1-expected-missing.js';
import { g2ActualCopied } from './goals/g2-actual-copied.js';
import { g3GoalNotExecuted } from './goals/g3-goal-not-executed.js';
import { i1ScoreRange } from './indicators/i1-score-range.js';
import { i2ZeroWeight } from './indicators/i2-zero-weight.js';
import { i3Taxonomy } from './indicators/i3-taxonomy.js';
import { i4Level1Weights } from './indicators/i4-level1-weights.js';
import { i5TargetPlaceholder } from './indicators/i5-target-placeholder.js';
import { i6ActualMissing } from './indicators/i6-actual-missing.js';
import { i7ActualComparator } from './indicators/i7-actual-comparator.js';
import { i8ProportionalScore } from './indicators/i8-proportional-score.js';
import { i9MetNotFull } from './indicators/i9-met-not-full.js';
import { i10LowerMissed } from './indicators/i10-lower-missed.js';
import { i11OverAchievement } from './indicators/i11-over-achievement.js';
import { i12QualitativeBand } from './indicators/i12-qualitative-band.js';
import { i13DeviationMissing } from './indicators/i13-deviation-missing.js';
import { i14FullMarksNotCompleted } from './indicators/i14-full-marks-not-completed.js';
import { i15ActualNegates } from './indicators/i15-actual-negates.js';
import { i16DuplicateRows } from './indicators/i16-duplicate-rows.js';
import { i17MisfiledIndicator } from './indicators/i17-misfiled-indicator.js';
import { i18NonsenseTarget } from './indicators/i18-nonsense-target.js';
import { i19RepeatedDeviation } from './indicators/i19-repeated-deviation.js';
import { i20NonstandardTarget } from './indicators/i20-nonstandard-target.js';
import { t1TotalWeight } from './totals/t1-total-weight.js';
import { t2TotalScore } from './totals/t2-total-score.js';
import { t3Grade } from './totals/t3-grade.js';

export const catalogue = {
  F1: f1ExecutionWeight,
  F2: f2ZeroBudget,
  F3: f3PrintedRate,
  F4: f4OverExecution,
  F5: f5ExecutionScore,
  F6: f6SubrowsSum,
  F7: f7BudgetAdjusted,
  F8: f8InflatedSelfEvaluation,
  G1: g1ExpectedMissing,
  G2: g2ActualCopied,
  G3: g3GoalNotExecuted,
  I1: i1ScoreRange,
  I2: i2ZeroWeight,
  I3: i3Taxonomy,
  I4: i4Level1Weights,
  I5: i5TargetPlaceholder,
  I6: i6ActualMissing,
  I7: i7ActualComparator,
  I8: i8ProportionalScore,
  I9: i9MetNotFull,
  I10: i10LowerMissed,
  I11: i11OverAchievement,
  I12: i12QualitativeBand,
  I13: i13DeviationMissing,
  I14: i14FullMarksNotCompleted,
  I15: i15ActualNegates,
  I16: i16DuplicateRows,
  I17: i17MisfiledIndicator,
  I18: i18NonsenseTarget,
  I19: i19RepeatedDeviation,
  I20: i20NonstandardTarget,
  T1: t1TotalWeight,
  T2: t2TotalScore,
  T3: t3Grade,
} as const satisfies { [Id in string]: Rule<Id> };

export type RuleId = keyof typeof catalogue;

/** Every rule, in catalogue order (funds, goals, indicators, totals). */
export const allRules: readonly Rule[] = Object.values(catalogue);
