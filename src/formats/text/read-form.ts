/**
 * One form's lines → Form. Blocks are found by their printed labels (项目名称, 年度资金总额,
 * 预期目标, 一级指标, 总分 …), never by line numbers, so missing or reordered blocks only cost
 * their own fields.
 */
import type { Diagnostic, Provenance } from '../../model/diagnostic.js';
import { emptyForm, type Form, type FundRow } from '../../model/form.js';
import { near, sumExact } from '../../model/money.js';
import type { Level1 } from '../../model/taxonomy.js';
import { isGoalLabelFragment, parseAmount, parsePercent, squash, textOrNull, unwrapText } from './cells.js';
import { DEFAULT_COLUMNS, headerColumns, readIndicators, type IndicatorColumns } from './indicators.js';
import type { Line } from './lines.js';

export interface ParsedForm extends Form {
  /** What was repaired or could not be read in this form. */
  diagnostics: Diagnostic[];
  /** Field path → source line(s). */
  provenance: Provenance;
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
export const DEFAULT_READ_OPTIONS: ReadOptions = {
  sectionWeights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  fundsWeight: 10,
};

const YEAR = /((?:19|20)\d{2})\s*年\s*度?/;

export const isTitleLine = (line: Line): boolean => {
  let nonEmpty = 0, title = false;
  for (const c of line.cells) {
    if (!c) continue;
    nonEmpty++;
    if (c.indexOf('自评表') >= 0 && squash(c).length <= 60) title = true;
  }
  return title && nonEmpty <= 2;
};
export const isYearLine = (line: Line): boolean =>
  line.cells.filter((c) => c).length === 1 && /^[（(]?\s*(?:19|20)\d{2}\s*年\s*度?\s*[)）]?$/.test(line.cells.find((c) => c)!.trim());
export const labelIndex = (line: Line, label: string): number => line.cells.findIndex((c) => squash(c) === label || squash(c).startsWith(label + '（') || squash(c).startsWith(label + '('));

type State = 'head' | 'funds' | 'goals' | 'indicators' | 'total' | 'done';

const FUND_KEYS = ['initialBudget', 'annualBudget', 'executed', 'weight', 'rate', 'score'] as const;

export function readForm(lines: Line[], opts: ReadOptions = DEFAULT_READ_OPTIONS): ParsedForm {
  const form = emptyForm();
  const diagnostics: Diagnostic[] = [];
  const prov: Provenance = {};
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
    if (line.html) note({ code: 'html-stripped', level: 'info', line: line.no, message: `第 ${line.no} 行去除了 HTML 标签 (HTML tags stripped)` });
    const cells = line.cells;
    const sq = cells.map(squash);

    if (state === 'head' && (isTitleLine(line) || isYearLine(line))) {
      const m = YEAR.exec(cells.join(' '));
      if (m && form.year === null) { form.year = Number(m[1]); prov.year = line.no; }
      continue;
    }
    let i: number;
    if ((i = labelIndex(line, '项目名称')) >= 0) {
      const v = valueAfter(cells, i, []);
      if (v) { form.projectName = fixWrap(v.text, line, note); prov.projectName = line.no; }
      seen.add('name');
      continue;
    }
    const di = labelIndex(line, '主管部门'), ui = labelIndex(line, '实施单位');
    if (di >= 0 || ui >= 0) {
      const stops = [di, ui].filter((x) => x >= 0);
      if (di >= 0) { const v = valueAfter(cells, di, stops); if (v) { form.department = fixWrap(v.text, line, note); prov.department = line.no; } }
      if (ui >= 0) { const v = valueAfter(cells, ui, stops); if (v) { form.implementingUnit = fixWrap(v.text, line, note); prov.implementingUnit = line.no; } }
      seen.add('org');
      continue;
    }
    if (sq.some((s) => s === '年初预算数' || s === '全年预算数' || s === '全年执行数')) {
      fundCols = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].map((h) => sq.indexOf(h));
      state = 'funds';
      seen.add('funds');
      continue;
    }
    const fundRow = sq.findIndex((s) => s.includes('年度资金总额') || s.includes('资金总额'));
    const fiscalRow = fundRow >= 0 ? -1 : sq.findIndex((s) => s.includes('财政拨款'));
    const carryRow = fundRow >= 0 || fiscalRow >= 0 ? -1 : sq.findIndex((s) => s.includes('上年结转'));
    const otherRow = fundRow >= 0 || fiscalRow >= 0 || carryRow >= 0 ? -1 : sq.findIndex((s) => s === '其他资金' || s.startsWith('其他资金'));
    if (fundRow >= 0 || fiscalRow >= 0 || carryRow >= 0 || otherRow >= 0) {
      const key = fundRow >= 0 ? 'total' : fiscalRow >= 0 ? 'fiscal' : carryRow >= 0 ? 'carryover' : 'other';
      const at = Math.max(fundRow, fiscalRow, carryRow, otherRow);
      const values = readFundValues(cells, at, fundCols, key === 'total' ? 6 : 3);
      const row = form.funds[key] as FundRow & Record<string, number | null>;
      FUND_KEYS.slice(0, key === 'total' ? 6 : 3).forEach((k, n) => {
        const v = values[n];
        row[k] = v;
        if (v !== null) prov[`funds.${key}.${k}`] = line.no;
      });
      if (values.offset) note({ code: 'column-shift', level: 'info', line: line.no, message: `资金表第 ${line.no} 行错位 ${values.offset} 列，已按表头对齐 (funds row shifted)` });
      state = 'funds';
      seen.add('funds');
      continue;
    }
    const ge = sq.indexOf('预期目标'), ga = sq.findIndex((s) => s.startsWith('实际完成情况') || s === '实际完成');
    if ((ge >= 0 || ga >= 0) && state !== 'indicators') {
      goalCols = { expected: ge >= 0 ? ge : 1, actual: ga >= 0 ? ga : Math.max(ge + 1, 4) };
      if (cells[0] && isGoalLabelFragment(cells[0])) goalLabel.push(squash(cells[0]));
      state = 'goals';
      seen.add('goals');
      continue;
    }
    if (sq.some((s) => s === '一级指标' || s === '三级指标' || s === '二级指标')) {
      indCols = headerColumns(line);
      sawIndHeader = true;
      state = 'indicators';
      seen.add('indicators');
      continue;
    }
    const firstIdx = sq.findIndex((s) => s !== '');
    if (firstIdx >= 0 && (sq[firstIdx] === '总分' || sq[firstIdx] === '合计' || sq[firstIdx] === '总计')) {
      for (const c of cells.slice(firstIdx + 1)) { const v = parseAmount(c); if (v !== null) totals.push(v); }
      totalLines.push(line.no);
      state = 'total';
      seen.add('total');
      continue;
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
    note({ code: 'unread-line', level: 'warning', line: line.no, message: `第 ${line.no} 行无法识别，已跳过 (line not understood)` });
  }

