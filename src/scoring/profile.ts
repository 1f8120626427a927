/**
 * Jurisdiction profiles: every scoring and validation constant, per rules.md §2.4, §2.5, §4, §6, §7.
 * The national texts say "原则上" (in principle) or "一般" (normally) for most of them, so nothing
 * in scoring/ or checks/ may hard-code a number that lives here.
 */
import { z } from 'zod';
import { LEVEL1 } from '../model/taxonomy.js';

export const Grade = z.enum(['优', '良', '中', '差']);
export type Grade = z.infer<typeof Grade>;

/** Jiangxi-style banded execution score: ratio ≥ minRatio earns share × weight (first match wins). */
export const ExecutionBand = z.object({ minRatio: z.number().min(0), share: z.number().min(0).max(1) });
export type ExecutionBand = z.infer<typeof ExecutionBand>;

export const ExecutionScoring = z.discriminatedUnion('mode', [
  /** round_half_up(min(ratio, 1) × weight, 2), from the unrounded ratio (rules.md §0.3). */
  z.object({ mode: z.literal('linear') }),
  z.object({ mode: z.literal('banded'), bands: z.array(ExecutionBand).min(1) }),
]);
export type ExecutionScoring = z.infer<typeof ExecutionScoring>;

/** A group of level-1 sections sharing one weight (Hebei pools 效益 + 满意度 at 40). */
export const Level1Weight = z.object({
  sections: z.array(z.enum(LEVEL1)).min(1),
  weight: z.number().min(0),
});
export type Level1Weight = z.infer<typeof Level1Weight>;

export const Profile = z.object({
  id: z.string().min(1),
  /** 中文名 shown to users. */
  name: z.string().min(1),
  /** Where the constants come from (rules.md section, vendor file id). */
  basis: z.string(),
  /** 分值 of the 年度资金总额 row: 10 nationally, 20 in Hubei and Hebei. */
  executionWeight: z.number().positive(),
  execution: ExecutionScoring,
  /**
   * 全年预算数 = 0: 'zero' scores 0 and expects a printed 0% (vendor default, seeds);
   * 'full-if-spent' treats spending against a zero budget as 100% (Zhejiang).
   */
  zeroBudget: z.enum(['zero', 'full-if-spent']),
  /** Level-1 weight groups (I4); null when the jurisdiction fixes none. */
  level1Weights: z.array(Level1Weight).nullable(),
  /** 总分 分值 (T1). */
  totalWeight: z.number().positive(),
  /** Qualitative band edges as shares of the weight: achieved ≥ achieved, partial ≥ partial. */
  qualitativeBands: z.object({ achieved: z.number().gt(0).max(1), partial: z.number().min(0).max(1) }),
  /** Grade bands, highest first: a total ≥ min earns the grade (rules.md §2.5). */
  grades: z.array(z.object({ grade: Grade, min: z.number() })).min(1),
  /** Actual ≥ this × target counts as 超计划较大 (I11; Guangxi 1.3). */
  overAchievementRatio: z.number().gt(1),
  /** Execution ratio below this is low (F8; 60%). */
  lowExecutionRatio: z.number().min(0).max(1),
  /** Indicator scores ≥ this share of their weights count as full marks (F8, G3). */
  fullMarksShare: z.number().min(0).max(1),
  /** |全年预算数 − 年初预算数| / 年初预算数 above this is a large mid-year change (F7). */
  budgetChangeShare: z.number().min(0),
  /** Identical deviation text on at least this many rows is boilerplate (I19). */
  repeatedDeviationRows: z.number().int().min(2),
  tolerance: z.object({
    /** Printed 执行率 vs exact, in percentage points: covers half-up and ceiling display. */
    rate: z.number().min(0),
    /** Printed execution score vs round_half_up(min(r,1) × W, 2). */
    score: z.number().min(0),
    /** 总分 vs funds score + Σ indicator scores. */
    total: z.number().min(0),
    /** Indicator score vs its suggestion (I8, I10, I12). */
    indicator: z.number().min(0),
    /** Amounts (F6), in the form's unit. */
    amount: z.number().min(0),
  }),
});
export type Profile = z.infer<typeof Profile>;

