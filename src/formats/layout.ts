/**
 * The official 项目支出绩效自评表 layout (rules.md §2.8) as one grid model. Both the xlsx and the PDF
 * writers render this grid, so the two outputs can never drift apart; both readers map a grid of
 * the same shape back to a Form (layout-read.ts).
 *
 * Nine columns, as on paper:
 *   A 项目资金/年度总体目标/绩效指标 labels | B 一级指标 | C 二级指标 | D 三级指标 | E 年度指标值
 *   | F 实际完成值 | G 分值 | H 得分 | I 偏差原因分析及改进措施
 * The funds block reuses B–H for 年初预算数 … 得分 (the paper form does the same).
 */
import type { Form, FundRow } from '../model/form.js';

export type CellStyle = 'title' | 'subtitle' | 'header' | 'label' | 'text' | 'amount' | 'number' | 'percent';
export type RowKind =
  | 'title'
  | 'year'
  | 'project'
  | 'department'
  | 'funds-header'
  | 'funds'
  | 'goals-header'
  | 'goals'
  | 'indicator-header'
  | 'indicator'
  | 'total';

export interface LayoutCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The value as stored: numbers stay numbers (rate is the percent number, 99.76). */
  value: string | number | null;
  /** The text as printed (PDF, and what a spreadsheet shows with `numFmt`). */
  display: string;
  style: CellStyle;
  /** Spreadsheet number format for numeric cells. */
  numFmt?: string;
  align: 'left' | 'center' | 'right';
}

export interface FormLayout {
  /** Column widths in spreadsheet character units; the PDF scales them to the page width. */
  widths: number[];
  rowKinds: RowKind[];
  /** Top-left cells only; cells covered by a span are absent. */
  cells: LayoutCell[];
  /** Row index of the indicator table header (repeated on each PDF page). */
  indicatorHeaderRow: number;
  /** 元 or 万元, printed in the 项目资金 label. */
  unit: string;
}

export const COLUMN_WIDTHS = [11, 12, 15, 22, 15, 13, 10, 9, 31];
export const FORM_TITLE = '财政项目支出绩效自评表';

/** Decimals needed to print x exactly (up to 10), at least `min`. */
export function decimalsOf(x: number, min = 0): number {
  for (let d = min; d <= 10; d++) if (Number(x.toFixed(d)) === x) return d;
  return 10;
}

