/**
 * Runs a per-form task (parse, check, score) over input files and hands each form's output to a
 * sink in file order. Big text exports are cut at form titles into batches that worker threads
 * read in parallel; small files and other formats are read in this thread. Memory stays bounded
 * by the batches in flight, whatever the file size.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../model/diagnostic.js';
import { detectFormat, readAny } from '../formats/registry.js';
import { encodingDiagnostics, sniffEncoding } from '../formats/text/decode.js';
import { classify } from '../formats/text/line-kind.js';
import { toLine } from '../formats/text/lines.js';
import { TextFormReader } from '../formats/text/parse.js';
import { joinItem, noCounts, renderForm, type Counts, type Item, type Task } from './form-output.js';
import { describeFsError, expandInputs } from './inputs.js';
import { progressBar } from './progress.js';
import type { BatchRequest, BatchResult } from './worker.js';

export interface Sink {
  /** One rendered item (already joined with its form index). */
  item(text: string): void | Promise<void>;
  fileDiagnostics?(file: string, diagnostics: Diagnostic[]): void;
}

const BATCH = Number(process.env.JIXIAO_BATCH ?? 512 << 10);
/** Below this size a file is read in this thread: starting workers costs more than it saves. */
const PARALLEL_MIN = Number(process.env.JIXIAO_PARALLEL_MIN ?? 8 << 20);
const WORKERS = Math.max(1, Math.min(Number(process.env.JIXIAO_WORKERS ?? cpus().length), 8));

/** Returns the counts and the number of unreadable inputs (each reported on stderr). */
export async function runTask(args: string[], task: Task, sink: Sink): Promise<{ counts: Counts; failed: number }> {
  const { files, errors } = expandInputs(args);
  for (const e of errors) process.stderr.write(`jixiao: 无法读取 ${e.path}：${e.message}\n`);
  const counts = noCounts();
  const bar = progressBar(files.reduce((s, f) => s + f.size, 0), 'bytes');
  let done = 0;
  let failed = errors.length;
  let pool: Pool | null = null;
  try {
    for (const f of files) {
      try {
        const format = detectFormat(readHead(f.path), f.path);
        if (format !== 'text') {
          const r = await readAny(readFileSync(f.path), f.path);
          let index = 0;
          for (const form of r.forms) {
            for (const it of renderForm(task, form, f.path, counts)) await sink.item(joinItem(it, index));
            index++;
          }
          sink.fileDiagnostics?.(f.path, r.diagnostics);
        } else if (f.size < PARALLEL_MIN || WORKERS < 2) {
          await streamInProcess(f.path, task, sink, counts, (n) => bar.update(done + n, f.path));
        } else {
          pool ??= new Pool(WORKERS);
          await streamParallel(pool, f.path, task, sink, counts, (n) => bar.update(done + n, f.path));
        }
      } catch (e) {
        failed++;
        process.stderr.write(`jixiao: 无法读取 ${f.path}：${describeFsError(e)}\n`);
      }
      done += f.size;
      bar.update(done, f.path);
    }
  } finally {
    bar.stop();
    await pool?.close();
  }
  return { counts, failed };
}

