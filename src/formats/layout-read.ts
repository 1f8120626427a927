/**
 * Grid → Form: reads the official layout back from a grid of cells, whatever produced the grid
 * (an xlsx sheet, the rebuilt table of a PDF). Blocks are found by their labels, never by fixed
 * addresses, so shifted blocks, extra blank rows/columns and other tools' workbooks read too.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { emptyForm, emptyIndicator, type Form, type FundRow, type Indicator } from '../model/form.js';

export interface GridCell {
  /** Text as shown (for numbers: the printed text, e.g. "845,900.00" or "99.76%"). */
  text: string;
  /** A numeric value when the source typed it as a number. */
  num?: number;
  /** The numeric value is a fraction shown as a percent (spreadsheet 0.00% format). */
  percent?: boolean;
  /** Covered by a merge: a copy of the merge's top-left cell. */
  covered?: boolean;
}

export interface SourceGrid {
  rows: (GridCell | null)[][];
  /** 1-based source line (sheet row, or PDF page line) of each grid row, for diagnostics. */
  lines?: number[];
  /** Name for messages ("Sheet1", "page 2"). */
  name?: string;
}

export interface GridReadOptions {
  /**
   * Carry a level-1/level-2 label down into blank cells below it. Needed where merges are
   * invisible (PDF text) or where other tools leave the cells blank instead of merging.
   */
  carryBlankLabels: boolean;
  /** Report a block that does not start in column A (other tools' workbooks). */
  reportShift?: boolean;
}

export interface GridReadResult {
  forms: Form[];
  diagnostics: Diagnostic[];
}

/** Label text normalised for matching: no whitespace, ASCII parentheses and colon. */
export function normLabel(s: string): string {
  return s
    .replace(/[\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':');
}

const DASHES = /^[—–\-－/／―]+$/;

/** "845,900.00" → 845900, "99.76%" → 99.76 (percent=true); null when blank or a dash; NaN when unreadable. */
export function parseNumberText(s: string): { value: number | null; percent: boolean } {
  const t = s.replace(/[\s\u3000,，]/g, '');
  if (t === '' || DASHES.test(t)) return { value: null, percent: false };
  const percent = /[%％]$/.test(t);
  const body = percent ? t.slice(0, -1) : t;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(body)) return { value: NaN, percent };
  return { value: Number(body), percent };
}

/** Removes float noise from a scaled value (0.9976 * 100 = 99.76000000000001). */
const clean = (x: number) => Number(x.toPrecision(12));

const isBlank = (c: GridCell | null | undefined): boolean => !c || c.covered || c.text.trim() === '';

type Pos = { r: number; c: number };

export function readGrid(grid: SourceGrid, opts: GridReadOptions): GridReadResult {
  const diagnostics: Diagnostic[] = [];
  const forms: Form[] = [];
  const rows = grid.rows;
  const norm = rows.map((row) => row.map((c) => (c && !c.covered ? normLabel(c.text) : '')));
  const lineOf = (r: number) => (grid.lines ? grid.lines[r] : r + 1);

  // A form starts at its title (…自评表), or at 项目名称 when there is no title above it.
  const starts: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const title = norm[r].some((t) => t.includes('自评表'));
    const name = norm[r].some((t) => t === '项目名称' || t === '项目名称:');
    if (title) starts.push(r);
    else if (name && !(starts.length && r - starts[starts.length - 1] <= 3)) starts.push(r);
  }
  if (!starts.length) {
    diagnostics.push({ code: 'missing-block', level: 'error', message: `${grid.name ?? ''} 未找到自评表（无“项目名称”） / no form found`.trim() });
    return { forms, diagnostics };
  }
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : rows.length;
    const res = readBlock(rows, norm, start, end, opts, lineOf, grid.name);
    forms.push(res.form);
    diagnostics.push(...res.diagnostics);
  });
  return { forms, diagnostics };
}

