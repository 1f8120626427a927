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
import type { Output } from './output.js';
import type { BatchRequest, BatchResult, EncodedBatch } from './worker.js';

export interface Sink {
  /** One rendered item (already joined with its form index). */
  item(text: string): void | Promise<void>;
  /** The items of a batch as UTF-8 parts, forms numbered from `firstIndex`; returns the form count. */
  encodedBatch?(batch: EncodedBatch, firstIndex: number): Promise<number>;
  fileDiagnostics?(file: string, diagnostics: Diagnostic[]): void;
}

const BATCH = Number(process.env.JIXIAO_BATCH ?? 256 << 10);
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
        const head = readHead(f.path, 65536);
        const format = detectFormat(head.subarray(0, 512), f.path);
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
          await streamParallel(pool, f.path, head, task, sink, counts, (n) => bar.update(done + n, f.path));
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

/**
 * UTF-8 exports in parallel: the main thread only cuts the bytes at form titles and writes the
 * bytes the workers hand back; decoding, parsing, rendering and encoding happen in the workers.
 * Other encodings are read in this thread.
 */
async function streamParallel(pool: Pool, path: string, head: Uint8Array, task: Task, sink: Sink, counts: Counts, progress: (bytes: number) => void) {
  if (sniffEncoding(head) !== 'utf-8' || !sink.encodedBatch) return streamInProcess(path, task, sink, counts, progress);
  const inflight: Promise<BatchResult>[] = [];
  const diagnostics: Diagnostic[] = [...encodingDiagnostics(head, 'utf-8')];
  let index = 0, read = 0, line = 1, afterBreak = false, sawText = false, first = true;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  const settle = async (r: BatchResult) => {
    if (r.error) diagnostics.push({ code: 'internal', level: 'error', message: `内部错误：${r.error}` });
    diagnostics.push(...r.diagnostics);
    for (const k of ['forms', 'error', 'warning', 'info'] as const) counts[k] += r.counts[k];
    index += await sink.encodedBatch!(r.encoded, index);
  };
  const dispatch = (buf: Buffer, cut: number) => {
    // a copy with its own memory, so it can be handed over to the worker
    const bytes = new Uint8Array(cut);
    bytes.set(buf.subarray(0, cut));
    if (!sawText && /\S/.test(buf.toString('utf8', 0, Math.min(cut, 4096)))) sawText = true;
    inflight.push(pool.run({ id: 0, bytes, firstLine: line, afterBreak, file: path, task }));
    line += countLines(buf, cut);
    afterBreak = /\n[ \t\r]*\n[ \t\r]*$/.test(buf.toString('latin1', Math.max(0, cut - 16), cut));
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let bytes = chunk as Buffer;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    first = false;
    pending.push(bytes);
    pendingLen += bytes.length;
    progress((read += (chunk as Buffer).length));
    while (pendingLen >= BATCH) {
      const buf = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingLen);
      const cut = cutPoint(buf, BATCH);
      if (cut <= 0) {
        pending = [buf];
        break;
      }
      dispatch(buf, cut);
      pending = [buf.subarray(cut)];
      pendingLen = buf.length - cut;
      while (inflight.length >= pool.size * 2) await settle(await inflight.shift()!);
    }
  }
  if (pendingLen) {
    const buf = Buffer.concat(pending, pendingLen);
    dispatch(buf, buf.length);
    if (/\S/.test(buf.toString('utf8', 0, Math.min(buf.length, 4096)))) sawText = true;
  }
  while (inflight.length) await settle(await inflight.shift()!);
  if (!sawText) diagnostics.push({ code: 'empty-input', level: 'error', message: '文件为空' });
  sink.fileDiagnostics?.(path, diagnostics);
}

const TITLE = Buffer.from('自评表');

/**
 * Where to cut a batch of UTF-8 bytes: at the start of the last form title before `target` (so
 * every batch holds whole forms); past it if there is none; at a blank line when a huge stretch
 * has no title at all (junk), so memory stays bounded.
 */
export function cutPoint(buf: Buffer, target: number): number {
  let from = Math.min(buf.length - 1, target);
  while (from > 0) {
    const at = buf.lastIndexOf(TITLE, from);
    if (at < 0) break;
    const start = buf.lastIndexOf(0x0a, at) + 1;
    let end = buf.indexOf(0x0a, at);
    if (end < 0) end = buf.length;
    const l = toLine(buf.toString('utf8', start, end), 0, false);
    if (start > 0 && typeof l === 'object' && classify(l).kind === 'title') return start;
    from = start - 2;
  }
  if (buf.length > 8 * target) {
    const blank = buf.lastIndexOf('\n\n', target);
    let cut = blank > 0 ? blank + 1 : target;
    while (cut > 0 && (buf[cut] & 0xc0) === 0x80) cut--; // never inside a character
    return cut;
  }
  return -1;
}

function countLines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < end; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

function readHead(path: string, size: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(size);
    return buf.subarray(0, readSync(fd, buf, 0, size, 0));
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
export function listSink(out: Output, style: 'json' | 'ndjson' | 'text', preamble = ''): Sink & { open(): void; close(): void } {
  let n = 0;
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  const [FIRST, NEXT] = style === 'json' ? [utf8('\n'), utf8(',\n')] : [Buffer.alloc(0), Buffer.alloc(0)];
  const END = style === 'ndjson' ? utf8('\n') : Buffer.alloc(0);
  return {
    async encodedBatch(b, firstIndex) {
      const chunks: Uint8Array[] = [];
      let k = 0, sh = 0, start = 0, form = 0;
      while (sh < b.shape.length) {
        const items = b.shape[sh++];
        for (let i = 0; i < items; i++) {
          const parts = b.shape[sh++], base = b.shape[sh++];
          chunks.push(n++ === 0 ? FIRST : NEXT);
          const idx = utf8(String(firstIndex + form + base));
          for (let p = 0; p < parts; p++) {
            if (p > 0) chunks.push(idx);
            chunks.push(b.bytes.subarray(start, b.ends[k]));
            start = b.ends[k++];
          }
          chunks.push(END);
        }
        form++;
      }
      await out.writeBytes(Buffer.concat(chunks));
      return form;
    },
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