  // Goals: a vertical label printed as 年度/目标 can leak its middle line 总体 into the text.
  const label = goalLabel.join('');
  let expected = goalText.expected.join('');
  if (label && label.includes('年度') && label.includes('目标') && !label.includes('总体') && /总体(?=[，,；;。、])/.test(expected)) {
    expected = expected.replace(/总体(?=[，,；;。、])/, '');
    note({ code: 'label-fragment-removed', level: 'info', path: 'goals.expected', message: '预期目标中混入了“年度总体目标”标签的“总体”，已删除 (label fragment removed from goal text)' });
  }
  form.goals.expected = textOrNull(expected);
  form.goals.actual = textOrNull(goalText.actual.join(''));

  if (indLines.length || sawIndHeader) {
    const r = readIndicators(indLines, indCols, { sectionWeights: opts.sectionWeights });
    form.indicators = r.indicators;
    r.provenance.forEach((p, n) => { for (const [k, v] of Object.entries(p)) prov[`indicators[${n}].${k === 'l3' ? 'level3' : k}`] = v; });
    diagnostics.push(...r.diagnostics);
  }
  if (totals.length >= 2) { form.totalWeight = totals[totals.length - 2]; form.totalScore = totals[totals.length - 1]; }
  else if (totals.length === 1) form.totalWeight = totals[0];
  if (form.totalWeight !== null) prov.totalWeight = totalLines.length === 1 ? totalLines[0] : totalLines;
  if (form.totalScore !== null) prov.totalScore = totalLines.length === 1 ? totalLines[0] : totalLines;

  for (const [block, name] of [['name', '项目名称'], ['funds', '项目资金'], ['goals', '年度总体目标'], ['indicators', '绩效指标'], ['total', '总分']] as const)
    if (!seen.has(block)) note({ code: 'missing-block', level: 'error', path: block, message: `缺少“${name}”部分 (block missing: ${block})` });

  const arithmetic = checkArithmetic(form, opts);
  for (const [k, v] of Object.entries(arithmetic))
    if (v === 'mismatch') note({ code: 'arithmetic-mismatch', level: 'warning', path: k, message: ARITH_MSG[k as keyof typeof ARITH_MSG] });
  const checks = Object.values(arithmetic).filter((v) => v !== 'n/a');
  const ok = checks.filter((v) => v === 'ok').length;
  const missing = diagnostics.filter((d) => d.level === 'error').length;
  const confidence = Math.max(0, Math.min(1, (checks.length ? ok / checks.length : 0.5) - 0.15 * missing));
  const first = lines[0]?.no ?? 0, last = lines[lines.length - 1]?.no ?? 0;
  return { ...form, diagnostics, provenance: prov, confidence: Math.round(confidence * 100) / 100, arithmetic, source: { index: 0, firstLine: first, lastLine: last } };
}

