/**
 * Open-data records: one flat record per form and one per indicator, printed values beside the
 * recomputed ones (scoreForm) and the finding codes (runChecks). The CSV and JSON Lines writers and
 * docs/data-dictionary.md all follow the column lists below.
 */
import { runChecks } from '../../checks/run-checks.js';
import type { Finding } from '../../checks/finding.js';
import type { Form } from '../../model/form.js';
import { roundHalfUp } from '../../model/money.js';
import { scoreForm, type ScoreReport } from '../../scoring/index.js';
import { profileFor, type Profile } from '../../scoring/profile.js';
import { unitOf } from '../layout.js';

export type Value = string | number | boolean | null;
export type ColumnType = 'string' | 'number' | 'integer' | 'boolean';

export interface Column {
  name: string;
  type: ColumnType;
  /** One line for the data dictionary (zh / en). */
  doc: string;
}

export const FORM_COLUMNS: Column[] = [
  { name: 'form_no', type: 'integer', doc: '导出中的序号（从 1 起） / position in this export, from 1' },
  { name: 'form_key', type: 'string', doc: '表单键：表单自带的 id，否则为内容哈希（16 位十六进制），同一内容同一键 / the form id, else a content hash' },
  { name: 'source', type: 'string', doc: '来源文件（若已知） / source file, when known' },
  { name: 'profile', type: 'string', doc: '评分口径（national、hubei…） / scoring profile used for the recomputed columns' },
  { name: 'year', type: 'integer', doc: '年度 / year' },
  { name: 'project_name', type: 'string', doc: '项目名称 / project name' },
  { name: 'department', type: 'string', doc: '主管部门 / supervising department' },
  { name: 'implementing_unit', type: 'string', doc: '实施单位 / implementing unit' },
  { name: 'amount_unit', type: 'string', doc: '金额单位（元 或 万元），金额按表上原值，未换算 / unit of all amounts as printed, never converted' },
  { name: 'total_initial_budget', type: 'number', doc: '年度资金总额·年初预算数 / total, initial budget' },
  { name: 'total_annual_budget', type: 'number', doc: '年度资金总额·全年预算数 / total, full-year budget' },
  { name: 'total_executed', type: 'number', doc: '年度资金总额·全年执行数 / total, executed' },
  { name: 'fiscal_initial_budget', type: 'number', doc: '其中：当年财政拨款·年初预算数 / current-year appropriation, initial budget' },
  { name: 'fiscal_annual_budget', type: 'number', doc: '当年财政拨款·全年预算数 / appropriation, full-year budget' },
  { name: 'fiscal_executed', type: 'number', doc: '当年财政拨款·全年执行数 / appropriation, executed' },
  { name: 'carryover_initial_budget', type: 'number', doc: '上年结转资金·年初预算数 / carry-over, initial budget' },
  { name: 'carryover_annual_budget', type: 'number', doc: '上年结转资金·全年预算数 / carry-over, full-year budget' },
  { name: 'carryover_executed', type: 'number', doc: '上年结转资金·全年执行数 / carry-over, executed' },
  { name: 'other_initial_budget', type: 'number', doc: '其他资金·年初预算数 / other funds, initial budget' },
  { name: 'other_annual_budget', type: 'number', doc: '其他资金·全年预算数 / other funds, full-year budget' },
  { name: 'other_executed', type: 'number', doc: '其他资金·全年执行数 / other funds, executed' },
  { name: 'funds_weight_printed', type: 'number', doc: '预算执行率分值（表上） / printed weight of the execution row' },
  { name: 'funds_weight_expected', type: 'number', doc: '口径规定的执行率分值（全国 10） / the profile’s execution weight' },
  { name: 'rate_printed', type: 'number', doc: '执行率（表上，百分数：99.76 即 99.76%） / printed execution rate, percent' },
  { name: 'rate_recomputed', type: 'number', doc: '执行率重算 = 全年执行数 / 全年预算数 × 100，保留 6 位 / recomputed rate, percent' },
  { name: 'rate_display', type: 'number', doc: '按口径取舍后应打印的执行率 / the recomputed rate as the form should print it' },
  { name: 'funds_score_printed', type: 'number', doc: '执行率得分（表上） / printed execution score' },
  { name: 'funds_score_recomputed', type: 'number', doc: '执行率得分重算 / recomputed execution score' },
  { name: 'indicator_count', type: 'integer', doc: '三级指标行数 / number of indicator rows' },
  { name: 'indicator_weight_sum', type: 'number', doc: '指标分值合计（表上各行之和） / sum of printed indicator weights' },
  { name: 'indicator_score_sum', type: 'number', doc: '指标得分合计（表上各行之和；有空缺时为空） / sum of printed indicator scores' },
  { name: 'total_weight_printed', type: 'number', doc: '总分·分值（表上） / printed total weight' },
  { name: 'total_weight_recomputed', type: 'number', doc: '执行率分值 + 指标分值合计 / funds weight + Σ indicator weights' },
  { name: 'total_score_printed', type: 'number', doc: '总分·得分（表上） / printed total score' },
  { name: 'total_score_recomputed', type: 'number', doc: '表上执行率得分 + 表上指标得分合计 / printed funds score + Σ printed indicator scores' },
  { name: 'total_score_suggested', type: 'number', doc: '按评分规则建议的总分 / total the scoring rules suggest' },
  { name: 'grade_printed', type: 'string', doc: '按表上总分的等级（优/良/中/差） / grade of the printed total' },
  { name: 'grade_recomputed', type: 'string', doc: '按重算总分的等级 / grade of the recomputed total' },
  { name: 'grade_suggested', type: 'string', doc: '按建议总分的等级 / grade of the suggested total' },
  { name: 'finding_codes', type: 'string', doc: '校验发现的规则代码，去重后以 ; 连接（如 F3;I13） / rule codes of the findings, unique, joined by ;' },
  { name: 'error_count', type: 'integer', doc: '错误级发现数 / number of error findings' },
  { name: 'warning_count', type: 'integer', doc: '警告级发现数 / number of warning findings' },
  { name: 'info_count', type: 'integer', doc: '提示级发现数 / number of info findings' },
  { name: 'goals_expected', type: 'string', doc: '年度总体目标·预期目标 / expected goals' },
  { name: 'goals_actual', type: 'string', doc: '年度总体目标·实际完成情况 / what was achieved' },
];

