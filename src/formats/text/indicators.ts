/**
 * Rebuilds the indicator table (一级/二级/三级指标 … 偏差原因) from export lines: finds each row's
 * column shift from its numbers, stitches cells split by page breaks, re-attaches merged labels,
 * and decides which section a label-less row belongs to with the form's own arithmetic.
 */
import { addLine, type Diagnostic, type IndicatorProvenance } from '../../model/diagnostic.js';
import type { Indicator } from '../../model/form.js';
import { level1Of, level2Of, parentOf, type Level1 } from '../../model/taxonomy.js';
import { isIndicatorLabelFragment, parseAmount, squash, unwrapText } from './cells.js';
import type { Line } from './lines.js';

/** Column of each field in the table header (as printed; rows may be shifted from it). */
export interface IndicatorColumns {
  l1: number; l2: number; l3: number; target: number; actual: number; weight: number; score: number; deviation: number;
}
export const DEFAULT_COLUMNS: IndicatorColumns = { l1: 1, l2: 2, l3: 3, target: 4, actual: 5, weight: 6, score: 7, deviation: 8 };

export function headerColumns(line: Line): IndicatorColumns {
  const c = { ...DEFAULT_COLUMNS };
  const found: Partial<IndicatorColumns> = {};
  line.cells.forEach((cell, i) => {
    const s = squash(cell);
    if (s === '') return;
    if (s.includes('一级')) found.l1 ??= i;
    else if (s.includes('二级')) found.l2 ??= i;
    else if (s.includes('三级')) found.l3 ??= i;
    else if (s.includes('指标值') || s === '年度目标值') found.target ??= i;
    else if (s.includes('完成值') || s.includes('实际值')) found.actual ??= i;
    else if (s === '分值' || s === '权重' || s === '分值（权重）') found.weight ??= i;
    else if (s === '得分' || s === '自评得分') found.score ??= i;
    else if (s.includes('偏差') || s.includes('原因')) found.deviation ??= i;
  });
  // Fill what the header does not name from its neighbours, keeping the template's order.
  const keys = Object.keys(DEFAULT_COLUMNS) as (keyof IndicatorColumns)[];
  const anchor = keys.find((k) => found[k] !== undefined);
  if (!anchor) return c;
  const base = found[anchor]! - DEFAULT_COLUMNS[anchor];
  for (const k of keys) c[k] = found[k] ?? DEFAULT_COLUMNS[k] + base;
  return c;
}

type TextField = 'level3' | 'target' | 'actual' | 'deviation';

interface Row {
  kind: 'row';
  line: Line;
  shift: number;
  l1?: { text: Level1; line: number };
  l2?: { text: string; line: number };
  fields: Record<TextField, string | null>;
  weight: number | null;
  score: number | null;
  prov: IndicatorProvenance;
  stitched: boolean;
}

interface TextLine {
  kind: 'text';
  line: Line;
  labels: { text: string; index: number }[];
  texts: { text: string; index: number }[];
}

type Item = Row | TextLine;

export interface IndicatorOptions {
  /** Expected level-1 weights (rules.md §2.3): used only to decide ambiguous section boundaries. */
  sectionWeights: Partial<Record<Level1, number>>;
}

/** How well reading the row with this shift explains its cells (higher is better). */
function shiftScore(cells: string[], nums: (number | null)[], col: IndicatorColumns, s: number): number {
  const wi = col.weight + s, si = col.score + s, di = col.deviation + s;
  if (wi < 2 || wi >= cells.length + 1) return -Infinity;
  const w = nums[wi], sc = nums[si];
  let score = 0;
  if (w != null) score += w <= 100 ? 4 : 1;
  else score -= cells[wi] ? 4 : 2;
  if (sc != null) score += 3;
  else if (cells[si]) score -= 3;
  if (nums[di] != null) score -= 2;
  for (let j = di + 1; j < cells.length; j++) if (cells[j]) score -= 3;
  return score - Math.abs(s) * 0.5;
}

function readRow(line: Line, cells: string[], col: IndicatorColumns): Row | null {
  const nums = cells.map((c) => (c === '' ? null : parseAmount(c)));
  let best = -Infinity, shift = 0;
  for (let s = -3; s <= 3; s++) {
    const v = shiftScore(cells, nums, col, s);
    if (v > best) { best = v; shift = s; }
  }
  const weight = nums[col.weight + shift] ?? null, score = nums[col.score + shift] ?? null;
  if (weight === null && score === null) return null;
  const at = (k: keyof IndicatorColumns) => cells[col[k] + shift] ?? '';
  const prov: IndicatorProvenance = { line: line.no };
  const fields: Record<TextField, string | null> = { level3: null, target: null, actual: null, deviation: null };
  const set = (f: TextField, v: string) => {
    const t = unwrapText(v);
    if (t) fields[f] = t;
  };
  set('target', at('target'));
  set('actual', at('actual'));
  const devCells = cells.slice(col.deviation + shift).filter((x) => x !== '');
  if (devCells.length) set('deviation', devCells.join(''));
  const row: Row = {
    kind: 'row', line, shift, l1: undefined, l2: undefined, fields,
    weight, score, prov, stitched: false,
  };

  const l3i = col.l3 + shift;
  const l3 = cells[l3i] ?? '';
  const others: string[] = [];
  for (let j = 0; j < Math.min(l3i, cells.length); j++) {
    const c = cells[j];
    if (!c) continue;
    if (applyLabel(row, c, line.no)) continue;
    // Text in the level-2 column of a row that has its own level-3 name: a level-2 name outside the taxonomy.
    if (j === col.l2 + shift && l3) row.l2 ??= { text: squash(c), line: line.no };
    else others.push(c);
  }
  if (l3) set('level3', l3);
  else if (others.length) set('level3', others[others.length - 1]);
  return row;
}

