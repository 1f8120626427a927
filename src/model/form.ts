import { z } from 'zod';

/**
 * Text as printed on the form. U+0000 is refused: no form prints it, and PostgreSQL's text cannot
 * store it (an import or save would fail there and pass on SQLite).
 */
export const Text = z.string().refine((s) => !s.includes('\u0000'), { message: '文本含有空字符（U+0000）' }).nullable();

/** A money amount as printed on the form, in the form's unit (元 in the samples). */
export const Amount = z.number().nullable();

export const FundRow = z.object({
  initialBudget: Amount,
  annualBudget: Amount,
  executed: Amount,
});
export type FundRow = z.infer<typeof FundRow>;

export const FundTotal = FundRow.extend({
  weight: z.number().nullable(),
  /** 执行率 as a percent number: 99.76 for "99.76%". */
  rate: z.number().nullable(),
  score: z.number().nullable(),
});
export type FundTotal = z.infer<typeof FundTotal>;

export const Funds = z.object({
  total: FundTotal,
  fiscal: FundRow,
  carryover: FundRow,
  other: FundRow,
});
export type Funds = z.infer<typeof Funds>;

export const Goals = z.object({
  expected: Text,
  actual: Text,
});
export type Goals = z.infer<typeof Goals>;

export const Indicator = z.object({
  level1: Text,
  level2: Text,
  level3: Text,
  /** 年度指标值 as printed text. */
  target: Text,
  /** 实际完成值 as printed text. */
  actual: Text,
  weight: z.number().nullable(),
  score: z.number().nullable(),
  /** 偏差原因分析及改进措施 */
  deviation: Text,
});
export type Indicator = z.infer<typeof Indicator>;

/**
 * One 财政项目支出绩效自评表 in the interchange format (../shared/spec/interchange.md).
 * The values are what the form printed; recomputed values and findings live elsewhere.
 * Extra fields (ids, provenance, diagnostics) are allowed and ignored by the schema.
 */
export const Form = z.looseObject({
  year: z.number().int().nullable(),
  projectName: Text,
  department: Text,
  implementingUnit: Text,
  funds: Funds,
  goals: Goals,
  indicators: z.array(Indicator),
  totalWeight: z.number().nullable(),
  totalScore: z.number().nullable(),
});
export type Form = z.infer<typeof Form>;

/** The interchange fields only, in their documented order (drops extras such as provenance). */
export function toInterchange(form: Form): Form {
  return {
    year: form.year,
    projectName: form.projectName,
    department: form.department,
    implementingUnit: form.implementingUnit,
    funds: {
      total: { ...form.funds.total },
      fiscal: { ...form.funds.fiscal },
      carryover: { ...form.funds.carryover },
      other: { ...form.funds.other },
    },
    goals: { ...form.goals },
    indicators: form.indicators.map((i) => ({ ...i })),
    totalWeight: form.totalWeight,
    totalScore: form.totalScore,
  };
}

export const emptyFundRow = (): FundRow => ({ initialBudget: null, annualBudget: null, executed: null });

export function emptyForm(): Form {
  return {
    year: null,
    projectName: null,
    department: null,
    implementingUnit: null,
    funds: {
      total: { initialBudget: null, annualBudget: null, executed: null, weight: null, rate: null, score: null },
      fiscal: emptyFundRow(),
      carryover: emptyFundRow(),
      other: emptyFundRow(),
    },
    goals: { expected: null, actual: null },
    indicators: [],
    totalWeight: null,
    totalScore: null,
  };
}

export const emptyIndicator = (): Indicator => ({
  level1: null,
  level2: null,
  level3: null,
  target: null,
  actual: null,
  weight: null,
  score: null,
  deviation: null,
});
