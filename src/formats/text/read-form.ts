/**
 * One form's lines → Form. Blocks are found by their printed labels (项目名称, 年度资金总额,
 * 预期目标, 一级指标, 总分 …), never by line numbers, so missing or reordered blocks only cost
 * their own fields.
 */
import { addLine, emptyProvenance, type Diagnostic, type FormProvenance, type IndicatorProvenance } from '../../model/diagnostic.js';
import { emptyForm, type Form, type FundRow } from '../../model/form.js';
import { near } from '../../model/money.js';
import type { Level1 } from '../../model/taxonomy.js';
import { profiles, type Profile } from '../../scoring/profile.js';
import { isGoalLabelFragment, parseAmount, parsePercent, squash, textOrNull, unwrapText } from './cells.js';
import { DEFAULT_COLUMNS, headerColumns, readIndicators, type IndicatorColumns } from './indicators.js';
import type { Line } from './lines.js';
import { classify, classifyLabel } from './line-kind.js';

export interface ParsedForm extends Form {
  /** What was repaired or could not be read in this form. */
  diagnostics: Diagnostic[];
  /** Source line(s) of every value. */
  provenance: FormProvenance;
  /** 0–1: how far the form's own arithmetic confirms the reading. */
  confidence: number;
  /** The form's arithmetic as read: each identity, 'ok', 'mismatch' or 'n/a'. */
  arithmetic: { weights: Check; scores: Check; rate: Check; sections: Check };
  source?: { file?: string; index: number; firstLine: number; lastLine: number };
}
type Check = 'ok' | 'mismatch' | 'n/a';

export interface ReadOptions {
  sectionWeights: Partial<Record<Level1, number>>;
  /** Weight of the 年度资金总额 row in the total (10 nationally). */
  fundsWeight: number;
}
/** The parser's expectations from a jurisdiction profile (the constants live there only). */
export function readOptionsFor(profile: Profile): ReadOptions {
  const sectionWeights: Partial<Record<Level1, number>> = {};
  // a group such as 产出 + 成本 (101号 layout) is expected under its first section
  for (const g of profile.level1Weights ?? []) sectionWeights[g.sections[0]] = g.weight;
  return { sectionWeights, fundsWeight: profile.executionWeight };
}
export const DEFAULT_READ_OPTIONS: ReadOptions = readOptionsFor(profiles.national);

const YEAR = /((?:19|20)\d{2})\s*年\s*度?/;

type State = 'head' | 'funds' | 'goals' | 'indicators' | 'total';

const FUND_ROW = { fundsTotal: 'total', fundsFiscal: 'fiscal', fundsCarryover: 'carryover', fundsOther: 'other' } as const;
const FUND_KEYS = ['initialBudget', 'annualBudget', 'executed', 'weight', 'rate', 'score'] as const;

