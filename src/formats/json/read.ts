/** Reads forms in the interchange format (a JSON array, `{ forms: [...] }`, or JSON Lines). */
import { emptyProvenance, type Diagnostic } from '../../model/diagnostic.js';
import { Form } from '../../model/form.js';
import type { ParseResult } from '../text/parse.js';
import type { ParsedForm } from '../text/read-form.js';

export function readJsonForms(text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let values: unknown[];
  try {
    const v = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    values = Array.isArray(v) ? v : Array.isArray((v as { forms?: unknown })?.forms) ? (v as { forms: unknown[] }).forms : [v];
  } catch {
    // JSON Lines: one form per line
    values = [];
    text.split('\n').forEach((line, n) => {
      if (!line.trim()) return;
      try { values.push(JSON.parse(line)); } catch {
        diagnostics.push({ code: 'unread-line', level: 'error', line: n + 1, message: `第 ${n + 1} 行不是有效的 JSON` });
      }
    });
  }
  const forms: ParsedForm[] = [];
  values.forEach((v, index) => {
    const r = Form.safeParse(v);
    if (!r.success) {
      const issue = r.error.issues[0];
      diagnostics.push({ code: 'unread-line', level: 'error', message: `第 ${index + 1} 张表不符合交换格式：${issue?.path.join('.')} ${issue?.message}` });
      return;
    }
    // a `source` of the input (gold files name their file there) gives way to where we read it
    const { source: _given, ...f } = r.data as ParsedForm;
    forms.push({
      ...f,
      diagnostics: Array.isArray(f.diagnostics) ? f.diagnostics : [],
      provenance: f.provenance && typeof f.provenance === 'object' && 'funds' in f.provenance ? f.provenance : emptyProvenance(f.indicators.length),
      confidence: typeof f.confidence === 'number' ? f.confidence : 1,
      arithmetic: f.arithmetic ?? { weights: 'n/a', scores: 'n/a', rate: 'n/a', sections: 'n/a' },
      source: { index: forms.length, firstLine: 0, lastLine: 0 },
    });
  });
  return { forms, diagnostics };
}

export const looksLikeJson = (head: Uint8Array): boolean => {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return head[i] === 0x5b /* [ */ || head[i] === 0x7b /* { */;
};
