/**
 * Renders forms as the damaged, tab-separated text exports that district departments publish
 * (samples/*.txt): 9 columns, a blank line between forms, and the layout artefacts of a PDF-to-table
 * conversion, each injected at a controllable rate. `rates: 0` gives a clean export.
 *
 * Every artefact imitates a sample (cited at the code that makes it) and never makes the truth
 * unrecoverable in principle: a label moved across a page break only where the level-1 weights
 * (50/30/10) or the taxonomy decide the reading, a wrap space only inside values that hold none,
 * a split only where both halves are plain text that no other cell could claim.
 *
 * Each form depends only on (seed, index), so batches rendered with `start` concatenate to the
 * bytes of one run.
 */
import type { Form, Indicator } from '../../model/form.js';
import { isTaxonomyLabel, level1Of, level2Of, parentOf } from '../../model/taxonomy.js';
import { profiles } from '../../scoring/profile.js';
import { rngFor, type Rng, type Seed } from './random.js';

export interface ArtefactRates {
  /** a. long cells (level-3, target, actual, project name) get a space every W characters. */
  cellWrap: number;
  /** b. header labels wrapped: 绩效 指标, 年度 指标值, 实际 完成值, 偏差原因分析及 改进措施, 年度 总体 目标. */
  headerWrap: number;
  /** b. the 年度总体目标 label split over the header and text lines, or printed on the text line. */
  goalLabelSplit: number;
  /** b. the vertical 绩效指标 label in fragments: 绩 on the header, 效 指 标 on a later row. */
  verticalLabel: number;
  /** c. label 年度目标 with its middle line 总体 leaked into the expected goal. */
  goalLabelLeak: number;
  /** d. merged level-1/level-2 cells: labels only on the first row of their group. */
  mergedLabels: number;
  /** e. a page break (blank line) inside the indicator table. */
  pageBreak: number;
  /** e(i). a section's merged labels printed after the break, its first rows before it unlabelled. */
  breakLabels: number;
  /** e(ii). a level-3 name split across the break. */
  breakSplitName: number;
  /** e(iii). a deviation text split across the break. */
  breakSplitDeviation: number;
  /** f. one or two indicator rows shifted one column right or left. */
  rowShift: number;
  /** f. every row from a section (or the break) on shifted one column left. */
  sectionShift: number;
  /** f. the funds block with its header shifted one column right. */
  fundsShift: number;
  /** g. a 效益 level-2 label printed in the level-1 column. */
  level2InLevel1: number;
  /** h. title and year as one HTML line. */
  htmlTitle: number;
  /** i. 总分 row one column left, shifted right, split over lines or as markdown. */
  totalVariant: number;
  /** j. 845900.00 budgets, 843,800 executed, — in the 分值 column of 其中 rows, 总分 as 94.00. */
  amountFormat: number;
  /** k. an extra empty cell after 项目名称 / 主管部门. */
  headerExtraCell: number;
  /** 实施单位 or 实际完成情况 one column right of the usual. */
  columnVariant: number;
  /** 项目资金(元) without the space, 其中: with an ASCII colon. */
  labelVariant: number;
}

export type ArtefactKind = keyof ArtefactRates;

const CLEAN: ArtefactRates = {
  cellWrap: 0, headerWrap: 0, goalLabelSplit: 0, verticalLabel: 0, goalLabelLeak: 0, mergedLabels: 0,
  pageBreak: 0, breakLabels: 0, breakSplitName: 0, breakSplitDeviation: 0, rowShift: 0, sectionShift: 0,
  fundsShift: 0, level2InLevel1: 0, htmlTitle: 0, totalVariant: 0, amountFormat: 0, headerExtraCell: 0,
  columnVariant: 0, labelVariant: 0,
};

export const ARTEFACT_KINDS = Object.keys(CLEAN) as ArtefactKind[];

/** Close to what the 37 forms of samples/ show (counted per form). */
export const DEFAULT_RATES: Readonly<ArtefactRates> = {
  cellWrap: 0.2,
  headerWrap: 0.5,
  goalLabelSplit: 0.1,
  verticalLabel: 0.03,
  goalLabelLeak: 0.05,
  mergedLabels: 1,
  pageBreak: 0.05,
  breakLabels: 0.2,
  breakSplitName: 0.06,
  breakSplitDeviation: 0.04,
  rowShift: 0.1,
  sectionShift: 0.2,
  fundsShift: 0.08,
  level2InLevel1: 0.15,
  htmlTitle: 0.03,
  totalVariant: 0.6,
  amountFormat: 1,
  headerExtraCell: 0.15,
  columnVariant: 0.25,
  labelVariant: 0.03,
};