/** Records a taxonomy label on a row; false when the text is not one. */
function applyLabel(row: Row, text: string, lineNo: number): boolean {
  const l1 = level1Of(text);
  const l2 = level2Of(text);
  if (!l1 && !l2) return false;
  if (l1 && l2) {
    // 成本指标 is a level-2 under 产出 in the 2020 template and a level-1 in the 101号 layout:
    // read it as level-2 here; a 成本-family level-2 after it makes it the level-1 (below).
    row.l2 = { text: squash(text), line: lineNo };
    return true;
  }
  if (l1) {
    row.l1 = { text: l1, line: lineNo };
    return true;
  }
  if (row.l2?.text === '成本指标' && parentOf(l2) === '成本指标') row.l1 = { text: '成本指标', line: row.l2.line };
  row.l2 = { text: squash(text), line: lineNo };
  return true;
}

function readTextLine(line: Line, cells: string[]): TextLine {
  const t: TextLine = { kind: 'text', line, labels: [], texts: [] };
  cells.forEach((c, index) => {
    if (!c) return;
    if (level1Of(c) || level2Of(c)) t.labels.push({ text: c, index });
    else t.texts.push({ text: c, index });
  });
  return t;
}

/** Which text field of `row` a fragment printed in column `index` continues. */
function fragmentField(row: Row, col: IndicatorColumns, index: number): TextField {
  const slots: [TextField, number][] = [
    ['level3', col.l3 + row.shift], ['target', col.target + row.shift],
    ['actual', col.actual + row.shift], ['deviation', col.deviation + row.shift],
  ];
  const exactEmpty = slots.find(([f, i]) => i === index && !row.fields[f]);
  if (exactEmpty) return exactEmpty[0];
  // A cell cut by a page break is the one that runs to the column width: the longest neighbour.
  let best: TextField | null = null, len = -1;
  for (const [f, i] of slots) {
    const v = row.fields[f];
    if (Math.abs(i - index) <= 1 && v && v.length > len) { best = f; len = v.length; }
  }
  if (best) return best;
  let near: TextField = 'level3', d = Infinity;
  for (const [f, i] of slots) if (Math.abs(i - index) < d) { near = f; d = Math.abs(i - index); }
  return near;
}

export function readIndicators(
  lines: Line[], col: IndicatorColumns, opts: IndicatorOptions,
): { indicators: Indicator[]; provenance: IndicatorProvenance[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const items: Item[] = [];
  for (const line of lines) {
    let cells = line.cells;
    if (cells[0] && isIndicatorLabelFragment(cells[0])) { cells = cells.slice(); cells[0] = ''; }
    const row = readRow(line, cells, col);
    if (row) {
      if (row.shift !== 0)
        diagnostics.push({ code: 'column-shift', level: 'info', line: line.no, message: `第 ${line.no} 行整体错位 ${row.shift > 0 ? '右' : '左'}移 ${Math.abs(row.shift)} 列，已对齐` });
      items.push(row);
    } else {
      const t = readTextLine(line, cells);
      if (t.labels.length || t.texts.length) items.push(t);
    }
  }

  // Attach text-only lines (cells or labels cut off by a page break) to the row they belong to.
  const rows = items.filter((it): it is Row => it.kind === 'row');
  items.forEach((it, p) => {
    if (it.kind !== 'text') return;
    const prev = findRow(items, p, -1);
    const next = findRow(items, p, +1);
    const nextItem = items[p + 1];
    let target: Row | undefined;
    let before = false;
    if (it.line.afterBreak && prev) target = prev;
    else if (next && nextItem === next && (next.line.afterBreak || (it.texts.length === 0 && !next.line.afterBreak))) { target = next; before = true; }
    else target = prev ?? next;
    if (!target) {
      diagnostics.push({ code: 'unread-line', level: 'warning', line: it.line.no, message: `第 ${it.line.no} 行无法归入任何指标行` });
      return;
    }
    if (target === next && !prev) before = true;
    for (const l of it.labels) applyLabel(target, l.text, it.line.no);
    if (it.labels.length)
      diagnostics.push({ code: 'merged-label-reattached', level: 'info', line: it.line.no, message: `第 ${it.line.no} 行的合并单元格标签归入第 ${target.line.no} 行` });
    for (const t of it.texts) {
      const f = fragmentField(target, col, t.index);
      const piece = unwrapText(t.text);
      const cur = target.fields[f];
      target.fields[f] = cur ? (before ? piece + cur : cur + piece) : piece;
      // a stitched cell lists its lines (its own row's line and the fragment's)
      target.prov[f] = addLine(target.fields[f] === piece ? null : (target.prov[f] ?? target.line.no), it.line.no);
      target.stitched = true;
      diagnostics.push({ code: 'page-break-stitched', level: 'info', line: it.line.no, message: `第 ${it.line.no} 行的“${piece.slice(0, 12)}”接入第 ${target.line.no} 行` });
    }
  });

  const sections = assignSections(rows, opts, diagnostics);
  const indicators: Indicator[] = new Array(rows.length);
  const provenance: IndicatorProvenance[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i], sec = sections[i];
    indicators[i] = {
      level1: sec.l1, level2: sec.l2, level3: r.fields.level3, target: r.fields.target, actual: r.fields.actual,
      weight: r.weight, score: r.score, deviation: r.fields.deviation,
    };
    // labels usually come from another row's merged cell; only then is their line listed
    if (sec.l1Line !== undefined && sec.l1Line !== r.line.no) r.prov.level1 = sec.l1Line;
    if (sec.l2Line !== undefined && sec.l2Line !== r.line.no) r.prov.level2 = sec.l2Line;
    provenance[i] = r.prov;
  }
  return { indicators, provenance, diagnostics };
}