export function readForm(lines: Line[], opts: ReadOptions = DEFAULT_READ_OPTIONS): ParsedForm {
  const form = emptyForm();
  const diagnostics: Diagnostic[] = [];
  const prov = emptyProvenance();
  let state: State = 'head';
  let fundCols: number[] | null = null;
  let goalCols: { expected: number; actual: number } | null = null;
  const goalLabel: string[] = [];
  const goalText = { expected: [] as string[], actual: [] as string[] };
  let indCols: IndicatorColumns = DEFAULT_COLUMNS;
  let sawIndHeader = false;
  const indLines: Line[] = [];
  const totals: number[] = [];
  let totalLines: number[] = [];
  const seen = new Set<string>();
  const note = (d: Diagnostic) => diagnostics.push(d);

  for (const line of lines) {
    if (line.html) note({ code: 'html-stripped', level: 'info', line: line.no, message: `第 ${line.no} 行去除了 HTML 标签` });
    const cells = line.cells;
    const classified = classify(line);
    const kind = classified.kind;

    if (kind === 'title' || kind === 'year') {
      const m = YEAR.exec(cells.join(' '));
      if (m && form.year === null) { form.year = Number(m[1]); prov.year = line.no; }
      continue;
    }
    if (kind === 'name') {
      const sq = classified.sq;
      const i = sq.findIndex((s) => s.startsWith('项目名称'));
      const v = valueAfter(cells, i, []);
      if (v) { form.projectName = fixWrap(v.text, line, note); prov.projectName = line.no; }
      seen.add('name');
      continue;
    }
    if (kind === 'org') {
      const sq = classified.sq;
      const di = sq.findIndex((s) => s.startsWith('主管部门')), ui = sq.findIndex((s) => s.startsWith('实施单位'));
      const stops = [di, ui].filter((x) => x >= 0);
      if (di >= 0) { const v = valueAfter(cells, di, stops); if (v) { form.department = fixWrap(v.text, line, note); prov.department = line.no; } }
      if (ui >= 0) { const v = valueAfter(cells, ui, stops); if (v) { form.implementingUnit = fixWrap(v.text, line, note); prov.implementingUnit = line.no; } }
      seen.add('org');
      continue;
    }
    if (kind === 'fundsHeader') {
      const sq = classified.sq;
      fundCols = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].map((h) => sq.indexOf(h));
      state = 'funds';
      seen.add('funds');
      continue;
    }
    if (kind === 'fundsTotal' || kind === 'fundsFiscal' || kind === 'fundsCarryover' || kind === 'fundsOther') {
      const sq = classified.sq;
      const key = FUND_ROW[kind];
      const at = sq.findIndex((s) => classifyLabel(s) === kind);
      const values = readFundValues(cells, at, fundCols, key === 'total' ? 6 : 3);
      const row = form.funds[key] as FundRow & Record<string, number | null>;
      FUND_KEYS.slice(0, key === 'total' ? 6 : 3).forEach((k, n) => {
        const v = values[n];
        row[k] = v;
      });
      prov.funds[key] = line.no;
      if (values.offset) note({ code: 'column-shift', level: 'info', line: line.no, message: `资金表第 ${line.no} 行错位 ${values.offset} 列，已按表头对齐` });
      state = 'funds';
      seen.add('funds');
      continue;
    }
    if (kind === 'goalsHeader' && state !== 'indicators') {
      const sq = classified.sq;
      const ge = sq.indexOf('预期目标'), ga = sq.findIndex((s) => s.startsWith('实际完成'));
      goalCols = { expected: ge >= 0 ? ge : 1, actual: ga >= 0 ? ga : Math.max(ge + 1, 4) };
      if (cells[0] && isGoalLabelFragment(cells[0])) goalLabel.push(squash(cells[0]));
      state = 'goals';
      seen.add('goals');
      continue;
    }
    if (kind === 'indicatorsHeader') {
      indCols = headerColumns(line);
      sawIndHeader = true;
      state = 'indicators';
      seen.add('indicators');
      continue;
    }
    if (kind === 'total') {
      const sq = classified.sq;
      const firstIdx = sq.findIndex((s) => s !== '');
      for (const c of cells.slice(firstIdx + 1)) { const v = parseAmount(c); if (v !== null) totals.push(v); }
      totalLines.push(line.no);
      state = 'total';
      seen.add('total');
      continue;
    }

    // A goals block printed without its 预期目标/实际完成情况 header: the label cell starts it.
    if ((state === 'head' || state === 'funds') && cells[0] && isGoalLabelFragment(cells[0]) && squash(cells[0]).includes('目标')) {
      state = 'goals';
      seen.add('goals');
    }
    if (state === 'goals') {
      readGoalLine(cells, goalCols, goalLabel, goalText, line, prov);
      continue;
    }
    if (state === 'indicators') {
      indLines.push(line);
      continue;
    }
    if (state === 'total' && totals.length < 2) {
      const nums = cells.filter((c) => c).map(parseAmount);
      if (nums.length > 0 && nums.every((x) => x !== null)) {
        totals.push(...(nums as number[]));
        totalLines.push(line.no);
        note({ code: line.markdown ? 'markdown-table' : 'total-row-split', level: 'info', line: line.no, message: line.markdown ? `总分行以 Markdown 表格形式输出（第 ${line.no} 行）(total row printed as a markdown table)` : `总分行被拆成多行（第 ${line.no} 行）(total row split over lines)` });
        continue;
      }
    }
    note({ code: 'unread-line', level: 'warning', line: line.no, message: `第 ${line.no} 行无法识别，已跳过` });
  }

  // Goals: a vertical label printed as 年度/目标 can leak its middle line 总体 into the text.
  const label = goalLabel.join('');
  let expected = goalText.expected.join('');
  if (label && label.includes('年度') && label.includes('目标') && !label.includes('总体') && /总体(?=[，,；;。、])/.test(expected)) {
    expected = expected.replace(/总体(?=[，,；;。、])/, '');
    note({ code: 'label-fragment-removed', level: 'info', path: 'goals.expected', message: '预期目标中混入了“年度总体目标”标签的“总体”，已删除' });
  }
  form.goals.expected = textOrNull(expected);
  form.goals.actual = textOrNull(goalText.actual.join(''));

  let indProv: IndicatorProvenance[] = [];
  if (indLines.length || sawIndHeader) {
    const r = readIndicators(indLines, indCols, { sectionWeights: opts.sectionWeights });
    form.indicators = r.indicators;
    indProv = r.provenance;
    diagnostics.push(...r.diagnostics);
  }
  if (totals.length >= 2) { form.totalWeight = totals[totals.length - 2]; form.totalScore = totals[totals.length - 1]; }
  else if (totals.length === 1) form.totalWeight = totals[0];
  if (form.totalWeight !== null) prov.totalWeight = totalLines.length === 1 ? totalLines[0] : totalLines;
  if (form.totalScore !== null) prov.totalScore = totalLines.length === 1 ? totalLines[0] : totalLines;
  prov.indicators = indProv;

  for (const [block, name] of [['name', '项目名称'], ['funds', '项目资金'], ['goals', '年度总体目标'], ['indicators', '绩效指标'], ['total', '总分']] as const)
    if (!seen.has(block)) note({ code: 'missing-block', level: 'error', path: block, message: `缺少“${name}”部分` });

  const arithmetic = checkArithmetic(form, opts);
  for (const [k, v] of Object.entries(arithmetic))
    if (v === 'mismatch') note({ code: 'arithmetic-mismatch', level: 'warning', path: k, message: ARITH_MSG[k as keyof typeof ARITH_MSG] });
  const checks = Object.values(arithmetic).filter((v) => v !== 'n/a');
  const ok = checks.filter((v) => v === 'ok').length;
  const missing = diagnostics.filter((d) => d.level === 'error').length;
  const confidence = Math.max(0, Math.min(1, (checks.length ? ok / checks.length : 0.5) - 0.15 * missing));
  const first = lines[0]?.no ?? 0, last = lines[lines.length - 1]?.no ?? 0;
  // extend the form object in place: one shape for every form, no copy
  const out = form as ParsedForm;
  out.diagnostics = diagnostics;
  out.provenance = prov;
  out.confidence = Math.round(confidence * 100) / 100;
  out.arithmetic = arithmetic;
  out.source = { index: 0, firstLine: first, lastLine: last };
  return out;
}