const HEAVY = Object.fromEntries(
  ARTEFACT_KINDS.map((k) => [k, Math.min(1, Math.max(0.5, DEFAULT_RATES[k] * 3))]),
) as unknown as ArtefactRates;

export const RATE_PRESETS: Readonly<Record<'clean' | 'default' | 'heavy', Readonly<ArtefactRates>>> = {
  clean: CLEAN,
  default: DEFAULT_RATES,
  heavy: HEAVY,
};

/** A preset name, one rate for every artefact, or some rates over the defaults. */
export type RatesInput = keyof typeof RATE_PRESETS | number | Partial<ArtefactRates>;

export function resolveRates(rates?: RatesInput): ArtefactRates {
  if (rates === undefined) return { ...DEFAULT_RATES };
  if (typeof rates === 'number') return Object.fromEntries(ARTEFACT_KINDS.map((k) => [k, rates])) as unknown as ArtefactRates;
  if (typeof rates === 'string') return { ...RATE_PRESETS[rates] };
  return { ...DEFAULT_RATES, ...rates };
}

export interface Artefact {
  kind: ArtefactKind;
  /** Which variant: 'split', 'label-line', 'head-line' … */
  detail?: string;
}

export interface RenderedForm {
  /** Position in the whole stream (the seed's per-form index). */
  index: number;
  /** First line of the form in `lines` (0-based) and its number of lines. */
  firstLine: number;
  lineCount: number;
  artefacts: Artefact[];
}

export interface RenderOptions {
  seed?: Seed;
  rates?: RatesInput;
  /** Index of forms[0] in the whole stream; a batch with start > 0 continues an earlier one. */
  start?: number;
}

export interface RenderResult {
  text: string;
  lines: string[];
  forms: RenderedForm[];
}

const STREAM_RENDER = 3;
const PROFILE = profiles.national;

/**
 * The export of `forms`: two leading blank lines, a blank line between forms (samples/*.txt).
 * With `start` > 0 the text begins with the blank line that separates it from the previous batch.
 */
export function renderExport(forms: readonly Form[], options: RenderOptions = {}): RenderResult {
  const rates = resolveRates(options.rates);
  const seed = options.seed ?? 1;
  const start = options.start ?? 0;
  if (!forms.length) return { text: '', lines: [], forms: [] };
  const lines: string[] = start === 0 ? ['', ''] : [''];
  const meta: RenderedForm[] = [];
  for (let i = 0; i < forms.length; i++) {
    if (i > 0) lines.push('');
    const firstLine = lines.length;
    const artefacts = renderInto(lines, forms[i], seed, start + i, rates);
    meta.push({ index: start + i, firstLine, lineCount: lines.length - firstLine, artefacts });
  }
  return { text: lines.join('\n') + '\n', lines, forms: meta };
}

// ---------------------------------------------------------------- formatting

/** Up to 2 decimals without trailing zeros, as the forms print scores: 9.7, 10, 8.07. */
export function formatNumber(x: number | null | undefined): string {
  if (x == null) return '';
  // the shortest form of an exact 2-dp value is already trimmed: 9.7, 10, 8.07
  if (Math.abs(x) < 1e15 && (Number.isInteger(x) || (Math.abs(x) >= 0.01 && Math.round(x * 100) / 100 === x))) return String(x);
  const s = x.toFixed(2);
  if (s.endsWith('.00')) return s.slice(0, -3);
  return s.endsWith('0') ? s.slice(0, -1) : s;
}

/** 843,800 and 916,392.88, as the 全年执行数 of the total row (samples/000). */
export function formatThousands(x: number): string {
  const s = formatNumber(x);
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ',';
    out += int[i];
  }
  return (neg ? '-' : '') + out + (dot < 0 ? '' : body.slice(dot));
}

type AmountStyle = 'plain' | 'fixed' | 'sep';
const SUBROW_STYLES = [['plain', 0.6], ['fixed', 0.25], ['mixed', 0.15]] as const;
const TOTAL_VARIANTS = [['left', 0.45], ['right', 0.1], ['split', 0.2], ['markdown', 0.15], ['markdown-sep', 0.1]] as const;

function amount(x: number | null, style: AmountStyle): string {
  if (x == null) return '';
  return style === 'fixed' ? x.toFixed(2) : style === 'sep' ? formatThousands(x) : formatNumber(x);
}

/** A space every w characters: how the converter shows a line wrap inside a cell (samples/001 #6). */
export function wrapText(text: string, w: number): string {
  let out = text.slice(0, w);
  for (let i = w; i < text.length; i += w) out += ' ' + text.slice(i, i + w);
  return out;
}

