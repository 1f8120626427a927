
/**
 * Every import format in one place: the CLI and the upload route find readers here by sniffing
 * the bytes (and the file name as a hint). Readers never throw; they return diagnostics.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { looksLikeJson, readJsonForms } from './json/read.js';
import { parseText, type ParseResult } from './text/parse.js';

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

export type FormatId = 'text' | 'json' | 'xlsx' | 'pdf';

export interface FormatReader {
  id: FormatId;
  sniff(head: Uint8Array, name?: string): boolean;
  read(bytes: Uint8Array, name?: string): ParseResult | Promise<ParseResult>;
}

// xlsx and PDF readers pull in exceljs and pdf.js: loaded only when such a file arrives.
const office = () => import('./office-readers.js');
const readers: FormatReader[] = [
  { id: 'pdf', sniff: (h) => startsWith(h, [0x25, 0x50, 0x44, 0x46]), read: async (b, name) => (await office()).pdfReader.read(b, name) },
  { id: 'xlsx', sniff: (h, name) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) && !/\.(docx|pptx|odt|ods|zip)$/i.test(name ?? ''), read: async (b, name) => (await office()).xlsxReader.read(b, name) },
  { id: 'json', sniff: (h, name) => /\.(json|jsonl|ndjson)$/i.test(name ?? '') || looksLikeJson(h), read: (b) => readJsonForms(new TextDecoder().decode(b)) },
  { id: 'text', sniff: () => true, read: (b) => parseText(b) },
];

export function detectFormat(head: Uint8Array, name?: string): FormatId {
  for (const r of readers) if (r.sniff(head, name)) return r.id;
  return 'text';
}

/** Reads any supported file. Unknown binary content falls through to the text reader, which reports it. */
export async function readAny(bytes: Uint8Array, name?: string): Promise<ParseResult> {
  const id = detectFormat(bytes.subarray(0, 512), name);
  const reader = readers.find((r) => r.id === id);
  if (!reader) {
    const d: Diagnostic = { code: 'internal', level: 'error', message: `不支持的文件格式：${id} (no reader for ${id})` };
    return { forms: [], diagnostics: [d] };
  }
  try {
    return await reader.read(bytes, name);
  } catch (e) {
    return { forms: [], diagnostics: [{ code: 'internal', level: 'error', message: `内部错误：${(e as Error)?.message} (internal error)` }] };
  }
}