export const INDICATOR_COLUMNS: Column[] = [
  { name: 'form_no', type: 'integer', doc: '所属表单在导出中的序号，对应表单文件的 form_no / the form’s form_no' },
  { name: 'form_key', type: 'string', doc: '所属表单的 form_key / the form’s form_key' },
  { name: 'year', type: 'integer', doc: '年度 / year' },
  { name: 'project_name', type: 'string', doc: '项目名称 / project name' },
  { name: 'row_no', type: 'integer', doc: '指标在表中的行序（从 1 起） / row position in the form, from 1' },
  { name: 'level1', type: 'string', doc: '一级指标 / level-1 indicator' },
  { name: 'level2', type: 'string', doc: '二级指标 / level-2 indicator' },
  { name: 'level3', type: 'string', doc: '三级指标（指标名称） / level-3 indicator (name)' },
  { name: 'target', type: 'string', doc: '年度指标值（原文） / target as printed' },
  { name: 'actual', type: 'string', doc: '实际完成值（原文） / actual as printed' },
  { name: 'weight', type: 'number', doc: '分值 / weight' },
  { name: 'score_printed', type: 'number', doc: '得分（表上） / printed score' },
  { name: 'score_suggested', type: 'number', doc: '评分规则给出的得分（规则只给区间时为空） / score the rules give; empty when they give a range' },
  { name: 'score_min', type: 'number', doc: '规则接受的得分下限 / lowest accepted score' },
  { name: 'score_max', type: 'number', doc: '规则接受的得分上限 / highest accepted score' },
  { name: 'score_ok', type: 'boolean', doc: '表上得分在接受区间内（无法判断时为空） / printed score within the accepted range' },
  { name: 'suggestion_kind', type: 'string', doc: '评分依据类别（定量/定性等，取自评分模块） / kind of rule applied' },
  { name: 'finding_codes', type: 'string', doc: '本行的校验发现代码，以 ; 连接 / finding codes for this row, joined by ;' },
  { name: 'deviation', type: 'string', doc: '偏差原因分析及改进措施 / deviation analysis and remedies' },
];

export type FormRecord = Record<string, Value>;

export interface RecordOptions {
  /** Scoring profile (id or object); national by default. */
  profile?: Profile | string;
}

/** 64-bit FNV-1a of a string, as 16 hex digits: a stable content key without node:crypto. */
export function contentHash(s: string): string {
  let h = 0xcbf29ce484222325n;
  const p = 0x100000001b3n;
  for (const b of new TextEncoder().encode(s)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * p);
  return h.toString(16).padStart(16, '0');
}

const r6 = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? null : roundHalfUp(x, 6));