const isAscii = (c: string | undefined) => c !== undefined && c.charCodeAt(0) < 128;

/**
 * A cut at p that no reader could take for a real separator: not between two ASCII characters
 * ('2021年1 2月', '82006 )' or 'O A' read as two values), not beside a space.
 */
export function safeCut(text: string, p: number): boolean {
  const a = text[p - 1];
  const b = text[p];
  return a !== ' ' && b !== ' ' && !(isAscii(a) && isAscii(b));
}

/** wrapText when every wrap point is a safe cut, else null. */
function safeWrap(text: string, w: number): string | null {
  for (let i = w; i < text.length; i += w) if (!safeCut(text, i)) return null;
  return wrapText(text, w);
}

/** Cells padded to 9 columns and tab-joined (one native join: no intermediate strings). */
function line(cells: readonly string[], width = 9): string {
  if (cells.length === width) return cells.join('\t');
  const c = cells.slice(0, width);
  while (c.length < width) c.push('');
  return c.join('\t');
}

const TITLE = '财政项目支出绩效自评表';

// ---------------------------------------------------------------- one form

interface Ctx {
  r: Rng;
  rates: ArtefactRates;
  art: Artefact[];
  hit: (k: ArtefactKind) => boolean;
  note: (kind: ArtefactKind, detail?: string) => void;
}

/** One form's lines (no surrounding blank lines) and the artefacts put into them. */
export function renderForm(form: Form, options: { seed?: Seed; index?: number; rates?: RatesInput } = {}): { lines: string[]; artefacts: Artefact[] } {
  const lines: string[] = [];
  const artefacts = renderInto(lines, form, options.seed ?? 1, options.index ?? 0, resolveRates(options.rates));
  return { lines, artefacts };
}

/** Appends the form's lines to `out`; returns the artefacts put into them. */
function renderInto(out: string[], form: Form, seed: Seed, index: number, rates: ArtefactRates): Artefact[] {
  const r = rngFor(seed, index, STREAM_RENDER);
  const art: Artefact[] = [];
  const ctx: Ctx = {
    r,
    rates,
    art,
    hit: (k) => r.chance(rates[k]),
    note: (kind, detail) => art.push(detail ? { kind, detail } : { kind }),
  };
  // per-form decisions, drawn in a fixed order
  const html = ctx.hit('htmlTitle');
  const extraCell = ctx.hit('headerExtraCell');
  const columns = ctx.hit('columnVariant') ? r.pick(['unit', 'goal', 'both'] as const) : null;
  const labels = ctx.hit('labelVariant');
  const amounts = ctx.hit('amountFormat');
  const fundsShift = ctx.hit('fundsShift');
  const headerWrap = ctx.hit('headerWrap');
  const goalSplit = ctx.hit('goalLabelSplit');
  const goalLeak = ctx.hit('goalLabelLeak');
  const vertical = ctx.hit('verticalLabel');
  const wrap = ctx.hit('cellWrap')
    ? { name: r.pick([13, 14]), level3: r.pick([8, 10, 14]), target: r.pick([8, 10, 14]), actual: r.pick([8, 10, 14]) }
    : null;
  const total = ctx.hit('totalVariant');
  let wrapped = false;
  const wrapCell = (text: string, w: number | undefined): string => {
    // a value that holds a space could not be told from a wrapped one: leave it
    if (!w || text.length <= w || text.includes(' ') || !r.chance(0.85)) return text;
    const out = safeWrap(text, w);
    if (out === null) return text;
    wrapped = true;
    return out;
  };

  // h. samples/002 line 102: title and year in one HTML fragment
  const year = `(${form.year ?? ''} 年度)`;
  if (html) {
    out.push(line([`<p style="text-align: center;">${TITLE}</p> <p style="text-align: center;">${year}</p>`]));
    ctx.note('htmlTitle');
  } else out.push(line([TITLE]), line([year]));

  // k. samples/001 #0, #5 and 002 #2–#4: an extra empty cell before the name and department
  const name = wrapCell(form.projectName ?? '', wrap?.name);
  const dept = form.department ?? '';
  const unit = form.implementingUnit ?? '';
  if (extraCell) {
    out.push(line(['项目名称', '', name]));
    out.push(r.chance(0.5) ? line(['主管部门', '', dept, '', '', '实施单位', '', unit]) : line(['主管部门', '', dept, '', '', '实施单位', unit]));
    ctx.note('headerExtraCell');
  } else {
    out.push(line(['项目名称', name]));
    // samples/002 #0, 004 #3: 实施单位 one column right
    const unitRight = columns === 'unit' || columns === 'both';
    out.push(unitRight ? line(['主管部门', dept, '', '', '', '实施单位', unit]) : line(['主管部门', dept, '', '', '实施单位', unit]));
  }

  out.push(...renderFunds(ctx, form, { amounts, fundsShift, labels }));
  out.push(...renderGoals(ctx, form, { headerWrap, goalSplit, goalLeak, goalRight: columns === 'goal' || columns === 'both' }));
  if (columns && !(extraCell && columns === 'unit')) ctx.note('columnVariant', columns);
  if (labels) ctx.note('labelVariant');

  // b. samples/001 #1: wrapped header labels; 004 #0: 绩 alone, the rest of the vertical label later
  const hw = headerWrap;
  out.push(line([
    vertical ? '绩' : hw ? '绩效 指标' : '绩效指标', '一级指标', '二级指标', '三级指标',
    hw ? '年度 指标值' : '年度指标值', hw ? '实际 完成值' : '实际完成值', '分值', '得分',
    hw ? '偏差原因分析及 改进措施' : '偏差原因分析及改进措施',
  ]));
  if (hw) ctx.note('headerWrap');

  const table = renderTable(ctx, form.indicators, { vertical, wrap, wrapCell });
  for (const l of table) out.push(l);
  if (wrapped) ctx.note('cellWrap');

  out.push(...renderTotal(ctx, form, total, amounts));
  return art;
}

