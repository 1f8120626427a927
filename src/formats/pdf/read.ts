/**
 * PDF → Form(s). Reads the text layer (unpdf / pdf.js) with coordinates and rebuilds the table:
 * items → lines (by y) → rows (by the vertical gap cell padding leaves between rows) → columns
 * (from the header labels' positions), then maps the grid with layout-read.ts. Works on our own
 * PDFs and on LibreOffice prints of our xlsx; other layouts read as far as their labels allow.
 */
import { getDocumentProxy } from 'unpdf';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Form } from '../../model/form.js';
import { COLUMN_WIDTHS } from '../layout.js';
import { normLabel, readGrid, type GridCell } from '../layout-read.js';
import { normalizeRadicals, unmappedGlyphs } from './kangxi.js';

export interface ImportResult {
  forms: Form[];
  diagnostics: Diagnostic[];
}

export interface TextItem {
  str: string;
  x: number;
  y: number;
  w: number;
  /** Font size (height of the text box). */
  h: number;
}

export function sniffPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1024)));
  return head.includes('%PDF-');
}

/** The text items of every page, radicals normalised, pdf.js's gap-filling blanks dropped. */
export async function pdfTextItems(bytes: Uint8Array): Promise<TextItem[][]> {
  return (await pdfTextLayer(bytes)).pages;
}

/** Text items per page, and the PDF's Creator (ours says "jixiao"). */
export async function pdfTextLayer(bytes: Uint8Array): Promise<{ pages: TextItem[][]; creator: string }> {
  // pdf.js may detach the buffer it is given, and refuses a Node Buffer: hand it a plain copy
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const pages: TextItem[][] = [];
  let creator = '';
  try {
    const meta = await doc.getMetadata().catch(() => null);
    creator = String((meta?.info as Record<string, unknown> | undefined)?.Creator ?? '');
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const tc = await page.getTextContent();
      const items: TextItem[] = [];
      for (const it of tc.items) {
        if (!('str' in it) || !it.str || !it.str.trim()) continue;
        const [a, b, c, d, x, y] = it.transform as number[];
        const h = it.height || Math.hypot(c, d) || Math.hypot(a, b);
        items.push({ str: normalizeRadicals(it.str), x, y, w: it.width, h });
      }
      pages.push(items);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { pages, creator };
}

interface Line {
  y: number;
  h: number;
  items: TextItem[];
}

function toLines(items: TextItem[]): Line[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= 0.3 * Math.max(last.h, it.h)) {
      last.items.push(it);
      last.h = Math.max(last.h, it.h);
    } else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  for (const l of lines) {
    l.items.sort((p, q) => p.x - q.x);
    // join the runs one cell line is split into (font switches, glyph positioning): the column
    // is decided by where the whole run starts. Runs of one line touch (gap < 0.02 em); the
    // narrowest gap between two cells' texts is ≈ 0.3 em
    const runs: TextItem[] = [];
    for (const it of l.items) {
      const r = runs[runs.length - 1];
      if (r && it.x - (r.x + r.w) < 0.06 * Math.max(r.h, it.h) && it.x >= r.x) {
        r.str += it.str;
        r.w = Math.max(r.w, it.x + it.w - r.x);
        r.y = Math.min(r.y, it.y);
        r.h = Math.max(r.h, it.h);
      } else runs.push({ ...it });
    }
    l.items = runs;
    // the lowest baseline: CJK runs where a line mixes scripts, so line gaps stay near the pitch
    l.y = Math.min(...l.items.map((i) => i.y));
  }
  return lines;
}

/**
 * Consecutive lines belong to one table row while they are one line pitch apart (≈1.45 em for
 * CJK fonts, plus up to ≈0.23 em where a Latin run sits on another baseline); a row boundary adds
 * the cell padding and spare height, so the gap is ≥ ≈2 em in our PDF and spreadsheet prints.
 */
function toRows(lines: Line[]): Line[][] {
  const rows: Line[][] = [];
  let prev: Line | null = null;
  for (const l of lines) {
    const h = Math.max(l.h, prev?.h ?? 0);
    if (prev && prev.y - l.y <= 1.8 * h && Math.abs(prev.h - l.h) < 0.5) rows[rows.length - 1].push(l);
    else rows.push([l]);
    prev = l;
  }
  return rows;
}

const HEADER_COLUMNS: [RegExp, number][] = [
  [/^绩效指标$/, 0],
  [/^一级指标/, 1],
  [/^二级指标/, 2],
  [/^三级指标/, 3],
  [/指标值/, 4],
  [/^实际完成值|^实际值/, 5],
  [/^分值|^权重/, 6],
  [/^得分/, 7],
  [/偏差/, 8],
];