function keyOf(form: Form): string {
  const id = (form as Record<string, unknown>).id;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  const { year, projectName, department, implementingUnit, funds, goals, indicators, totalWeight, totalScore } = form;
  return contentHash(JSON.stringify({ year, projectName, department, implementingUnit, funds, goals, indicators, totalWeight, totalScore }));
}

function sourceOf(form: Form): string | null {
  const f = form as Record<string, unknown>;
  for (const k of ['source', 'file', 'sheet']) if (typeof f[k] === 'string' && f[k]) return f[k] as string;
  // a parsed form carries { file, index, … }
  const src = f.source as { file?: unknown } | undefined;
  return src && typeof src.file === 'string' ? src.file : null;
}

const codes = (fs: Finding[]) => [...new Set(fs.map((f) => f.code))].join(';') || null;

/** The form record and its indicator records, in column order. */
export function formRecords(form: Form, formNo: number, opts: RecordOptions = {}): { form: FormRecord; indicators: FormRecord[] } {
  const profile = typeof opts.profile === 'string' ? profileFor(opts.profile) : (opts.profile ?? profileFor(null));
  const report: ScoreReport = scoreForm(form, profile);
  const findings = runChecks(form, { profile, report });
  const key = keyOf(form);
  const t = form.funds.total;
  const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
  const rec: FormRecord = {
    form_no: formNo,
    form_key: key,
    source: sourceOf(form),
    profile: report.profile,
    year: form.year,
    project_name: form.projectName,
    department: form.department,
    implementing_unit: form.implementingUnit,
    amount_unit: unitOf(form),
    total_initial_budget: t.initialBudget,
    total_annual_budget: t.annualBudget,
    total_executed: t.executed,
    fiscal_initial_budget: form.funds.fiscal.initialBudget,
    fiscal_annual_budget: form.funds.fiscal.annualBudget,
    fiscal_executed: form.funds.fiscal.executed,
    carryover_initial_budget: form.funds.carryover.initialBudget,
    carryover_annual_budget: form.funds.carryover.annualBudget,
    carryover_executed: form.funds.carryover.executed,
    other_initial_budget: form.funds.other.initialBudget,
    other_annual_budget: form.funds.other.annualBudget,
    other_executed: form.funds.other.executed,
    funds_weight_printed: t.weight,
    funds_weight_expected: report.funds.weight.recomputed,
    rate_printed: t.rate,
    rate_recomputed: r6(report.funds.rate.recomputed),
    rate_display: r6(report.funds.rate.display),
    funds_score_printed: t.score,
    funds_score_recomputed: r6(report.funds.score.recomputed),
    indicator_count: form.indicators.length,
    indicator_weight_sum: r6(report.indicatorWeights.printed),
    indicator_score_sum: r6(report.indicatorSum.printed),
    total_weight_printed: form.totalWeight,
    total_weight_recomputed: r6(report.totalWeight.recomputed),
    total_score_printed: form.totalScore,
    total_score_recomputed: r6(report.total.recomputed),
    total_score_suggested: r6(report.total.suggested),
    grade_printed: report.grade.printed,
    grade_recomputed: report.grade.recomputed,
    grade_suggested: report.grade.suggested,
    finding_codes: codes(findings),
    error_count: count('error'),
    warning_count: count('warning'),
    info_count: count('info'),
    goals_expected: form.goals.expected,
    goals_actual: form.goals.actual,
  };
  const indicators = form.indicators.map((ind, i): FormRecord => {
    const r = report.indicators[i];
    return {
      form_no: formNo,
      form_key: key,
      year: form.year,
      project_name: form.projectName,
      row_no: i + 1,
      level1: ind.level1,
      level2: ind.level2,
      level3: ind.level3,
      target: ind.target,
      actual: ind.actual,
      weight: ind.weight,
      score_printed: ind.score,
      score_suggested: r6(r.suggestion.suggested),
      score_min: r6(r.suggestion.min),
      score_max: r6(r.suggestion.max),
      score_ok: r.ok,
      suggestion_kind: r.suggestion.kind,
      finding_codes: codes(findings.filter((f) => f.indicatorIndex === i)),
      deviation: ind.deviation,
    };
  });
  return { form: rec, indicators };
}

/** Records for many forms (form_no counts from 1). */
export function allRecords(forms: Form[], opts: RecordOptions = {}): { forms: FormRecord[]; indicators: FormRecord[] } {
  const out = { forms: [] as FormRecord[], indicators: [] as FormRecord[] };
  forms.forEach((f, i) => {
    const r = formRecords(f, i + 1, opts);
    out.forms.push(r.form);
    out.indicators.push(...r.indicators);
  });
  return out;
}