function renderFunds(ctx: Ctx, form: Form, o: { amounts: boolean; fundsShift: boolean; labels: boolean }): string[] {
  const { r } = ctx;
  const f = form.funds;
  // j. samples/000: budgets of the total row as 845900.00, executed as 843,800; 其中 rows plain
  const amt = o.amounts;
  const sub = amt ? r.weighted(SUBROW_STYLES) : 'plain';
  const subStyles = (): [AmountStyle, AmountStyle, AmountStyle] =>
    sub === 'fixed' ? ['fixed', 'fixed', r.chance(0.5) ? 'fixed' : 'plain'] : sub === 'mixed' ? ['fixed', 'plain', 'plain'] : ['plain', 'plain', 'plain'];
  const t = f.total;
  const rows: string[][] = [];
  rows.push([
    '', '年度资金总额', amount(t.initialBudget, amt ? 'fixed' : 'plain'), amount(t.annualBudget, amt ? 'fixed' : 'plain'),
    amount(t.executed, amt ? 'sep' : 'plain'), formatNumber(t.weight), t.rate == null ? '' : `${t.rate.toFixed(2)}%`, formatNumber(t.score), '',
  ]);
  // labelVariant: samples/002 #7 prints 其中:当年财政拨款 and 项目资金(元)
  const subs: [string, typeof f.fiscal][] = [
    [o.labels ? '其中:当年财政拨款' : '其中：当年财政拨款', f.fiscal],
    ['上年结转资金', f.carryover],
    ['其他资金', f.other],
  ];
  for (const [label, row] of subs) {
    const [a, b, c] = subStyles();
    rows.push(['', label, amount(row.initialBudget, a), amount(row.annualBudget, b), amount(row.executed, c), amt ? '—' : '', '', '', '']);
  }
  const header = [o.labels ? '项目资金(元)' : '项目资金 (元)', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''];
  if (amt) ctx.note('amountFormat');
  if (!o.fundsShift) return [line(header), ...rows.map((c) => line(c))];
  // f. samples/002 #3, #4: the whole block one column right, its header labels too
  ctx.note('fundsShift');
  return [line([header[0], '', ...header.slice(1, 8)]), ...rows.map((c) => line(['', ...c.slice(0, 8)]))];
}

