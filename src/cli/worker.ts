/** A worker thread that reads a batch of whole forms from text and renders them for a task. */
import { parentPort } from 'node:worker_threads';
import { TextFormReader } from '../formats/text/parse.js';
import { noCounts, renderForm, type Item, type Task } from './form-output.js';

/** A batch of whole forms as UTF-8 bytes (decoded here, so the main thread never decodes). */
export interface BatchRequest { id: number; bytes: Uint8Array; firstLine: number; afterBreak: boolean; file: string; task: Task }
export interface BatchResult {
  id: number;
  counts: ReturnType<typeof noCounts>;
  diagnostics: TextFormReader['diagnostics'];
  error?: string;
  /** The rendered items, UTF-8 encoded here, so the main thread only copies bytes. */
  encoded: EncodedBatch;
}

/**
 * Parts of all items of all forms of a batch, UTF-8 encoded back to back. `shape` lists, per form,
 * its item count, then per item its part count and base; `ends` the end offset of each part.
 */
export interface EncodedBatch { bytes: Uint8Array; ends: Int32Array; shape: Int32Array }

export function encodeBatch(forms: Item[][]): EncodedBatch {
  let chars = 0, parts = 0, shapeLen = 0;
  for (const items of forms) {
    shapeLen += 1;
    for (const it of items) {
      shapeLen += 2;
      parts += it.parts.length;
      for (const p of it.parts) chars += p.length;
    }
  }
  const bytes = new Uint8Array(chars * 3);
  const ends = new Int32Array(parts);
  const shape = new Int32Array(shapeLen);
  const enc = new TextEncoder();
  let at = 0, k = 0, sh = 0;
  for (const items of forms) {
    shape[sh++] = items.length;
    for (const it of items) {
      shape[sh++] = it.parts.length;
      shape[sh++] = it.base ?? 0;
      for (const p of it.parts) {
        at += enc.encodeInto(p, bytes.subarray(at)).written;
        ends[k++] = at;
      }
    }
  }
  return { bytes: bytes.subarray(0, at), ends, shape };
}

export function renderBatch(m: BatchRequest): BatchResult {
  const forms: Item[][] = [];
  const counts = noCounts();
  try {
    const reader = new TextFormReader((form) => forms.push(renderForm(m.task, form, m.file, counts)), undefined, m.file, { firstLine: m.firstLine, afterBreak: m.afterBreak });
    reader.pushText(new TextDecoder('utf-8').decode(m.bytes));
    reader.end();
    return { id: m.id, counts, diagnostics: reader.diagnostics.filter((d) => d.code !== 'empty-input'), encoded: encodeBatch(forms) };
  } catch (e) {
    return { id: m.id, counts, diagnostics: [], error: (e as Error)?.message ?? String(e), encoded: encodeBatch(forms) };
  }
}

parentPort?.on('message', (m: BatchRequest) => {
  const r = renderBatch(m);
  // hand the buffers over instead of copying them
  parentPort!.postMessage(r, [r.encoded.bytes.buffer as ArrayBuffer, r.encoded.ends.buffer as ArrayBuffer, r.encoded.shape.buffer as ArrayBuffer]);
});