/** Column boundaries (x where each column starts; the first is -∞) from a header row's labels. */
function columnsFromHeader(row: Line[], body: TextItem[] = []): number[] | null {
  // merge the items of one label (split runs, wrapped lines) by overlapping x ranges
  const clusters: { x0: number; x1: number; parts: TextItem[] }[] = [];
  for (const it of row.flatMap((l) => l.items)) {
    const x0 = it.x;
    const x1 = it.x + it.w;
    const c = clusters.find((k) => x0 <= k.x1 + it.h * 0.3 && x1 >= k.x0 - it.h * 0.3);
    if (c) {
      c.x0 = Math.min(c.x0, x0);
      c.x1 = Math.max(c.x1, x1);
      c.parts.push(it);
    } else clusters.push({ x0, x1, parts: [it] });
  }
  const pairs: { col: number; center: number }[] = [];
  for (const c of clusters) {
    const text = normLabel(c.parts.sort((p, q) => q.y - p.y || p.x - q.x).map((p) => p.str).join(''));
    const hit = HEADER_COLUMNS.find(([re]) => re.test(text));
    if (hit && !pairs.some((p) => p.col === hit[1])) pairs.push({ col: hit[1], center: (c.x0 + c.x1) / 2 });
  }
  if (pairs.length < 4) return null;
  pairs.sort((p, q) => p.col - q.col);
  // our layouts (pdfmake and a spreadsheet print of our xlsx) keep the column proportions:
  // fit left edge and scale to the label centres, which tolerates any page size or zoom
  const cum = [0];
  for (const w of COLUMN_WIDTHS) cum.push(cum[cum.length - 1] + w);
  const m = pairs.map((p) => cum[p.col] + COLUMN_WIDTHS[p.col] / 2);
  const cx = pairs.map((p) => p.center);
  const n = pairs.length;
  const mm = m.reduce((a, b) => a + b, 0) / n;
  const mc = cx.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (m[i] - mm) * (cx[i] - mc);
    sxx += (m[i] - mm) ** 2;
  }
  const s = sxy / sxx;
  const b0 = mc - s * mm;
  const worst = Math.max(...m.map((v, i) => Math.abs(b0 + s * v - cx[i])));
  if (s > 0 && worst < 0.25 * s * Math.min(...COLUMN_WIDTHS)) return cum.slice(0, 9).map((v, i) => (i === 0 ? -Infinity : b0 + s * v));
  // another tool's widths: between two label centres, the column starts where the body's
  // left-aligned text starts (many items share that x, few cross it); else halfway
  const bounds = Array.from({ length: 9 }, () => NaN);
  bounds[0] = -Infinity;
  for (let i = 1; i < n; i++) {
    const lo = pairs[i - 1].center;
    const hi = pairs[i].center;
    bounds[pairs[i].col] = leftEdgeBetween(body, lo, hi) ?? (lo + hi) / 2;
  }
  for (let k = 1; k < 9; k++) if (Number.isNaN(bounds[k])) bounds[k] = bounds[k - 1];
  return bounds;
}

function leftEdgeBetween(body: TextItem[], lo: number, hi: number): number | null {
  const inside = body.filter((it) => it.x > lo && it.x < hi);
  const widths = new Map<number, number[]>();
  for (const it of inside) {
    const x = Math.round(it.x * 2) / 2;
    widths.set(x, [...(widths.get(x) ?? []), it.w]);
  }
  // left-aligned text: several items start at one x and end at different x (right-aligned
  // numbers of equal length share both, and are not a column start)
  const candidates = [...widths.entries()]
    .filter(([, ws]) => ws.length >= 2 && Math.max(...ws) - Math.min(...ws) > 1)
    .map(([x]) => x)
    .sort((a, b) => a - b);
  for (const x of candidates) {
    const edge = x - 1;
    const crossing = body.filter((it) => it.x < edge && it.x + it.w > edge + 0.5).length;
    if (crossing <= Math.max(1, 0.1 * inside.length)) return edge;
  }
  // one text item alone (a single deviation note): text, unlike numbers, is rarely right-aligned
  const texts = inside.filter((it) => !/^[\d.,%％+\-—]+$/.test(it.str.trim()));
  if (texts.length) return Math.min((lo + hi) / 2, Math.min(...texts.map((it) => it.x)) - 1);
  return null;
}

/** Column of x; a NaN bound (a border inside a merged cell) is skipped. */
const colOf = (bounds: number[], x: number) => {
  let c = 0;
  for (let k = 1; k < bounds.length; k++) if (x >= bounds[k]) c = k;
  return c;
};

