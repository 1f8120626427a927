/**
 * Open data as CSV: UTF-8 with a BOM (so Excel opens the Chinese correctly), RFC 4180 quoting,
 * CRLF line ends. Two tables: forms (one row each) and indicators (one row each, with the form key).
 */
import type { Form } from '../../model/form.js';
import { decimalsOf } from '../layout.js';
import { allRecords, FORM_COLUMNS, INDICATOR_COLUMNS, type Column, type FormRecord, type RecordOptions, type Value } from './records.js';

export interface CsvOptions extends RecordOptions {
  /**
   * Prefix text that a spreadsheet would run as a formula (= + - @ at the start, e.g. the target
   * "=0 次") with an apostrophe. Default true; numbers are never touched. JSON Lines keeps the raw text.
   */
  excelSafe?: boolean;
  /** Leave out the byte-order mark. */
  noBom?: boolean;
}

const BOM = '\uFEFF';

function cell(v: Value, col: Column, excelSafe: boolean): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number') s = Number.isFinite(v) ? v.toFixed(decimalsOf(v)) : '';
  else if (typeof v === 'boolean') s = v ? 'true' : 'false';
  else {
    s = v;
    if (excelSafe && col.type === 'string' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Records → CSV text (with BOM unless noBom). */
export function toCsv(records: FormRecord[], columns: Column[], opts: CsvOptions = {}): string {
  const lines = [csvHeader(columns)];
  for (const r of records) lines.push(csvRow(r, columns, opts));
  return (opts.noBom ? '' : BOM) + lines.join('\r\n') + '\r\n';
}

export const csvHeader = (columns: Column[]): string => columns.map((c) => c.name).join(',');

/** One record as a CSV line (no line end), for writers that stream rows. */
export function csvRow(record: FormRecord, columns: Column[], opts: CsvOptions = {}): string {
  const safe = opts.excelSafe !== false;
  return columns.map((c) => cell(record[c.name] ?? null, c, safe)).join(',');
}

/** The two open-data tables for a set of forms. */
export function writeCsv(forms: Form[], opts: CsvOptions = {}): { forms: string; indicators: string } {
  const recs = allRecords(forms, opts);
  return { forms: toCsv(recs.forms, FORM_COLUMNS, opts), indicators: toCsv(recs.indicators, INDICATOR_COLUMNS, opts) };
}

/** RFC 4180 parser (for tests and round checks): rows of fields; strips a leading BOM. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