const ARITH_MSG = {
  weights: '分值合计与总分分值不符（按印刷值读取）',
  scores: '得分合计与总分得分不符（按印刷值读取）',
  rate: '执行率与执行数/预算数不符（按印刷值读取）',
  sections: '一级指标分值不是常见的 50/30/10',
};

function checkArithmetic(form: Form, opts: ReadOptions): ParsedForm['arithmetic'] {
  const inds = form.indicators;
  const f = form.funds.total;
  // one pass, sums in 1/10,000 so two-decimal scores add exactly
  let w = Math.round((f.weight ?? opts.fundsWeight) * 1e4), sc = Math.round((f.score ?? 0) * 1e4);
  const by = new Map<string, number>();
  for (const i of inds) {
    w += Math.round((i.weight ?? 0) * 1e4);
    sc += Math.round((i.score ?? 0) * 1e4);
    if (i.level1) by.set(i.level1, (by.get(i.level1) ?? 0) + (i.weight ?? 0));
  }
  const weights: Check = form.totalWeight === null || inds.length === 0 ? 'n/a' : near(w / 1e4, form.totalWeight, 0.001) ? 'ok' : 'mismatch';
  const scores: Check = form.totalScore === null || inds.length === 0 || f.score === null ? 'n/a' : near(sc / 1e4, form.totalScore, 0.011) ? 'ok' : 'mismatch';
  const rate: Check = f.rate === null || f.executed === null || !f.annualBudget ? 'n/a'
    : near((f.executed / f.annualBudget) * 100, f.rate, 0.011) ? 'ok' : 'mismatch';
  let sections: Check = 'n/a';
  if (inds.length) {
    sections = 'ok';
    for (const k in opts.sectionWeights) if (!near(by.get(k) ?? 0, opts.sectionWeights[k as Level1]!, 0.001)) sections = 'mismatch';
  }
  return { weights, scores, rate, sections };
}