/** Approximate advance of a string: CJK and full-width characters are 1 em, others about half. */
const emWidth = (s: string, h: number) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[\uff61-\uff9f]/.test(ch) ? h : 0.5 * h), 0);

/**
 * pdf.js joins neighbouring runs into one item with a space when they are close, even across a
 * cell border ("…健全性 有效"). Split at a space whose two sides fall in different columns; the
 * right part's start is estimated from its width, exact for CJK text. No-break spaces (how our
 * own PDF prints spaces) never split.
 */
function splitAtColumns(it: TextItem, bounds: number[]): TextItem[] {
  const out: TextItem[] = [];
  let cur = it;
  for (let guard = 0; guard < 16; guard++) {
    let done = true;
    for (let i = cur.str.indexOf(' '); i > 0; i = cur.str.indexOf(' ', i + 1)) {
      const left = cur.str.slice(0, i).trimEnd();
      const right = cur.str.slice(i + 1).trimStart();
      if (!left || !right) continue;
      const leftEnd = cur.x + emWidth(left, cur.h);
      const rightStart = cur.x + cur.w - emWidth(right, cur.h);
      if (rightStart <= leftEnd) continue;
      const col = colOf(bounds, rightStart + Math.min(cur.h, 2));
      if (col === colOf(bounds, cur.x + Math.min(cur.h, 2))) continue;
      // the right part must start just inside its column, as a cell's text does
      if (rightStart - bounds[col] > 0.5 * cur.h || leftEnd > bounds[col] + 0.2 * cur.h) continue;
      out.push({ ...cur, str: left, w: leftEnd - cur.x });
      cur = { ...cur, str: right, x: rightStart, w: cur.x + cur.w - rightStart };
      done = false;
      break;
    }
    if (done) break;
  }
  out.push(cur);
  return out;
}

const isHeaderRow = (row: Line[]) => {
  const t = normLabel(row.flatMap((l) => l.items.map((i) => i.str)).join(''));
  return t.includes('一级指标') && (t.includes('三级指标') || t.includes('二级指标'));
};

const PAGE_NUMBER = /^(第\d+页(共\d+页)?|\d+[/／]\d+|page\d+(of\d+)?|-\d+-)$/i;

/**
 * One grid row per table row; text of each cell joined across its wrapped lines. An item belongs
 * to the column its text starts in: left-aligned text spanning merged columns (goals, names) starts
 * in the span's first column, and centred or right-aligned text starts inside its own column.
 */
function rowCells(row: Line[], bounds: number[], split: boolean): (GridCell | null)[] {
  const parts: { y: number; x: number; x1: number; h: number; str: string }[][] = Array.from({ length: bounds.length }, () => []);
  for (const l of row)
    for (const whole of l.items)
      for (const it of split ? splitAtColumns(whole, bounds) : [whole]) parts[colOf(bounds, it.x + Math.min(it.w, it.h) / 2)].push({ y: l.y, x: it.x, x1: it.x + it.w, h: it.h, str: it.str });
  return parts.map((ps) => {
    if (!ps.length) return null;
    let text = '';
    let prev: (typeof ps)[number] | null = null;
    for (const p of ps) {
      // runs of one line with a gap were separated by a space the PDF did not draw
      if (prev && Math.abs(prev.y - p.y) < 0.3 * p.h && p.x - prev.x1 > 0.15 * p.h && !/\s$/.test(text) && !/^\s/.test(p.str)) text += ' ';
      text += p.str;
      prev = p;
    }
    // our PDF prints spaces as no-break spaces so that a line wrap cannot swallow them
    return { text: text.replace(/\u00A0/g, ' ') };
  });
}

/** Reads the forms in a PDF's text layer. */
export async function readPdf(bytes: Uint8Array): Promise<ImportResult> {
  let pages: TextItem[][];
  let creator: string;
  try {
    ({ pages, creator } = await pdfTextLayer(bytes));
  } catch (e) {
    return { forms: [], diagnostics: [{ code: 'binary-input', level: 'error', message: `不是可读的 PDF 文件 / not a readable PDF: ${(e as Error).message}` }] };
  }
  // our own PDFs never put two cells in one text run, and print spaces that must not split
  const { grid, lines, diagnostics } = itemsToGrid(pages, { splitRuns: creator !== 'jixiao' });
  if (!grid.length) return { forms: [], diagnostics };
  const res = readGrid({ rows: grid, lines, name: 'PDF' }, { carryBlankLabels: true });
  return { forms: res.forms, diagnostics: [...diagnostics, ...res.diagnostics] };
}