function groupThousands(s: string): string {
  const [int, frac] = s.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/** 845900 → "845,900.00"; keeps extra decimals when the value has them, so printing loses nothing. */
export function formatAmount(x: number | null): string {
  if (x == null) return '';
  return groupThousands(x.toFixed(decimalsOf(x, 2)));
}

/** Plain number (weights, scores): 10, 9.98; never exponent notation. */
export function formatPlain(x: number | null): string {
  if (x == null) return '';
  return x.toFixed(decimalsOf(x, 0));
}

/** 99.76 → "99.76%". */
export function formatRate(x: number | null): string {
  if (x == null) return '';
  return x.toFixed(decimalsOf(x, 2)) + '%';
}

export function amountNumFmt(x: number | null): string {
  const d = x == null ? 2 : decimalsOf(x, 2);
  return '#,##0.' + '0'.repeat(d);
}

export function rateNumFmt(x: number | null): string {
  const d = x == null ? 2 : decimalsOf(x, 2);
  return '0.' + '0'.repeat(d) + '%';
}

/** The unit the form's amounts are printed in: the `unit` extra field, 元 by default (the samples). */
export function unitOf(form: Form): string {
  const u = (form as Record<string, unknown>).unit;
  return typeof u === 'string' && u.trim() ? u.trim() : '元';
}

/** Builds the official grid for one form. */
export function buildLayout(form: Form): FormLayout {
  const cells: LayoutCell[] = [];
  const rowKinds: RowKind[] = [];
  const unit = unitOf(form);
  const put = (
    row: number,
    col: number,
    value: string | number | null,
    style: CellStyle,
    opts: { rowSpan?: number; colSpan?: number; display?: string; numFmt?: string; align?: LayoutCell['align'] } = {},
  ) => {
    const display =
      opts.display ?? (value == null ? '' : typeof value === 'number' ? formatPlain(value) : value);
    cells.push({
      row,
      col,
      rowSpan: opts.rowSpan ?? 1,
      colSpan: opts.colSpan ?? 1,
      value,
      display,
      style,
      numFmt: opts.numFmt,
      align: opts.align ?? (style === 'text' ? 'left' : style === 'amount' || style === 'number' || style === 'percent' ? 'right' : 'center'),
    });
  };
  const amount = (row: number, col: number, x: number | null) =>
    put(row, col, x, 'amount', { display: formatAmount(x), numFmt: amountNumFmt(x) });
  const number = (row: number, col: number, x: number | null) => put(row, col, x, 'number', { display: formatPlain(x), numFmt: 'General' });

  let r = 0;
  rowKinds.push('title');
  put(r, 0, FORM_TITLE, 'title', { colSpan: 9 });
  r++;
  rowKinds.push('year');
  put(r, 0, `（${form.year ?? '    '}年度）`, 'subtitle', { colSpan: 9 });
  r++;
  rowKinds.push('project');
  put(r, 0, '项目名称', 'label');
  put(r, 1, form.projectName, 'text', { colSpan: 8 });
  r++;
  rowKinds.push('department');
  put(r, 0, '主管部门', 'label');
  put(r, 1, form.department, 'text', { colSpan: 3 });
  put(r, 4, '实施单位', 'label');
  put(r, 5, form.implementingUnit, 'text', { colSpan: 4 });
  r++;

  // Funds: the label column spans the header and the four money rows.
  rowKinds.push('funds-header');
  put(r, 0, `项目资金（${unit}）`, 'label', { rowSpan: 5 });
  put(r, 1, null, 'header');
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((h, i) => put(r, 2 + i, h, 'header'));
  put(r, 8, null, 'text', { rowSpan: 5 });
  r++;
  const t = form.funds.total;
  rowKinds.push('funds');
  put(r, 1, '年度资金总额', 'label');
  amount(r, 2, t.initialBudget);
  amount(r, 3, t.annualBudget);
  amount(r, 4, t.executed);
  number(r, 5, t.weight);
  put(r, 6, t.rate, 'percent', { display: formatRate(t.rate), numFmt: rateNumFmt(t.rate) });
  number(r, 7, t.score);
  r++;
  const sub: [string, FundRow][] = [
    ['其中：当年财政拨款', form.funds.fiscal],
    ['上年结转资金', form.funds.carryover],
    ['其他资金', form.funds.other],
  ];
  for (const [label, row] of sub) {
    rowKinds.push('funds');
    put(r, 1, label, 'label');
    amount(r, 2, row.initialBudget);
    amount(r, 3, row.annualBudget);
    amount(r, 4, row.executed);
    // the 其中 rows carry no score: the template prints a dash
    put(r, 5, '—', 'label');
    put(r, 6, null, 'percent');
    put(r, 7, null, 'number');
    r++;
  }

  rowKinds.push('goals-header');
  put(r, 0, '年度总体目标', 'label', { rowSpan: 2 });
  put(r, 1, '预期目标', 'header', { colSpan: 4 });
  put(r, 5, '实际完成情况', 'header', { colSpan: 4 });
  r++;
  rowKinds.push('goals');
  put(r, 1, form.goals.expected, 'text', { colSpan: 4 });
  put(r, 5, form.goals.actual, 'text', { colSpan: 4 });
  r++;

  const indicatorHeaderRow = r;
  const n = form.indicators.length;
  rowKinds.push('indicator-header');
  put(r, 0, '绩效指标', 'label', { rowSpan: n + 1 });
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((h, i) =>
    put(r, 1 + i, h, 'header'),
  );
  r++;
  const first = r;
  // Merge runs of equal level-1 (and level-2 within them) as on paper; nulls never merge.
  const span = (key: (i: number) => string | null, i: number) => {
    const k = key(i);
    if (k == null) return 1;
    let j = i + 1;
    while (j < n && key(j) === k) j++;
    return j - i;
  };
  const l1 = (i: number) => form.indicators[i].level1;
  const l12 = (i: number) =>
    form.indicators[i].level2 == null ? null : JSON.stringify([form.indicators[i].level1, form.indicators[i].level2]);
  for (let i = 0; i < n; i++) {
    const ind = form.indicators[i];
    rowKinds.push('indicator');
    const row = first + i;
    if (i === 0 || l1(i) == null || l1(i) !== l1(i - 1)) put(row, 1, ind.level1, 'label', { rowSpan: span(l1, i) });
    // the level-2 key includes level 1, so a level-2 run never crosses a level-1 boundary
    if (i === 0 || l12(i) == null || l12(i) !== l12(i - 1)) put(row, 2, ind.level2, 'label', { rowSpan: span(l12, i) });
    put(row, 3, ind.level3, 'text');
    put(row, 4, ind.target, 'text');
    put(row, 5, ind.actual, 'text');
    number(row, 6, ind.weight);
    number(row, 7, ind.score);
    put(row, 8, ind.deviation, 'text');
  }
  r = first + n;
  rowKinds.push('total');
  put(r, 0, '总分', 'label', { colSpan: 6 });
  number(r, 6, form.totalWeight);
  number(r, 7, form.totalScore);
  put(r, 8, null, 'text');

  return { widths: [...COLUMN_WIDTHS], rowKinds, cells, indicatorHeaderRow, unit };
}

/** Row-major matrix of displayed text (covered cells are ''), as a spreadsheet or PDF shows it. */
export function layoutToMatrix(layout: FormLayout): string[][] {
  const m = layout.rowKinds.map(() => Array.from({ length: layout.widths.length }, () => ''));
  for (const c of layout.cells) m[c.row][c.col] = c.display;
  return m;
}