function readBlock(
  rows: (GridCell | null)[][],
  norm: string[][],
  r0: number,
  r1: number,
  opts: GridReadOptions,
  lineOf: (r: number) => number,
  name: string | undefined,
): { form: Form; diagnostics: Diagnostic[] } {
  const form = emptyForm();
  const diagnostics: Diagnostic[] = [];
  const where = name ? `${name}: ` : '';
  const missing = (what: string, path: string, level: Diagnostic['level'] = 'warning') =>
    diagnostics.push({ code: 'missing-block', level, message: `${where}未找到“${what}” / block not found: ${what}`, line: lineOf(r0), path });
  const cell = (r: number, c: number) => rows[r]?.[c] ?? null;
  const find = (pred: (t: string) => boolean, from = r0, to = r1): Pos | null => {
    for (let r = from; r < to; r++) for (let c = 0; c < norm[r].length; c++) if (norm[r][c] && pred(norm[r][c])) return { r, c };
    return null;
  };
  const textRightOf = (p: Pos, stop?: (t: string) => boolean): string | null => {
    for (let c = p.c + 1; c < rows[p.r].length; c++) {
      const x = cell(p.r, c);
      if (isBlank(x)) continue;
      if (stop && stop(norm[p.r][c])) return null;
      return cleanText(x!.text);
    }
    return null;
  };
  const unread = (r: number, path: string, text: string) =>
    diagnostics.push({ code: 'unread-line', level: 'warning', message: `${where}无法读取数值“${text}” / unreadable number`, line: lineOf(r), path });
  const numberAt = (r: number, c: number | undefined, path: string, asRate = false): number | null => {
    if (c === undefined) return null;
    const x = cell(r, c);
    if (isBlank(x)) return null;
    if (x!.num !== undefined) return x!.percent && asRate ? clean(x!.num * 100) : x!.num;
    const p = parseNumberText(x!.text);
    if (p.value === null) return null;
    if (Number.isNaN(p.value)) {
      unread(r, path, x!.text);
      return null;
    }
    return p.value;
  };
  const textAt = (r: number, c: number | undefined): string | null => {
    if (c === undefined) return null;
    const x = cell(r, c);
    if (isBlank(x)) return null;
    if (x!.num !== undefined && x!.percent) return `${clean(x!.num * 100)}%`;
    return cleanText(x!.text);
  };

  // Year: "（2022年度）" under the title, or in the title itself.
  for (let r = r0; r < Math.min(r1, r0 + 4) && form.year === null; r++)
    for (const t of norm[r]) {
      const m = /((?:19|20)\d\d)年/.exec(t);
      if (m) {
        form.year = Number(m[1]);
        break;
      }
    }

  const isLabel = (t: string) => /^(项目名称|主管部门|实施单位|项目资金|年度(总体)?目标)/.test(t);
  const pName = find((t) => t.startsWith('项目名称'));
  if (pName) {
    form.projectName = textRightOf(pName, isLabel);
    if (opts.reportShift && pName.c > 0)
      diagnostics.push({ code: 'column-shift', level: 'info', message: `${where}表格从第 ${pName.c + 1} 列开始 / block starts in column ${pName.c + 1}`, line: lineOf(pName.r) });
  } else missing('项目名称', 'projectName');
  const pDept = find((t) => t.startsWith('主管部门'));
  if (pDept) form.department = textRightOf(pDept, isLabel);
  else missing('主管部门', 'department');
  const pUnit = find((t) => t.startsWith('实施单位'));
  if (pUnit) form.implementingUnit = textRightOf(pUnit, isLabel);
  else missing('实施单位', 'implementingUnit');

  // Funds: columns come from the header row (年初预算数 …), rows from their labels.
  const unitPos = find((t) => t.startsWith('项目资金'));
  let unit: string | null = null;
  if (unitPos) {
    const m = /[(（](万?元)[)）]/.exec(norm[unitPos.r][unitPos.c]);
    if (m) unit = m[1];
  }
  const fh = find((t) => t.startsWith('年初预算'));
  const goalsPos = find((t) => t === '预期目标' || t.startsWith('预期目标'));
  const ih = find((t) => t.startsWith('一级指标'));
  if (fh) {
    if (!unit) {
      const m = /[(（](万?元)[)）]/.exec(norm[fh.r][fh.c]);
      if (m) unit = m[1];
    }
    const cols: Partial<Record<'initialBudget' | 'annualBudget' | 'executed' | 'weight' | 'rate' | 'score', number>> = {};
    norm[fh.r].forEach((t, c) => {
      if (!t) return;
      if (t.startsWith('年初预算')) cols.initialBudget ??= c;
      else if (t.startsWith('全年预算')) cols.annualBudget ??= c;
      else if (t.startsWith('全年执行')) cols.executed ??= c;
      else if (t.startsWith('分值')) cols.weight ??= c;
      else if (t.startsWith('执行率')) cols.rate ??= c;
      else if (t.startsWith('得分')) cols.score ??= c;
    });
    const fundsEnd = Math.min(goalsPos?.r ?? r1, ih?.r ?? r1, r1);
    const seen = new Set<string>();
    for (let r = fh.r + 1; r < fundsEnd; r++) {
      const key = fundKey(norm[r]);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const row: FundRow = {
        initialBudget: numberAt(r, cols.initialBudget, `funds.${key}.initialBudget`),
        annualBudget: numberAt(r, cols.annualBudget, `funds.${key}.annualBudget`),
        executed: numberAt(r, cols.executed, `funds.${key}.executed`),
      };
      if (key === 'total')
        form.funds.total = {
          ...row,
          weight: numberAt(r, cols.weight, 'funds.total.weight'),
          rate: numberAt(r, cols.rate, 'funds.total.rate', true),
          score: numberAt(r, cols.score, 'funds.total.score'),
        };
      else form.funds[key] = row;
    }
    if (!seen.has('total')) missing('年度资金总额', 'funds.total');
  } else missing('年初预算数', 'funds');
  if (unit) {
    (form as Record<string, unknown>).unit = unit;
    if (unit === '万元')
      diagnostics.push({
        // the model has no unit code yet; the amounts are kept as printed, in 万元
        code: 'amount-unit',
        level: 'info',
        message: `${where}金额单位为万元，按原值保留未换算 / amounts are in 万元, kept as printed`,
        line: lineOf(unitPos?.r ?? fh!.r),
        path: 'funds',
      });
  }

  // Goals: the row under 预期目标 / 实际完成情况 (possibly several rows, up to the indicator table).
  if (goalsPos) {
    const actualLabel = find((t) => t.startsWith('实际完成情况'), goalsPos.r, goalsPos.r + 1);
    const stop = ih?.r ?? r1;
    const exp: string[] = [];
    const act: string[] = [];
    for (let r = goalsPos.r + 1; r < stop; r++) {
      if (norm[r].some((t) => t.startsWith('总分'))) break;
      const vals: { c: number; t: string }[] = [];
      rows[r].forEach((x, c) => {
        if (isBlank(x) || /^年度(总体)?目标$/.test(norm[r][c]) || norm[r][c] === '绩效指标') return;
        vals.push({ c, t: cleanText(x!.text) ?? "" });
      });
      if (vals.length >= 2) {
        exp.push(vals[0].t);
        act.push(vals.slice(1).map((v) => v.t).join(''));
      } else if (vals.length === 1) {
        // one cell: which side of the two labels it sits on (labels may be centred over a span)
        const isActual = actualLabel ? vals[0].c > goalsPos.c : false;
        (isActual ? act : exp).push(vals[0].t);
      }
    }
    form.goals.expected = exp.length ? exp.join('') : null;
    form.goals.actual = act.length ? act.join('') : null;
  } else missing('预期目标', 'goals');

  // Indicators: columns from the header row; rows up to 总分.
  if (ih) {
    const cols: Partial<Record<keyof Indicator, number>> = {};
    norm[ih.r].forEach((t, c) => {
      if (!t) return;
      if (t.includes('偏差')) cols.deviation ??= c;
      else if (t.startsWith('一级指标')) cols.level1 ??= c;
      else if (t.startsWith('二级指标')) cols.level2 ??= c;
      else if (t.startsWith('三级指标')) cols.level3 ??= c;
      else if (t.includes('指标值')) cols.target ??= c;
      else if (t.startsWith('实际')) cols.actual ??= c;
      else if (t.startsWith('分值') || t.startsWith('权重')) cols.weight ??= c;
      else if (t.startsWith('得分')) cols.score ??= c;
    });
    if (opts.reportShift && ih.c !== 1)
      diagnostics.push({ code: 'column-shift', level: 'info', message: `${where}指标表“一级指标”在第 ${ih.c + 1} 列 / indicator table shifted`, line: lineOf(ih.r) });
    let l1: string | null = null;
    let l2: string | null = null;
    let totalRow = -1;
    for (let r = ih.r + 1; r < r1; r++) {
      const t = norm[r];
      if (t.some((x) => x === '总分' || x.startsWith('总分') || x === '合计')) {
        totalRow = r;
        break;
      }
      // the header repeated on a new page (a label printed over it may share its cells)
      if (t.some((x) => x.includes('一级指标')) && t.some((x) => x.includes('三级指标') || x.includes('二级指标'))) continue;
      const has = (c: number | undefined) => c !== undefined && !isBlank(cell(r, c));
      const content = (['level3', 'target', 'actual', 'weight', 'score', 'deviation'] as const).some((k) => has(cols[k]));
      const labelOf = (c: number | undefined, prev: string | null, parentChanged: boolean): string | null => {
        if (c === undefined) return null;
        const x = cell(r, c);
        if (x && x.covered) return x.text.trim() ? cleanText(x.text) : null;
        if (!isBlank(x)) return cleanText(x!.text);
        return opts.carryBlankLabels && !parentChanged ? prev : null;
      };
      const n1 = labelOf(cols.level1, l1, false);
      const n2 = labelOf(cols.level2, l2, n1 !== l1 && has(cols.level1));
      if (!content) {
        // a label-only row (some tools print the section on its own row): remember, no indicator
        if (has(cols.level1) || has(cols.level2)) {
          l1 = n1;
          l2 = n2;
        }
        continue;
      }
      l1 = n1;
      l2 = n2;
      const ind: Indicator = {
        ...emptyIndicator(),
        level1: l1,
        level2: l2,
        level3: textAt(r, cols.level3),
        target: textAt(r, cols.target),
        actual: textAt(r, cols.actual),
        weight: numberAt(r, cols.weight, `indicators[${form.indicators.length}].weight`),
        score: numberAt(r, cols.score, `indicators[${form.indicators.length}].score`),
        deviation: textAt(r, cols.deviation),
      };
      form.indicators.push(ind);
    }
    if (totalRow >= 0) {
      form.totalWeight = numberAt(totalRow, cols.weight, 'totalWeight');
      form.totalScore = numberAt(totalRow, cols.score, 'totalScore');
      if (form.totalWeight === null && form.totalScore === null) {
        // other tools put the two totals anywhere in the row: take the numbers in order
        const nums: number[] = [];
        rows[totalRow].forEach((x, c) => {
          if (isBlank(x) || norm[totalRow][c].startsWith('总分')) return;
          const v = x!.num ?? parseNumberText(x!.text).value;
          if (v !== null && !Number.isNaN(v)) nums.push(v);
        });
        if (nums.length >= 2) [form.totalWeight, form.totalScore] = nums.slice(-2);
        else if (nums.length === 1) form.totalScore = nums[0];
      }
    } else missing('总分', 'totalScore');
  } else missing('一级指标', 'indicators', 'error');

  return { form, diagnostics };
}

function fundKey(t: string[]): 'total' | 'fiscal' | 'carryover' | 'other' | null {
  for (const x of t) {
    if (!x) continue;
    if (x.includes('资金总额')) return 'total';
    if (x.includes('财政拨款')) return 'fiscal';
    if (x.includes('结转')) return 'carryover';
    if (x.includes('其他资金')) return 'other';
  }
  return null;
}

/** Cell text as the form says it: trims the edges only (inner spaces are printed text). */
function cleanText(s: string): string | null {
  const t = s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  return t === '' ? null : t;
}
