/**
 * What a reader repaired or could not read in one source. Data, not exceptions: a reader returns
 * its diagnostics beside the forms it read.
 */
export type DiagnosticCode =
  | 'encoding-gb18030'
  | 'encoding-utf16'
  | 'binary-input'
  | 'empty-input'
  | 'html-stripped'
  | 'markdown-table'
  | 'cell-wrap-joined'
  | 'label-fragment-removed'
  | 'column-shift'
  | 'merged-label-reattached'
  | 'section-by-weights'
  | 'page-break-stitched'
  | 'total-row-split'
  | 'missing-block'
  | 'unread-line'
  | 'arithmetic-mismatch'
  | 'amount-unit'
  | 'internal';

export interface Diagnostic {
  code: DiagnosticCode;
  /** 'info' = repaired, 'warning' = uncertain reading, 'error' = could not read. */
  level: 'info' | 'warning' | 'error';
  message: string;
  /** 1-based line in the source file, when the diagnostic is about one. */
  line?: number;
  /** Field path in the form (e.g. "indicators[3].level1"). */
  path?: string;
}

/** 1-based source line(s) a value was read from; null when it was not read from a line. */
export type SourceLines = number | number[] | null;

export type IndicatorField = 'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'weight' | 'score' | 'deviation';

/**
 * Where an indicator row's values came from: `line` is the row's own line, and a field is listed
 * only when it came from elsewhere (a merged label printed on another row, a cell stitched across
 * a page break). Compact because it is printed for every row of every form.
 */
export type IndicatorProvenance = { line: number | null } & Partial<Record<IndicatorField, SourceLines>>;

/** The source line(s) of one indicator value (null when the row was not read from lines). */
export const indicatorSource = (p: IndicatorProvenance | undefined, field: IndicatorField): SourceLines =>
  p ? (p[field] !== undefined ? p[field]! : p.line) : null;

/** Where each value of a form came from, in the form's own shape (a funds row is one line). */
export interface FormProvenance {
  year: SourceLines;
  projectName: SourceLines;
  department: SourceLines;
  implementingUnit: SourceLines;
  funds: { total: SourceLines; fiscal: SourceLines; carryover: SourceLines; other: SourceLines };
  goals: { expected: SourceLines; actual: SourceLines };
  totalWeight: SourceLines;
  totalScore: SourceLines;
  indicators: IndicatorProvenance[];
}

export const emptyProvenance = (indicators = 0): FormProvenance => ({
  year: null, projectName: null, department: null, implementingUnit: null,
  funds: { total: null, fiscal: null, carryover: null, other: null },
  goals: { expected: null, actual: null },
  totalWeight: null, totalScore: null,
  indicators: Array.from({ length: indicators }, () => ({ line: null })),
});

/** Adds a line to a value's source lines (a value stitched from several lines). */
export const addLine = (cur: SourceLines, line: number): SourceLines =>
  cur === null ? line : Array.isArray(cur) ? (cur.includes(line) ? cur : [...cur, line].sort((a, b) => a - b)) : cur === line ? cur : [cur, line].sort((a, b) => a - b);

/** A title per code in both languages (messages themselves are zh-CN, with the numbers). */
export const DIAGNOSTIC_TITLES: Record<DiagnosticCode, { 'zh-CN': string; en: string }> = {
  'encoding-gb18030': { 'zh-CN': '按 GB18030 解码', en: 'decoded as GB18030' },
  'encoding-utf16': { 'zh-CN': '按 UTF-16 解码', en: 'decoded as UTF-16' },
  'binary-input': { 'zh-CN': '二进制内容', en: 'binary content, not a text export' },
  'empty-input': { 'zh-CN': '空文件', en: 'empty input' },
  'html-stripped': { 'zh-CN': '去除 HTML 标签', en: 'HTML tags stripped' },
  'markdown-table': { 'zh-CN': 'Markdown 表格', en: 'row printed as a markdown table' },
  'cell-wrap-joined': { 'zh-CN': '合并折行单元格', en: 'wrapped cell joined' },
  'label-fragment-removed': { 'zh-CN': '删除混入的标签片段', en: 'label fragment removed from a value' },
  'column-shift': { 'zh-CN': '错位列已对齐', en: 'shifted columns re-aligned' },
  'merged-label-reattached': { 'zh-CN': '合并单元格标签归位', en: 'merged label re-attached' },
  'section-by-weights': { 'zh-CN': '按分值合计判定一级指标', en: 'section chosen by the weights' },
  'page-break-stitched': { 'zh-CN': '跨页单元格拼接', en: 'cell stitched across a page break' },
  'total-row-split': { 'zh-CN': '总分行被拆分', en: 'total row split over lines' },
  'missing-block': { 'zh-CN': '缺少部分', en: 'block missing' },
  'unread-line': { 'zh-CN': '无法识别的行', en: 'line not understood' },
  'arithmetic-mismatch': { 'zh-CN': '表内算术不符', en: "the form's own arithmetic does not add up" },
  'amount-unit': { 'zh-CN': '金额单位', en: 'amounts are in another unit (万元)' },
  internal: { 'zh-CN': '内部错误', en: 'internal error' },
};