/** The first non-empty cell after a label, before the next label (or the rest of "标签：值"). */
function valueAfter(cells: string[], at: number, stops: number[]): { text: string; index: number } | null {
  const own = cells[at]?.match(/^[^：:]{2,8}[：:]\s*(.+)$/);
  if (own) return { text: own[1], index: at };
  const stop = Math.min(...stops.filter((s) => s > at), cells.length);
  for (let j = at + 1; j < stop; j++) if (cells[j]) return { text: cells[j], index: j };
  return null;
}

function fixWrap(text: string, line: Line, note: (d: Diagnostic) => void): string {
  const r = unwrapText(text);
  if (r.length !== text.trim().length) note({ code: 'cell-wrap-joined', level: 'info', line: line.no, message: `第 ${line.no} 行单元格折行产生的空格已删除：“${r.slice(0, 20)}”` });
  return r;
}

/**
 * Funds values read at the header's columns; a row shifted against its header (the whole block
 * moved one or two columns in the export) is re-aligned by where its numbers are.
 */
function readFundValues(cells: string[], labelAt: number, cols: number[] | null, count: number): (number | null)[] & { offset?: number } {
  // Each cell read once, as an amount or (for the 执行率 column) a percent.
  const amounts = cells.map((c) => (c === '' ? null : parseAmount(c)));
  const value = (k: number, j: number) => (k === 4 ? (cells[j] ? parsePercent(cells[j]) : null) : (amounts[j] ?? null));
  const vals = [] as (number | null)[] & { offset?: number };
  if (!cols || cols[0] < 0 || cols[1] < 0 || cols[2] < 0) {
    for (let k = 0; k < count; k++) vals.push(value(k, labelAt + 1 + k));
    return vals;
  }
  let best = -Infinity, shift = 0;
  for (let s = -2; s <= 2; s++) {
    let score = -Math.abs(s) * 0.5;
    let covered = 0;
    for (let k = 0; k < 6; k++) {
      if (cols[k] < 0) continue;
      const j = cols[k] + s;
      if (j <= labelAt) { score -= 2; continue; }
      const c = cells[j];
      if (!c) continue;
      covered++;
      if (value(k, j) !== null || c === '—' || c === '-' || c === '/') score += 1;
      else score -= 1;
    }
    let filled = 0;
    for (let j = labelAt + 1; j < cells.length; j++) if (cells[j]) filled++;
    score -= filled - covered;
    if (score > best) { best = score; shift = s; }
  }
  for (let k = 0; k < count; k++) vals.push(cols[k] < 0 ? null : value(k, cols[k] + shift));
  if (shift) vals.offset = shift;
  return vals;
}

function readGoalLine(
  cells: string[], cols: { expected: number; actual: number } | null, label: string[],
  text: { expected: string[]; actual: string[] }, line: Line, prov: FormProvenance,
): void {
  const pieces: { index: number; text: string }[] = [];
  cells.forEach((c, index) => {
    if (!c) return;
    if (index === 0 && isGoalLabelFragment(c)) { label.push(squash(c)); return; }
    pieces.push({ index, text: c });
  });
  pieces.forEach((p, n) => {
    let field: 'expected' | 'actual' = cols ? (p.index >= cols.actual ? 'actual' : 'expected') : n === 0 ? 'expected' : 'actual';
    if (n > 0 && field === 'expected' && pieces[n - 1] && pieces.length === 2) field = 'actual';
    text[field].push(unwrapText(p.text));
    prov.goals[field] = addLine(prov.goals[field], line.no);
  });
}