const ARITH_MSG = {
  weights: '分值合计与总分分值不符（按印刷值读取）(weights do not add up to the total)',
  scores: '得分合计与总分得分不符（按印刷值读取）(scores do not add up to the total score)',
  rate: '执行率与执行数/预算数不符（按印刷值读取）(rate does not match the amounts)',
  sections: '一级指标分值不是常见的 50/30/10 (level-1 weights differ from the usual split)',
};

function checkArithmetic(form: Form, opts: ReadOptions): ParsedForm['arithmetic'] {
  const inds = form.indicators;
  const f = form.funds.total;
  const weights: Check = form.totalWeight === null || inds.length === 0 ? 'n/a'
    : near(sumExact([f.weight ?? opts.fundsWeight, ...inds.map((i) => i.weight)]), form.totalWeight, 0.001) ? 'ok' : 'mismatch';
  const scores: Check = form.totalScore === null || inds.length === 0 || f.score === null ? 'n/a'
    : near(sumExact([f.score, ...inds.map((i) => i.score)]), form.totalScore, 0.011) ? 'ok' : 'mismatch';
  const rate: Check = f.rate === null || f.executed === null || !f.annualBudget ? 'n/a'
    : near((f.executed / f.annualBudget) * 100, f.rate, 0.011) ? 'ok' : 'mismatch';
  let sections: Check = 'n/a';
  if (inds.length) {
    const by = new Map<string, number>();
    for (const i of inds) if (i.level1) by.set(i.level1, (by.get(i.level1) ?? 0) + (i.weight ?? 0));
    const exp = Object.entries(opts.sectionWeights);
    sections = exp.every(([k, v]) => near(by.get(k) ?? 0, v!, 0.001)) ? 'ok' : 'mismatch';
  }
  return { weights, scores, rate, sections };
}

/** The first non-empty cell after a label, before the next label. */
function valueAfter(cells: string[], at: number, stops: number[]): { text: string; index: number } | null {
  const stop = Math.min(...stops.filter((s) => s > at), cells.length);
  for (let j = at + 1; j < stop; j++) if (cells[j]) return { text: cells[j], index: j };
  return null;
}

function fixWrap(text: string, line: Line, note: (d: Diagnostic) => void): string {
  const r = unwrapText(text);
  if (r.joined) note({ code: 'cell-wrap-joined', level: 'info', line: line.no, message: `第 ${line.no} 行单元格折行产生的空格已删除：“${r.text.slice(0, 20)}” (wrapped cell joined)` });
  return r.text;
}

/**
 * Funds values read at the header's columns; a row shifted against its header (the whole block
 * moved one or two columns in the export) is re-aligned by where its numbers are.
 */
function readFundValues(cells: string[], labelAt: number, cols: number[] | null, count: number): (number | null)[] & { offset?: number } {
  const parseAt = (k: number, cell: string | undefined) => (k === 4 ? parsePercent(cell) : parseAmount(cell));
  if (!cols || cols.slice(0, 3).some((c) => c < 0)) {
    const vals: (number | null)[] = [];
    for (let k = 0; k < count; k++) vals.push(parseAt(k, cells[labelAt + 1 + k]));
    return vals;
  }
  let best = -Infinity, shift = 0;
  for (let s = -2; s <= 2; s++) {
    let score = -Math.abs(s) * 0.5;
    const used = new Set<number>();
    for (let k = 0; k < 6; k++) {
      if (cols[k] < 0) continue;
      const j = cols[k] + s;
      if (j <= labelAt) { score -= 2; continue; }
      used.add(j);
      const c = cells[j];
      if (!c) continue;
      if (parseAt(k, c) !== null || c === '—' || c === '-' || c === '/') score += 1;
      else score -= 1;
    }
    for (let j = labelAt + 1; j < cells.length; j++) if (cells[j] && !used.has(j)) score -= 1;
    if (score > best) { best = score; shift = s; }
  }
  const vals = [] as (number | null)[] & { offset?: number };
  for (let k = 0; k < count; k++) vals.push(cols[k] < 0 ? null : parseAt(k, cells[cols[k] + shift]));
  if (shift) vals.offset = shift;
  return vals;
}

function readGoalLine(
  cells: string[], cols: { expected: number; actual: number } | null, label: string[],
  text: { expected: string[]; actual: string[] }, line: Line, prov: Provenance,
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
    text[field].push(unwrapText(p.text).text);
    const key = `goals.${field}`;
    const pv = prov[key];
    prov[key] = pv === undefined ? line.no : ([] as number[]).concat(pv, line.no);
  });
}
