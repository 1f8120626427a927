/**
 * Open data as JSON Lines: the same records and columns as the CSV (csv/records.ts), one JSON
 * object per line, typed values (numbers, booleans, null), text exactly as printed.
 */
import type { Form } from '../../model/form.js';
import { allRecords, FORM_COLUMNS, INDICATOR_COLUMNS, type Column, type FormRecord, type RecordOptions } from '../csv/records.js';

export function toJsonl(records: FormRecord[], columns: Column[]): string {
  // keys in column order, so every line reads the same way
  return records.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null])))).join('\n') + (records.length ? '\n' : '');
}

export function writeJsonl(forms: Form[], opts: RecordOptions = {}): { forms: string; indicators: string } {
  const recs = allRecords(forms, opts);
  return { forms: toJsonl(recs.forms, FORM_COLUMNS), indicators: toJsonl(recs.indicators, INDICATOR_COLUMNS) };
}
