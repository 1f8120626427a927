/**
 * .xlsx → Form(s). Our own export reads back exactly; workbooks from other tools read by their
 * labels (layout-read.ts), with merges resolved from the sheet's merge ranges.
 */
import ExcelJS from 'exceljs';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Form } from '../../model/form.js';
import { readGrid, type GridCell } from '../layout-read.js';
import { XLSX_CREATOR } from './write.js';

export interface ImportResult {
  forms: Form[];
  diagnostics: Diagnostic[];
}

/** A zip whose first entry name is [Content_Types].xml or xl/…: an Office Open XML workbook. */
export function sniffXlsx(bytes: Uint8Array): boolean {
  if (bytes.length < 30 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4) return false;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return head.includes('[Content_Types].xml') || head.includes('xl/') || head.includes('docProps/');
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

function toGridCell(cell: ExcelJS.Cell): GridCell | null {
  let v = cell.value;
  if (v && typeof v === 'object' && 'formula' in v) v = (v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue;
  if (v == null) return null;
  if (typeof v === 'number') {
    const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
    return { text: percent ? `${Number((v * 100).toPrecision(12))}%` : String(v), num: v, percent };
  }
  return { text: cellText(v) };
}

/** One worksheet as a grid, with each merge's covered cells holding a copy of its top-left cell. */
export function sheetToGrid(ws: ExcelJS.Worksheet): (GridCell | null)[][] {
  const rows: (GridCell | null)[][] = [];
  const nRows = ws.rowCount;
  const nCols = ws.columnCount;
  for (let r = 1; r <= nRows; r++) {
    const row: (GridCell | null)[] = [];
    for (let c = 1; c <= nCols; c++) {
      const cell = ws.getCell(r, c);
      row.push(cell.isMerged && cell.master !== cell ? null : toGridCell(cell));
    }
    rows.push(row);
  }
  const merges: string[] = ((ws.model as unknown as { merges?: string[] }).merges ?? []) as string[];
  for (const m of merges) {
    const [a, b] = m.split(':');
    const tl = ws.getCell(a);
    const br = ws.getCell(b ?? a);
    const top = rows[Number(tl.row) - 1]?.[Number(tl.col) - 1] ?? null;
    for (let r = Number(tl.row); r <= Number(br.row); r++)
      for (let c = Number(tl.col); c <= Number(br.col); c++) {
        if (r === Number(tl.row) && c === Number(tl.col)) continue;
        if (rows[r - 1]) rows[r - 1][c - 1] = { ...(top ?? { text: '' }), covered: true };
      }
  }
  return rows;
}

/** Reads every sheet; each may hold one form or several stacked. */
export async function readXlsx(bytes: Uint8Array): Promise<ImportResult> {
  const diagnostics: Diagnostic[] = [];
  const forms: Form[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    diagnostics.push({ code: 'binary-input', level: 'error', message: `不是可读的 xlsx 文件 / not a readable xlsx workbook: ${(e as Error).message}` });
    return { forms, diagnostics };
  }
  const ours = wb.creator === XLSX_CREATOR;
  wb.eachSheet((ws) => {
    try {
      const rows = sheetToGrid(ws);
      if (!rows.some((r) => r.some((c) => c && c.text.trim()))) return;
      const res = readGrid({ rows, name: ws.name }, { carryBlankLabels: !ours, reportShift: !ours });
      for (const f of res.forms) (f as Record<string, unknown>).sheet = ws.name;
      forms.push(...res.forms);
      diagnostics.push(...res.diagnostics);
    } catch (e) {
      diagnostics.push({ code: 'internal', level: 'error', message: `${ws.name}: ${(e as Error).message}` });
    }
  });
  if (!forms.length && !diagnostics.length)
    diagnostics.push({ code: 'empty-input', level: 'error', message: '工作簿没有内容 / the workbook is empty' });
  return { forms, diagnostics };
}

export const xlsxFormat = {
  id: 'xlsx',
  sniff: sniffXlsx,
  read: readXlsx,
} as const;