/** The rebuilt table: one row of nine cells per table row, pages concatenated. */
export function itemsToGrid(pages: TextItem[][], opts: { splitRuns?: boolean } = {}): { grid: (GridCell | null)[][]; lines: number[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const grid: (GridCell | null)[][] = [];
  const lines: number[] = [];
  if (!pages.some((p) => p.length)) {
    diagnostics.push({
      code: 'empty-input',
      level: 'error',
      message: 'PDF 没有文本层（可能是扫描件），暂不支持识别 / the PDF has no text layer (a scan?); OCR is not supported',
    });
    return { grid, lines, diagnostics };
  }
  const bad = unmappedGlyphs(pages.flatMap((p) => p.map((i) => i.str)).join(''));
  if (bad.length)
    diagnostics.push({
      code: 'unread-line',
      level: 'warning',
      message: `PDF 中有无法映射为文字的字形：${bad.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')} / unmapped glyphs`,
    });

  const pageRows = pages.map((items) =>
    toRows(toLines(items)).filter((row) => {
      const t = normLabel(row.flatMap((l) => l.items.map((i) => i.str)).join(''));
      return !PAGE_NUMBER.test(t);
    }),
  );
  // column geometry: each page's own indicator header, else the last one seen (or the first at all)
  const pageBounds = pageRows.map((rows) => {
    const at = rows.findIndex(isHeaderRow);
    if (at < 0) return null;
    // the indicator rows below the header show where other tools' columns start
    const body = rows.slice(at + 1).flatMap((r) => r.flatMap((l) => l.items));
    return columnsFromHeader(rows[at], body);
  });
  const firstBounds = pageBounds.find((b) => b) ?? null;
  if (!firstBounds) {
    diagnostics.push({ code: 'missing-block', level: 'error', message: '未找到指标表表头（一级指标…），无法重建表格 / no indicator table header found' });
    return { grid, lines, diagnostics };
  }

  let bounds = firstBounds;
  let lineNo = 0;
  let prevText = '';
  pageRows.forEach((rows, p) => {
    bounds = pageBounds[p] ?? bounds;
    let first = true;
    for (const row of rows) {
      lineNo += row.length;
      const text = normLabel(row.flatMap((l) => l.items.map((i) => i.str)).join(''));
      // the template's merged cells: text there may cross inner column borders at any point
      const label = normLabel(row[0]?.items[0]?.str ?? '').replace(/:$/, '');
      const keep = label === '项目名称'
        ? [0, 1]
        : label === '主管部门'
          ? [0, 1, 4, 5]
          : prevText.includes('预期目标') && prevText.includes('实际完成情况')
            ? [0, 1, 5]
            : null;
      prevText = text;
      const rowBounds = keep ? bounds.map((b, k) => (keep.includes(k) ? b : NaN)) : bounds;
      const cells = rowCells(row, rowBounds, opts.splitRuns ?? true);
      if (isHeaderRow(row)) {
        grid.push(cells);
        lines.push(lineNo);
        continue;
      }
      // a row split by a page break (other tools' PDFs): its tail has no name and no numbers
      let k = grid.length - 1;
      while (k >= 0 && isHeaderCells(grid[k])) k--;
      const before = k >= 0 ? grid[k] : null;
      const blank = (c: GridCell | null | undefined) => !c || !c.text.trim();
      const joined = normLabel(cells.map((c) => c?.text ?? '').join(''));
      const tail = !blank(cells[4]) || !blank(cells[5]) || !blank(cells[8]);
      if (first && p > 0 && before && tail && blank(cells[3]) && blank(cells[6]) && blank(cells[7]) && !blank(before[6]) && !joined.includes('总分') && !joined.includes('自评表')) {
        cells.forEach((c, i) => {
          if (c) before[i] = { text: (before[i]?.text ?? '') + c.text };
        });
        diagnostics.push({ code: 'page-break-stitched', level: 'info', message: `第 ${p + 1} 页首行续接上一页的行 / row continued across a page break`, line: lineNo });
        first = false;
        continue;
      }
      first = false;
      grid.push(cells);
      lines.push(lineNo);
    }
  });
  return { grid, lines, diagnostics };
}

function isHeaderCells(cells: (GridCell | null)[]): boolean {
  const t = normLabel(cells.map((c) => c?.text ?? '').join(''));
  return t.includes('一级指标') && t.includes('三级指标');
}

export const pdfFormat = {
  id: 'pdf',
  sniff: sniffPdf,
  read: readPdf,
} as const;