/** Where 总体 can leak in: before a mid-text punctuation mark (samples/001 #2 …交换总体，…). */
function leakPosition(text: string): number {
  if (text.includes('总体')) return -1;
  let best = -1;
  const mid = text.length / 2;
  for (let i = 4; i < text.length - 4; i++) {
    const ch = text[i];
    if ((ch === '，' || ch === '；' || ch === '、') && text[i - 1] !== ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  }
  return best;
}

function renderGoals(ctx: Ctx, form: Form, o: { headerWrap: boolean; goalSplit: boolean; goalLeak: boolean; goalRight: boolean }): string[] {
  const { r } = ctx;
  let expected = form.goals.expected ?? '';
  let head = o.headerWrap ? '年度 总体 目标' : '年度总体目标';
  let label = '';
  const choices: ('split' | 'leak')[] = [];
  if (o.goalSplit) choices.push('split');
  const leakAt = o.goalLeak ? leakPosition(expected) : -1;
  if (leakAt >= 0) choices.push('leak');
  const choice = choices.length ? r.pick(choices) : null;
  if (choice === 'split') {
    // b. 000 #1 / 004 #10: label on the text line; 004 #5: 年度 / 总体目标; 002 #7: 年度总体目标 / 目标
    const v = r.pick(['text-line', 'year-first', 'tail'] as const);
    [head, label] = v === 'text-line' ? ['', '年度总体目标'] : v === 'year-first' ? ['年度', '总体目标'] : ['年度总体目标', '目标'];
    ctx.note('goalLabelSplit', v);
  } else if (choice === 'leak') {
    // c. 001 #2, 004 #3: label 年度目标, its middle line 总体 inside the expected text
    expected = expected.slice(0, leakAt) + '总体' + expected.slice(leakAt);
    head = '';
    label = '年度目标';
    ctx.note('goalLabelLeak');
  }
  const col = o.goalRight ? 5 : 4;
  const h = [head, '预期目标', '', '', '', '', '', '', ''];
  const t = [label, expected, '', '', '', '', '', '', ''];
  h[col] = '实际完成情况';
  t[col] = form.goals.actual ?? '';
  return [line(h), line(t)];
}

function renderTotal(ctx: Ctx, form: Form, variant: boolean, amounts: boolean): string[] {
  const { r } = ctx;
  const w = formatNumber(form.totalWeight);
  // j. samples/001 prints 94.00, the others 97.98 / 100
  const s = form.totalScore != null && amounts && r.chance(0.2) ? form.totalScore.toFixed(2) : formatNumber(form.totalScore);
  if (!variant) return [line(['总分', '', '', '', '', '', w, s, ''])];
  const v = r.weighted(TOTAL_VARIANTS);
  ctx.note('totalVariant', v);
  switch (v) {
    case 'left': // 000: 100 / 97.98 one column left of 分值 / 得分
      return [line(['总分', '', '', '', '', w, s, ''], 8)];
    case 'right': // 001 #1, 004 #0: the row one column right
      return [line(['', '总分', '', '', '', '', w, s, ''])];
    case 'split': // 002 #0, #3, #4
      return ['', '总分', '', w, '', s];
    case 'markdown': // 002 #7, #8
      return ['', '总分', '', `| ${w} | ${s} |`];
    case 'markdown-sep': // 004 #15
      return ['', `总分\t${w}\t${s}\t`, '----\t-----\t-----\t--'];
  }
}

// ---------------------------------------------------------------- indicator table

interface TLine {
  kind: 'row' | 'labels' | 'text' | 'blank';
  /** 9 logical cells: 绩效指标 column, level1, level2, level3, target, actual, weight, score, deviation. */
  cells: string[];
  shift: -1 | 0 | 1;
  /** The indicator of a row (-1 otherwise). */
  ind: number;
  /** Canonical level-1 of the section the line belongs to. */
  section: string;
  /** Level-3 cell must not be wrapped (it is half of a split name). */
  keepName?: boolean;
  /** The row a continuation line belongs to: it takes that row's shift (000 #0). */
  owner?: TLine;
}

const BLANK: TLine = { kind: 'blank', cells: [], shift: 0, ind: -1, section: '' };

function textLine(section: string, at: Record<number, string>, kind: TLine['kind'] = 'text', owner?: TLine): TLine {
  const cells = ['', '', '', '', '', '', '', '', ''];
  for (const k in at) cells[Number(k)] = at[k];
  return { kind, cells, shift: 0, ind: -1, section, owner };
}

const canonical1 = (l1: string | null) => level1Of(l1) ?? l1 ?? '';

const usable = (s: string) => s.length >= 2 && !isTaxonomyLabel(s) && !/^[\d.,%<>=≥≤\s]*$/.test(s);

function renderTable(
  ctx: Ctx,
  inds: readonly Indicator[],
  o: { vertical: boolean; wrap: { level3: number; target: number; actual: number } | null; wrapCell: (t: string, w: number | undefined) => string },
): string[] {
  const { r } = ctx;
  const n = inds.length;
  // d. merged label cells print once, on the first row of their group (every sample)
  const merged = ctx.hit('mergedLabels');
  if (merged && n > 1) ctx.note('mergedLabels');
  const sec = inds.map((i) => canonical1(i.level1));
  const secStart = inds.map((_, i) => i === 0 || sec[i] !== sec[i - 1]);
  const grpStart = inds.map((ind, i) => secStart[i] || (ind.level2 ?? '') !== (inds[i - 1].level2 ?? ''));
  const rows: TLine[] = inds.map((ind, i) => ({
    kind: 'row',
    cells: [
      '', !merged || secStart[i] ? (ind.level1 ?? '') : '', !merged || grpStart[i] ? (ind.level2 ?? '') : '',
      ind.level3 ?? '', ind.target ?? '', ind.actual ?? '', formatNumber(ind.weight), formatNumber(ind.score), ind.deviation ?? '',
    ],
    shift: 0,
    ind: i,
    section: sec[i],
  }));
  const before: TLine[][] = inds.map(() => []);
  const after: TLine[][] = inds.map(() => []);

  // e. at most one page break in the table; the kinds that fit this form compete
  const wantLabels = ctx.hit('breakLabels');
  const wantName = ctx.hit('breakSplitName');
  const wantDev = ctx.hit('breakSplitDeviation');
  const wantPlain = ctx.hit('pageBreak');
  const plans: (() => void)[] = [];
  if (wantLabels && merged) {
    const p = planLabelBreak(ctx, inds, rows, before, after, secStart, grpStart, wantDev);
    if (p) plans.push(p);
  }
  if (wantName) {
    const p = planSplitName(ctx, inds, rows, before, after);
    if (p) plans.push(p);
  }
  if (wantDev) {
    const p = planSplitDeviation(ctx, inds, rows, after);
    if (p) plans.push(p);
  }
  if (wantPlain && n >= 2) {
    plans.push(() => {
      // e. 004 #13: a bare page break between two rows
      before[r.int(1, n - 1)].unshift(BLANK);
      ctx.note('pageBreak');
    });
  }
  if (plans.length) r.pick(plans)();

  const lines: TLine[] = [];
  for (let i = 0; i < n; i++) lines.push(...before[i], rows[i], ...after[i]);

  // b. 004 #0: 效 指 标, the rest of the vertical 绩效指标 label, in column 0 after the break
  if (o.vertical) {
    const b = lines.indexOf(BLANK);
    let at = b >= 0 && b + 1 < lines.length && lines[b + 1].kind !== 'text' && lines[b + 1].kind !== 'blank' ? b + 1 : -1;
    if (at < 0) at = lines.indexOf(rows[Math.floor(n / 2)]);
    if (at >= 0 && n > 0) {
      lines[at].cells[0] = '效 指 标';
      ctx.note('verticalLabel');
    }
  }

  // g. 004 #0, #13, #14: a 效益 level-2 label in the level-1 column when that column is empty
  if (ctx.hit('level2InLevel1')) {
    let done = 0;
    const eligible = lines.filter((l) => l.kind === 'row' && l.section === '效益指标' && l.cells[1] === '' && l.cells[2] !== '');
    for (const l of eligible) {
      if (done === 0 || r.chance(0.7)) {
        l.cells[1] = l.cells[2];
        l.cells[2] = '';
        done++;
      }
    }
    if (done) ctx.note('level2InLevel1');
  }

  // f. 001 #0, 002 #1, 004 #2: every row from a section (or from the break) on, one column left
  if (ctx.hit('sectionShift') && n > 1) {
    const starts: number[] = [];
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i];
      if (lines[i - 1] === BLANK || (l.kind === 'row' && secStart[l.ind] && l.ind > 0)) starts.push(i);
    }
    if (starts.length) {
      const from = r.pick(starts);
      let shifted = 0;
      for (let i = from; i < lines.length; i++) {
        if (lines[i].kind !== 'blank' && lines[i].cells[0] === '') {
          lines[i].shift = -1;
          shifted++;
        }
      }
      if (shifted) ctx.note('sectionShift');
    }
  }

  // f. 000 #1 (two rows right), 001 #1 (one row right), 004 #16 (one row right)
  if (ctx.hit('rowShift')) {
    const cand = lines.filter((l) => l.kind === 'row' && l.shift === 0 && l.cells[0] === '');
    if (cand.length) {
      const first = r.pick(cand);
      const dir: -1 | 1 = first.cells[8] === '' && r.chance(0.6) ? 1 : -1;
      first.shift = dir;
      const k = lines.indexOf(first);
      const next = lines[k + 1];
      if (next && r.chance(0.3) && next.kind === 'row' && next.shift === 0 && next.cells[0] === '' && next.section === first.section && (dir === -1 || next.cells[8] === '')) next.shift = dir;
      ctx.note('rowShift', dir > 0 ? 'right' : 'left');
    }
  }

  // a continuation line sits in its row's columns (000 #0), so it reads the same either way
  for (const l of lines) if (l.owner && (l.owner.shift >= 0 || l.cells[0] === '')) l.shift = l.owner.shift;

  // a. wrap long level-3 names, targets and actuals (002 #6 at 10, 001 #6 at 8)
  const out: string[] = [];
  for (const l of lines) {
    if (l.kind === 'blank') {
      out.push('');
      continue;
    }
    const c = l.cells;
    if (l.kind === 'row' && o.wrap) {
      if (!l.keepName) c[3] = o.wrapCell(c[3], o.wrap.level3);
      c[4] = o.wrapCell(c[4], o.wrap.target);
      c[5] = o.wrapCell(c[5], o.wrap.actual);
    }
    // shift left drops the empty first cell; shift right adds one and drops the empty last cell
    out.push(l.shift < 0 ? line([...c.slice(1), '']) : l.shift > 0 ? line(['', ...c.slice(0, 8)]) : line(c));
  }
  return out;
}

