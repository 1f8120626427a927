/** A worker thread that reads a batch of whole forms from text and renders them for a task. */
import { parentPort } from 'node:worker_threads';
import { TextFormReader } from '../formats/text/parse.js';
import { noCounts, renderForm, type Item, type Task } from './form-output.js';

export interface BatchRequest { id: number; text: string; firstLine: number; afterBreak: boolean; file: string; task: Task }
export interface BatchResult { id: number; forms: Item[][]; counts: ReturnType<typeof noCounts>; diagnostics: TextFormReader['diagnostics']; error?: string }

export function renderBatch(m: BatchRequest): BatchResult {
  const forms: Item[][] = [];
  const counts = noCounts();
  try {
    const reader = new TextFormReader((form) => forms.push(renderForm(m.task, form, m.file, counts)), undefined, m.file, { firstLine: m.firstLine, afterBreak: m.afterBreak });
    reader.pushText(m.text);
    reader.end();
    return { id: m.id, forms, counts, diagnostics: reader.diagnostics.filter((d) => d.code !== 'empty-input') };
  } catch (e) {
    return { id: m.id, forms, counts, diagnostics: [], error: (e as Error)?.message ?? String(e) };
  }
}

parentPort?.on('message', (m: BatchRequest) => parentPort!.postMessage(renderBatch(m)));
