/**
 * Reads every input file as a stream of forms: text exports are streamed (bounded memory on
 * gigabyte files), other formats go through the format registry.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import type { Diagnostic } from '../model/diagnostic.js';
import { detectFormat, readAny } from '../formats/registry.js';
import { TextFormReader, type ParsedForm } from '../formats/text/parse.js';
import { describeFsError, expandInputs } from './inputs.js';
import { progressBar } from './progress.js';

export interface ReadEvents {
  form(form: ParsedForm, file: string): void | Promise<void>;
  fileDiagnostics?(file: string, diagnostics: Diagnostic[]): void;
}

/** Returns the number of unreadable paths (each reported on stderr in one line). */
export async function readForms(args: string[], events: ReadEvents): Promise<number> {
  const { files, errors } = expandInputs(args);
  for (const e of errors) process.stderr.write(`jixiao: 无法读取 ${e.path}：${e.message}\n`);
  const total = files.reduce((s, f) => s + f.size, 0);
  const bar = progressBar(total, 'bytes');
  let done = 0;
  let failed = errors.length;
  for (const f of files) {
    try {
      const head = readHead(f.path);
      const format = detectFormat(head, f.path);
      if (format === 'text') {
        const pending: ParsedForm[] = [];
        const reader = new TextFormReader((form) => pending.push(form), undefined, f.path);
        for await (const chunk of createReadStream(f.path, { highWaterMark: 1 << 20 })) {
          reader.pushBytes(chunk as Buffer);
          done += (chunk as Buffer).length;
          bar.update(done, f.path);
          for (const form of pending.splice(0)) await events.form(form, f.path);
        }
        reader.end();
        for (const form of pending.splice(0)) await events.form(form, f.path);
        events.fileDiagnostics?.(f.path, reader.diagnostics);
      } else {
        const r = await readAny(readFileSync(f.path), f.path);
        for (const form of r.forms) {
          form.source = { ...(form.source ?? { index: 0, firstLine: 0, lastLine: 0 }), file: f.path };
          await events.form(form, f.path);
        }
        events.fileDiagnostics?.(f.path, r.diagnostics);
        done += f.size;
        bar.update(done, f.path);
      }
    } catch (e) {
      failed++;
      process.stderr.write(`jixiao: 无法读取 ${f.path}：${describeFsError(e)}\n`);
    }
  }
  bar.stop();
  return failed;
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(512);
    const n = readSync(fd, buf, 0, 512, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** File-level diagnostics worth a line on stderr (warnings and errors), capped. */
export function reportFileDiagnostics(file: string, diagnostics: Diagnostic[]): void {
  const shown = diagnostics.filter((d) => d.level !== 'info');
  for (const d of shown.slice(0, 5)) process.stderr.write(`jixiao: ${file}: ${d.message}\n`);
  if (shown.length > 5) process.stderr.write(`jixiao: ${file}: 另有 ${shown.length - 5} 条提示 (and ${shown.length - 5} more)\n`);
}
