/**
 * The reader for published text exports of 财政项目支出绩效自评表: bytes or text in, forms in the
 * interchange format out, each with its diagnostics and the source line of every value.
 * It never throws: a bug becomes an 'internal' diagnostic.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import { decodeText, encodingDiagnostics, sniffEncoding, type Encoding } from './decode.js';
import { LineSplitter, type Line } from './lines.js';
import { DEFAULT_READ_OPTIONS, readForm, type ParsedForm, type ReadOptions } from './read-form.js';
import { FormSplitter } from './split-forms.js';

export type { ParsedForm } from './read-form.js';

export interface ParseResult {
  forms: ParsedForm[];
  /** File-level diagnostics (encoding, lines outside any form); each form has its own too. */
  diagnostics: Diagnostic[];
}

const looksLikeForm = (lines: Line[]): boolean =>
  lines.some((l) => l.cells.some((c) => /自评表|项目名称|年度资金总额|一级指标|三级指标/.test(c)));

/**
 * Streaming reader: push bytes (or text) as they arrive, get each form as soon as it is complete.
 * Memory is bounded by the largest single form, not by the file.
 */
export interface ReaderStart {
  /** Line number of the first line pushed (a batch in the middle of a file). */
  firstLine?: number;
  /** Whether a blank line came just before the first line pushed. */
  afterBreak?: boolean;
}

export class TextFormReader {
  private readonly lines: LineSplitter;
  private readonly splitter: FormSplitter;
  private decoder: TextDecoder | null = null;
  private encoding: Encoding | null = null;
  private index = 0;
  readonly diagnostics: Diagnostic[] = [];
  private sawText = false;

  constructor(onForm: (form: ParsedForm) => void, private readonly opts: ReadOptions = DEFAULT_READ_OPTIONS, private readonly file?: string, start: ReaderStart = {}) {
    this.lines = new LineSplitter(start.firstLine, start.afterBreak);
    this.splitter = new FormSplitter((chunk) => this.form(chunk, onForm));
  }

  pushBytes(chunk: Uint8Array): void {
    if (!this.decoder) {
      this.encoding = sniffEncoding(chunk.subarray(0, 65536));
      this.diagnostics.push(...encodingDiagnostics(chunk.subarray(0, 65536), this.encoding));
      this.decoder = new TextDecoder(this.encoding);
    }
    this.pushText(this.decoder.decode(chunk, { stream: true }));
  }

  pushText(text: string): void {
    // NUL is damage, never printed text, and the model refuses it (PostgreSQL cannot store it): dropped
    if (text.includes('\u0000')) text = text.replaceAll('\u0000', '');
    if (!this.sawText && text.trim() !== '') this.sawText = true;
    this.guard(() => this.lines.push(text, (l) => this.splitter.push(l)));
  }

  end(): void {
    if (this.decoder) this.pushText(this.decoder.decode());
    this.guard(() => {
      this.lines.end((l) => this.splitter.push(l));
      this.splitter.end();
    });
    if (!this.sawText) this.diagnostics.push({ code: 'empty-input', level: 'error', message: '文件为空' });
  }

  private form(chunk: Line[], onForm: (form: ParsedForm) => void): void {
    if (!looksLikeForm(chunk)) {
      const first = chunk[0].no, last = chunk[chunk.length - 1].no;
      this.diagnostics.push({ code: 'unread-line', level: 'warning', line: first, message: `第 ${first}–${last} 行不属于任何自评表，已跳过` });
      return;
    }
    let form: ParsedForm;
    try {
      form = readForm(chunk, this.opts);
    } catch (e) {
      this.diagnostics.push({ code: 'internal', level: 'error', line: chunk[0].no, message: `内部错误，第 ${chunk[0].no} 行起的表未能读取：${(e as Error)?.message}` });
      return;
    }
    form.source = { ...form.source!, index: this.index++, ...(this.file ? { file: this.file } : {}) };
    onForm(form);
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.diagnostics.push({ code: 'internal', level: 'error', message: `内部错误：${(e as Error)?.message}` });
    }
  }
}

/** Reads a whole export. Never throws. */
export function parseText(input: string | Uint8Array, opts: ReadOptions = DEFAULT_READ_OPTIONS): ParseResult {
  const forms: ParsedForm[] = [];
  try {
    const { text, diagnostics } = decodeText(input);
    const reader = new TextFormReader((f) => forms.push(f), opts);
    reader.diagnostics.push(...diagnostics);
    reader.pushText(text);
    reader.end();
    return { forms, diagnostics: reader.diagnostics };
  } catch (e) {
    return { forms, diagnostics: [{ code: 'internal', level: 'error', message: `内部错误：${(e as Error)?.message}` }] };
  }
}
