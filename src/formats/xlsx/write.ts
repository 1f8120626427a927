/**
 * Form(s) → .xlsx in the official layout (layout.ts), with exceljs. One sheet per form; call once
 * per form for one workbook per form.
 */
import ExcelJS from 'exceljs';
import type { Form } from '../../model/form.js';
import { buildLayout, type FormLayout, type LayoutCell } from '../layout.js';

/** Marks our own workbooks: the reader trusts their merges instead of guessing blank labels. */
export const XLSX_CREATOR = 'jixiao';

const FONT = '宋体';
const BODY_SIZE = 10;
/** Points per printed line at BODY_SIZE; CJK fonts have tall line boxes (Noto CJK ≈ 1.45 em). */
const LINE_PT = 14.6;

export interface XlsxWriteOptions {
  /** Sheet names to use instead of the project names. */
  sheetNames?: string[];
}

/** Excel sheet names: ≤31 chars, none of []:*?/\, unique (case-insensitive), not blank. */
export function sheetNamesFor(forms: Form[]): string[] {
  const used = new Set<string>();
  return forms.map((f, i) => {
    const base = (f.projectName ?? '').replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || `表${i + 1}`;
    let name = base.slice(0, 31);
    for (let k = 2; used.has(name.toLowerCase()); k++) {
      const suffix = `(${k})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** Width units of a string: CJK and full-width characters are about two '0' widths. */
function textUnits(s: string): number {
  let u = 0;
  for (const ch of s) u += /[\u1100-\uffff]/.test(ch) && !/[\uff61-\uff9f]/.test(ch) ? 2 : 1.05;
  return u;
}

function linesFor(text: string, widthUnits: number, sizeFactor = 1): number {
  const per = Math.max(2, widthUnits - 1.5);
  return text.split('\n').reduce((n, seg) => n + Math.max(1, Math.ceil((textUnits(seg) * sizeFactor) / per)), 0);
}

/** Row heights sized for wrapped text, so the sheet prints without clipped cells in any tool. */
function rowHeights(layout: FormLayout): number[] {
  const lines = layout.rowKinds.map(() => 1);
  for (const c of layout.cells) {
    if (!c.display) continue;
    let w = 0;
    for (let k = 0; k < c.colSpan; k++) w += layout.widths[c.col + k];
    // a vertically merged label must fit in its first row: text that flows into the rows below
    // would blur the row boundaries a reader of the printed sheet sees
    lines[c.row] = Math.max(lines[c.row], linesFor(c.display, w));
  }
  return layout.rowKinds.map((k, r) => (k === 'title' ? 30 : Math.round((lines[r] * LINE_PT + 10) * 10) / 10));
}

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function styleCell(cell: ExcelJS.Cell, c: LayoutCell, framed: boolean) {
  const bold = c.style === 'title' || c.style === 'header';
  cell.font = { name: FONT, size: c.style === 'title' ? 16 : c.style === 'subtitle' ? 11 : BODY_SIZE, bold };
  // top alignment (headers too) keeps each row's lines on one grid, and the spare height below
  // the text separates rows: the PDF reader of a spreadsheet print relies on both
  cell.alignment = {
    horizontal: c.align,
    vertical: c.style === 'title' || c.style === 'subtitle' ? 'middle' : 'top',
    // numbers cannot wrap: shrink a long amount rather than print ### (and lose it)
    ...(c.style === 'amount' || c.style === 'number' || c.style === 'percent' ? { shrinkToFit: true } : { wrapText: true }),
  };
  if (framed) cell.border = BORDER;
  if (c.numFmt) cell.numFmt = c.numFmt;
}

/** Adds one form as a sheet in the official layout. */
export function addFormSheet(wb: ExcelJS.Workbook, form: Form, name: string): ExcelJS.Worksheet {
  const layout = buildLayout(form);
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${layout.indicatorHeaderRow + 1}:${layout.indicatorHeaderRow + 1}`,
    },
    views: [{ showGridLines: false }],
  });
  ws.columns = layout.widths.map((width) => ({ width }));
  const heights = rowHeights(layout);
  heights.forEach((h, r) => (ws.getRow(r + 1).height = h));
  for (const c of layout.cells) {
    const framed = c.style !== 'title' && c.style !== 'subtitle';
    // every cell of a merge gets the border, or Excel draws the frame with gaps
    for (let dr = 0; dr < c.rowSpan; dr++)
      for (let dc = 0; dc < c.colSpan; dc++) styleCell(ws.getCell(c.row + dr + 1, c.col + dc + 1), c, framed);
    const cell = ws.getCell(c.row + 1, c.col + 1);
    if (c.value !== null) cell.value = c.style === 'percent' && typeof c.value === 'number' ? Number((c.value / 100).toPrecision(15)) : c.value;
    if (c.rowSpan > 1 || c.colSpan > 1) ws.mergeCells(c.row + 1, c.col + 1, c.row + c.rowSpan, c.col + c.colSpan);
  }
  return ws;
}

/** Forms → one workbook, one sheet per form. */
export async function writeXlsx(forms: Form[], opts: XlsxWriteOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = XLSX_CREATOR;
  wb.title = '财政项目支出绩效自评表';
  // fixed dates keep the output byte-stable for the same forms
  wb.created = new Date(Date.UTC(2020, 0, 1));
  wb.modified = wb.created;
  const names = opts.sheetNames ?? sheetNamesFor(forms);
  forms.forEach((f, i) => addFormSheet(wb, f, names[i]));
  if (!forms.length) wb.addWorksheet('空');
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