function groupEnd(inds: readonly Indicator[], grpStart: readonly boolean[], i: number): number {
  let j = i + 1;
  while (j < inds.length && !grpStart[j]) j++;
  return j;
}

/**
 * e(i). The merged level-1 | level-2 labels of the section S that starts just before the break
 * print after it, so S's first rows sit under the previous section P with no label of their own.
 * 'label-line' (000 #1, 002 #1): the labels on their own line after the break; only when P and S
 * carry their full level-1 weights, which then say where P ends. 'first-row' (004 #2): the level-1
 * label on the first row after the break; S's rows before it keep their level-2 labels, which say
 * which section they are in. With a split deviation too (000 #0) the row before the break leaves its
 * name and the rest of its deviation to the line after it.
 */
function planLabelBreak(
  ctx: Ctx, inds: readonly Indicator[], rows: TLine[], before: TLine[][], after: TLine[][],
  secStart: readonly boolean[], grpStart: readonly boolean[], withDeviation: boolean,
): (() => void) | null {
  const { r } = ctx;
  const n = inds.length;
  const sections: { l1: string; start: number; end: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (secStart[i]) sections.push({ l1: canonical1(inds[i].level1), start: i, end: i + 1 });
    else sections[sections.length - 1].end = i + 1;
  }
  // the reading of an unlabelled row is decided by weights only if its section's level-1 weight
  // is the profile's and no other section shares that weight group
  const weightsOk = (s: { l1: string; start: number; end: number }) => {
    const group = (PROFILE.level1Weights ?? []).find((g) => (g.sections as readonly string[]).includes(s.l1));
    if (!group || sections.some((x) => x !== s && (group.sections as readonly string[]).includes(x.l1))) return false;
    let sum = 0;
    for (let i = s.start; i < s.end; i++) {
      const w = inds[i].weight;
      if (w == null || !(w > 0)) return false;
      sum += w;
    }
    return Math.abs(sum - group.weight) < 1e-9;
  };
  const options: (() => void)[] = [];
  for (let k = 1; k < sections.length; k++) {
    const S = sections[k];
    const P = sections[k - 1];
    const size = S.end - S.start;
    if (size < 2) continue;
    const l1Text = inds[S.start].level1 ?? '';
    if (weightsOk(P) && weightsOk(S)) {
      const maxJ = Math.min(2, groupEnd(inds, grpStart, S.start) - S.start, size - 1);
      options.push(() => {
        const j = r.int(1, maxJ);
        rows[S.start].cells[1] = '';
        rows[S.start].cells[2] = '';
        after[S.start + j - 1].push(BLANK, textLine(S.l1, { 1: l1Text, 2: inds[S.start].level2 ?? '' }, 'labels'));
        ctx.note('breakLabels', 'label-line');
      });
    }
    // first-row: the level-2 labels before the break must name S, and a group that starts after
    // the break must not leave unlabelled rows before it (they could be read as its own)
    const identifies = (i: number) => {
      const l2 = level2Of(inds[i].level2);
      return l2 !== null && parentOf(l2) === level1Of(S.l1);
    };
    const ks: number[] = [];
    for (let kk = 1; kk <= Math.min(3, size - 1); kk++) {
      const post = S.start + kk;
      let named = true;
      for (let i = S.start; i < post; i++) if (grpStart[i] && !identifies(i)) named = false;
      if (named && (!grpStart[post] || grpStart[post - 1])) ks.push(kk);
    }
    if (ks.length) {
      options.push(() => {
        const post = S.start + r.pick(ks);
        const pre = post - 1;
        rows[S.start].cells[1] = '';
        const dev = inds[pre].deviation ?? '';
        const tallest = dev.length >= Math.max((inds[pre].level3 ?? '').length, (inds[pre].target ?? '').length, (inds[pre].actual ?? '').length) + 4;
        const cut = withDeviation && tallest ? splitPoint(r, dev) : -1;
        if (cut > 0 && (inds[pre].level3 ?? '') !== '') {
          rows[pre].cells[3] = '';
          rows[pre].cells[8] = dev.slice(0, cut);
          after[pre].push(BLANK, textLine(S.l1, { 1: l1Text, 3: inds[pre].level3 ?? '', 8: dev.slice(cut) }, 'text', rows[pre]));
          ctx.note('breakLabels', 'first-row');
          ctx.note('breakSplitDeviation', 'with-name');
        } else {
          rows[post].cells[1] = l1Text;
          before[post].unshift(BLANK);
          ctx.note('breakLabels', 'first-row');
        }
      });
    }
  }
  return options.length ? r.pick(options) : null;
}