const national: Profile = Profile.parse({
  id: 'national',
  name: '全国（财预〔2020〕10号）',
  basis: 'rules.md §2.3–§2.5, §7',
  executionWeight: 10,
  execution: { mode: 'linear' },
  zeroBudget: 'zero',
  level1Weights: [
    // 成本指标 as its own level-1 (101号 layout) was part of 产出 in the 2020 template
    { sections: ['产出指标', '成本指标'], weight: 50 },
    { sections: ['效益指标'], weight: 30 },
    { sections: ['满意度指标'], weight: 10 },
  ],
  totalWeight: 100,
  qualitativeBands: { achieved: 0.8, partial: 0.6 },
  grades: [
    { grade: '优', min: 90 },
    { grade: '良', min: 80 },
    { grade: '中', min: 60 },
    { grade: '差', min: 0 },
  ],
  overAchievementRatio: 1.3,
  lowExecutionRatio: 0.6,
  fullMarksShare: 0.95,
  budgetChangeShare: 0.5,
  repeatedDeviationRows: 3,
  tolerance: { rate: 0.01, score: 0.005, total: 0.01, indicator: 0.01, amount: 0.005 },
});

/** A profile derived from another, validated. */
export function defineProfile(base: Profile, overrides: Partial<Profile> & { id: string; name: string }): Profile {
  return Profile.parse({ ...base, ...overrides });
}

/** Hubei: execution weight 20, rate × 20 capped at 20 (rules.md §2.4.1, vendor 54940166209). */
const hubei = defineProfile(national, {
  id: 'hubei',
  name: '湖北',
  basis: 'rules.md §2.4.1, §4 (vendor 54940166209)',
  executionWeight: 20,
  // level-1 weights for the remaining 80 points are not documented
  level1Weights: null,
});

/** Hebei: execution 20, 产出 40, 效益 + 满意度 40; qualitative bands 100–80 / 80–50 / 50–0. */
const hebei = defineProfile(national, {
  id: 'hebei',
  name: '河北',
  basis: 'rules.md §2.3, §4 (vendor 54572025564)',
  executionWeight: 20,
  level1Weights: [
    { sections: ['产出指标', '成本指标'], weight: 40 },
    { sections: ['效益指标', '满意度指标'], weight: 40 },
  ],
  qualitativeBands: { achieved: 0.8, partial: 0.5 },
});

/** Jiangxi: banded execution score 100% → 10, 80–<100 → 7, 60–<80 → 5, <60 → 0. */
const jiangxi = defineProfile(national, {
  id: 'jiangxi',
  name: '江西',
  basis: 'rules.md §2.4.1, §4 (vendor 54940166209)',
  execution: {
    mode: 'banded',
    bands: [
      { minRatio: 1, share: 1 },
      { minRatio: 0.8, share: 0.7 },
      { minRatio: 0.6, share: 0.5 },
      { minRatio: 0, share: 0 },
    ],
  },
});

/** Zhejiang: spending against a zero budget counts as 100% (the 执行回溯 numerator is not modelled). */
const zhejiang = defineProfile(national, {
  id: 'zhejiang',
  name: '浙江',
  basis: 'rules.md §2.4.1, §4 (vendor 54940166209)',
  zeroBudget: 'full-if-spent',
});

export const profiles = { national, hubei, hebei, jiangxi, zhejiang } as const satisfies Record<string, Profile>;
export type ProfileId = keyof typeof profiles;

/** The profile for an id, or the national default. */
export function profileFor(id: string | null | undefined): Profile {
  return (id && (profiles as Record<string, Profile>)[id]) || profiles.national;
}