function findRow(items: Item[], p: number, dir: 1 | -1): Row | undefined {
  for (let q = p + dir; q >= 0 && q < items.length; q += dir) {
    const it = items[q];
    if (it.kind === 'row') return it;
  }
  return undefined;
}

interface Section { l1: string | null; l2: string | null; l1Line?: number; l2Line?: number }

/**
 * Level-1 sections are contiguous runs in template order; a label-less row between two sections
 * joins the earlier one (its merged cell started above), unless moving it makes both sections'
 * weights match the expected split exactly — then the later section's merged label was printed
 * below the row (a page break cut the merged cell).
 */
function assignSections(rows: Row[], opts: IndicatorOptions, diagnostics: Diagnostic[]): Section[] {
  const n = rows.length;
  const l1: (Level1 | null)[] = rows.map((r) => r.l1?.text ?? parentOf(r.l2?.text) ?? null);
  const anchors: number[] = [];
  for (let i = 0; i < n; i++) if (l1[i]) anchors.push(i);
  const out: (Level1 | null)[] = new Array(n).fill(null);
  if (anchors.length) {
    for (let i = 0; i <= anchors[0]; i++) out[i] = l1[anchors[0]];
    for (let a = 0; a < anchors.length; a++) {
      const i = anchors[a], j = a + 1 < anchors.length ? anchors[a + 1] : n;
      for (let k = i; k < j; k++) out[k] = l1[i];
      if (j < n) out[j] = l1[j];
    }
    // Gaps between different sections: try moving the label-less rows to the later section.
    for (let a = 0; a + 1 < anchors.length; a++) {
      const i = anchors[a], j = anchors[a + 1];
      const A = l1[i]!, B = l1[j]!;
      if (A === B || j - i < 2) continue;
      const ea = opts.sectionWeights[A], eb = opts.sectionWeights[B];
      if (ea === undefined || eb === undefined) continue;
      const sum = (x: Level1) => rows.reduce((s, r, k) => s + (out[k] === x ? (r.weight ?? 0) : 0), 0);
      if (sum(A) === ea && sum(B) === eb) continue;
      for (let k = j - 1; k > i; k--) {
        // rows k..j-1 move to B
        let moved = 0;
        for (let q = k; q < j; q++) moved += rows[q].weight ?? 0;
        if (moved > 0 && near(sum(A) - moved, ea) && near(sum(B) + moved, eb)) {
          for (let q = k; q < j; q++) out[q] = B;
          diagnostics.push({
            code: 'section-by-weights', level: 'info', line: rows[k].line.no,
            message: `第 ${rows[k].line.no} 行起 ${j - k} 行无标签，按分值合计归入${B}（${A} ${ea}、${B} ${eb}）(section chosen by weights)`,
          });
          break;
        }
      }
    }
  }
  // Level 2 within each section: a row takes the label above it, or the section's first label
  // when it sits above that label (merged cell printed below its first row).
  const res: Section[] = rows.map((r, i) => ({ l1: out[i], l2: null, l1Line: r.l1?.line }));
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && out[end + 1] === out[start]) end++;
    let current: { text: string; line: number } | undefined;
    const first = rows.slice(start, end + 1).find((r) => r.l2);
    for (let i = start; i <= end; i++) {
      if (rows[i].l2) current = rows[i].l2;
      const lab = current ?? first?.l2;
      if (lab) { res[i].l2 = lab.text; res[i].l2Line = lab.line; }
    }
    start = end + 1;
  }
  return res;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