async function streamInProcess(path: string, task: Task, sink: Sink, counts: Counts, progress: (bytes: number) => void) {
  const pending: Item[][] = [];
  const reader = new TextFormReader((form) => pending.push(renderForm(task, form, path, counts)), undefined, path);
  let index = 0, read = 0;
  const drain = async () => {
    for (const items of pending.splice(0)) {
      for (const it of items) await sink.item(joinItem(it, index));
      index++;
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    reader.pushBytes(chunk as Buffer);
    progress((read += (chunk as Buffer).length));
    await drain();
  }
  reader.end();
  await drain();
  sink.fileDiagnostics?.(path, reader.diagnostics);
}

async function streamParallel(pool: Pool, path: string, task: Task, sink: Sink, counts: Counts, progress: (bytes: number) => void) {
  const inflight: Promise<BatchResult>[] = [];
  const diagnostics: Diagnostic[] = [];
  let index = 0, read = 0, line = 1, afterBreak = false, text = '', sawText = false;
  let decoder: TextDecoder | null = null;
  const settle = async (r: BatchResult) => {
    if (r.error) diagnostics.push({ code: 'internal', level: 'error', message: `内部错误：${r.error}` });
    diagnostics.push(...r.diagnostics);
    for (const k of ['forms', 'error', 'warning', 'info'] as const) counts[k] += r.counts[k];
    for (const items of r.forms) {
      for (const it of items) await sink.item(joinItem(it, index));
      index++;
    }
  };
  const dispatch = (batch: string) => {
    const req: BatchRequest = { id: 0, text: batch, firstLine: line, afterBreak, file: path, task };
    inflight.push(pool.run(req));
    line += countLines(batch);
    afterBreak = /\n[ \t\r]*\n[ \t\r]*$/.test(batch);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    if (!decoder) {
      const enc = sniffEncoding(bytes.subarray(0, 65536));
      diagnostics.push(...encodingDiagnostics(bytes.subarray(0, 65536), enc));
      decoder = new TextDecoder(enc);
    }
    text += decoder.decode(bytes, { stream: true });
    progress((read += bytes.length));
    while (text.length >= BATCH) {
      const cut = cutPoint(text, BATCH);
      if (cut <= 0) break;
      if (!sawText && /\S/.test(text.slice(0, cut))) sawText = true;
      dispatch(text.slice(0, cut));
      text = text.slice(cut);
      while (inflight.length >= pool.size * 2) await settle(await inflight.shift()!);
    }
  }
  if (decoder) text += decoder.decode();
  if (/\S/.test(text)) sawText = true;
  if (text) dispatch(text);
  while (inflight.length) await settle(await inflight.shift()!);
  if (!sawText) diagnostics.push({ code: 'empty-input', level: 'error', message: '文件为空' });
  sink.fileDiagnostics?.(path, diagnostics);
}

/**
 * Where to cut a batch: at the start of the last form title before `target` (so every batch
 * holds whole forms); past it if there is none; at a blank line when a huge stretch has no
 * title at all (junk), so memory stays bounded.
 */
export function cutPoint(text: string, target: number): number {
  let from = Math.min(text.length, target);
  for (;;) {
    const at = text.lastIndexOf('自评表', from);
    if (at < 0) break;
    const start = text.lastIndexOf('\n', at) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const l = toLine(text.slice(start, end), 0, false);
    if (start > 0 && typeof l === 'object' && classify(l).kind === 'title') return start;
    from = start - 1;
    if (from <= 0) break;
  }
  if (text.length > 8 * target) {
    const blank = text.lastIndexOf('\n\n', target);
    return blank > 0 ? blank + 1 : target;
  }
  return -1;
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(512);
    return buf.subarray(0, readSync(fd, buf, 0, 512, 0));
  } finally {
    closeSync(fd);
  }
}

/** A fixed set of worker threads running batches first come, first served. */
class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { req: BatchRequest; resolve: (r: BatchResult) => void; reject: (e: Error) => void }[] = [];
  private readonly waiting = new Map<Worker, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  private next = 1;

  constructor(readonly size: number) {
    // dist/worker.mjs, beside dist/cli.mjs (or one level up when this code sits in dist/chunks/)
    const here = new URL('.', import.meta.url);
    const url = new URL(here.pathname.endsWith('/chunks/') ? '../worker.mjs' : './worker.mjs', here);
    for (let i = 0; i < size; i++) {
      // a small old generation keeps each worker's garbage collected early: memory stays flat
      const w = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: 128 } });
      w.on('message', (r: BatchResult) => {
        const p = this.waiting.get(w);
        this.waiting.delete(w);
        this.idle.push(w);
        p?.resolve(r);
        this.pump();
      });
      w.on('error', (e) => {
        const p = this.waiting.get(w);
        this.waiting.delete(w);
        p?.reject(e);
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  run(req: BatchRequest): Promise<BatchResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { ...req, id: this.next++ }, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.waiting.set(w, job);
      w.postMessage(job.req);
    }
  }

  async close() {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** File-level diagnostics worth a line on stderr (warnings and errors), capped. */
export function reportFileDiagnostics(file: string, diagnostics: Diagnostic[]): void {
  const shown = diagnostics.filter((d) => d.level !== 'info');
  for (const d of shown.slice(0, 5)) process.stderr.write(`jixiao: ${file}: ${d.message}\n`);
  if (shown.length > 5) process.stderr.write(`jixiao: ${file}: 另有 ${shown.length - 5} 条提示 (and ${shown.length - 5} more)\n`);
}

/** A sink that writes items as a JSON array, as JSON Lines, or as plain text blocks. */
export function listSink(out: { write(s: string): void; pending: number; flush(): Promise<void> }, style: 'json' | 'ndjson' | 'text', preamble = ''): Sink & { open(): void; close(): void } {
  let n = 0;
  return {
    open() {
      if (style === 'json') out.write('[');
      else if (preamble) out.write(preamble);
    },
    async item(text) {
      if (style === 'json') out.write(n === 0 ? '\n' + text : ',\n' + text);
      else if (style === 'ndjson') out.write(text + '\n');
      else out.write(text);
      n++;
      if (out.pending > 1 << 20) await out.flush();
    },
    close() {
      if (style === 'json') out.write(n ? '\n]\n' : ']\n');
    },
    fileDiagnostics: reportFileDiagnostics,
  };
}