/**
 * A cut inside a deviation text that leaves at least 3 characters each side, at a safe cut, and
 * halves that cannot pass for a label (没有完成相关群众 | 满意度 would).
 */
function splitPoint(r: Rng, text: string): number {
  if (text.length < 8) return -1;
  for (let tries = 0; tries < 6; tries++) {
    const p = r.int(3, text.length - 3);
    if (safeCut(text, p) && usable(text.slice(0, p)) && usable(text.slice(p))) return p;
  }
  return -1;
}

/**
 * e(ii). A level-3 name split by the break: 'head-line' (004 #11) puts the head on a line of its
 * own before the break and the tail in the row after it; 'tail-line' (004 #17) leaves the head in
 * the row and puts the tail on a line of its own after the break. A break cuts the tallest cell of
 * a row, so only a name longer than the row's other texts is split, and each half stays longer
 * than the target and the actual (the halves cannot be taken for theirs).
 */
function planSplitName(ctx: Ctx, inds: readonly Indicator[], rows: TLine[], before: TLine[][], after: TLine[][]): (() => void) | null {
  const { r } = ctx;
  const cand: [number, number][] = [];
  for (let i = 0; i < inds.length; i++) {
    const name = inds[i].level3 ?? '';
    const others = Math.max((inds[i].target ?? '').length, (inds[i].actual ?? '').length);
    if (name.includes(' ') || name.length <= (inds[i].deviation ?? '').length) continue;
    const lo = Math.max(2, others + 1);
    const hi = name.length - lo;
    if (hi < lo) continue;
    for (let tries = 0; tries < 4; tries++) {
      const p = r.int(lo, hi);
      if (safeCut(name, p) && usable(name.slice(0, p)) && usable(name.slice(p))) {
        cand.push([i, p]);
        break;
      }
    }
  }
  if (!cand.length) return null;
  return () => {
    const [i, p] = r.pick(cand);
    const name = inds[i].level3 ?? '';
    const head = name.slice(0, p);
    const tail = name.slice(p);
    rows[i].keepName = true;
    if (i > 0 && r.chance(0.5)) {
      rows[i].cells[3] = tail;
      before[i].push(textLine(rows[i].section, { 3: head }, 'text', rows[i]), BLANK);
      ctx.note('breakSplitName', 'head-line');
    } else {
      rows[i].cells[3] = head;
      after[i].push(BLANK, textLine(rows[i].section, { 3: tail }, 'text', rows[i]));
      ctx.note('breakSplitName', 'tail-line');
    }
  };
}

