/**
 * The xlsx and PDF readers in the registry's shape (ParseResult of ParsedForm); the registry
 * loads this module lazily, so exceljs and pdf.js stay out of the text-only paths.
 */
import { emptyProvenance, type Diagnostic } from '../model/diagnostic.js';
import type { Form } from '../model/form.js';
import { readPdf, sniffPdf } from './pdf/read.js';
import type { FormatReader } from './registry.js';
import type { ParsedForm, ParseResult } from './text/parse.js';
import { readXlsx, sniffXlsx } from './xlsx/read.js';

function toParsed(forms: Form[], diagnostics: Diagnostic[], file: string | undefined): ParseResult {
  return {
    forms: forms.map(
      (f, index): ParsedForm => ({
        ...f,
        diagnostics: [],
        // cells come from a table, not from lines: no line provenance
        provenance: emptyProvenance(f.indicators.length),
        confidence: diagnostics.some((d) => d.level !== 'info') ? 0.5 : 1,
        arithmetic: { weights: 'n/a', scores: 'n/a', rate: 'n/a', sections: 'n/a' },
        source: { file, index, firstLine: 0, lastLine: 0 },
      }),
    ),
    diagnostics,
  };
}

export const xlsxReader: FormatReader = {
  id: 'xlsx',
  sniff: (head, name) => sniffXlsx(head) && !/\.(docx|pptx)$/i.test(name ?? ''),
  read: async (bytes, name) => {
    const r = await readXlsx(bytes);
    return toParsed(r.forms, r.diagnostics, name);
  },
};

export const pdfReader: FormatReader = {
  id: 'pdf',
  sniff: (head) => sniffPdf(head),
  read: async (bytes, name) => {
    const r = await readPdf(bytes);
    return toParsed(r.forms, r.diagnostics, name);
  },
};