/**
 * e(iii). A deviation split by the break (000 #0): the head stays in the row, the tail follows
 * the break in the deviation column; 'with-name' moves the row's level-3 name after the break too.
 */
function planSplitDeviation(ctx: Ctx, inds: readonly Indicator[], rows: TLine[], after: TLine[][]): (() => void) | null {
  const { r } = ctx;
  // the deviation must be the row's tallest cell for the break to cut it
  const longest = (ind: Indicator) => Math.max((ind.level3 ?? '').length, (ind.target ?? '').length, (ind.actual ?? '').length);
  const cand = inds.map((_, i) => i).filter((i) => (inds[i].deviation ?? '').length >= Math.max(8, longest(inds[i]) + 4));
  if (!cand.length) return null;
  return () => {
    const i = r.pick(cand);
    const dev = inds[i].deviation ?? '';
    const cut = splitPoint(r, dev);
    if (cut < 0) return;
    rows[i].cells[8] = dev.slice(0, cut);
    if ((inds[i].level3 ?? '') !== '' && r.chance(0.4)) {
      rows[i].cells[3] = '';
      rows[i].keepName = true;
      after[i].push(BLANK, textLine(rows[i].section, { 3: inds[i].level3 ?? '', 8: dev.slice(cut) }, 'text', rows[i]));
      ctx.note('breakSplitDeviation', 'with-name');
    } else {
      after[i].push(BLANK, textLine(rows[i].section, { 8: dev.slice(cut) }, 'text', rows[i]));
      ctx.note('breakSplitDeviation', 'tail-line');
    }
  };
}
