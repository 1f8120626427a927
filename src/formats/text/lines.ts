import type { Classified } from './line-kind.js';

/**
 * Lines of a text export as rows of cells. Tab-separated cells are the norm; HTML fragments and
 * markdown-style tables that some converters leave behind are turned into plain cells here.
 */
export interface Line {
  /** 1-based line number in the source. */
  no: number;
  cells: string[];
  /** A blank line (page or form break) came right before this line. */
  afterBreak: boolean;
  /** What was repaired while reading the line. */
  html: boolean;
  markdown: boolean;
  /** Cached by line-kind.ts (every line has the same shape, so property access stays fast). */
  classified: Classified | undefined;
}

const TAG = /<\/?[a-zA-Z][^>]*>/g;
const ENTITY = /&(nbsp|amp|lt|gt|quot|#39|#x?[0-9a-fA-F]+);/g;
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function decodeEntity(_: string, e: string): string {
  if (e in ENTITIES) return ENTITIES[e];
  const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
}

const SEPARATOR = /^[\s|:\-—=+]*$/;
const NON_SPACE = /\S/;

/** Splits one raw line into a Line; 'blank' for an empty line, 'separator' for a markdown rule. */
export function toLine(raw: string, no: number, afterBreak: boolean): Line | 'blank' | 'separator' {
  let s = raw;
  if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
  if (!NON_SPACE.test(s)) return 'blank';
  let html = false;
  let markdown = false;
  if (s.indexOf('<') >= 0 && TAG.test(s)) {
    TAG.lastIndex = 0;
    s = s.replace(TAG, ' ');
    html = true;
  }
  if (s.indexOf('&') >= 0) s = s.replace(ENTITY, decodeEntity);
  // Markdown separators ("| --- | --- |", "---- ⇥ -----") carry nothing.
  if (s.indexOf('--') >= 0 && SEPARATOR.test(s)) return 'separator';
  let cells: string[];
  if (s.indexOf('|') >= 0 && s.indexOf('\t') < 0 && s.trim().startsWith('|')) {
    cells = s.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
    markdown = true;
  } else {
    // most lines end in a run of empty cells: drop it before splitting
    let end = s.length;
    while (end > 0 && (s.charCodeAt(end - 1) === 9 || s.charCodeAt(end - 1) === 32)) end--;
    cells = (end < s.length ? s.slice(0, end) : s).split('\t');
  }
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    // trim only when needed: most cells have no surrounding space and this runs on every cell
    if (c.length && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32 || c.charCodeAt(0) === 0x3000 || c.charCodeAt(c.length - 1) === 0x3000)) cells[i] = c.trim();
  }
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  if (cells.length === 0) return 'blank';
  return { no, cells, afterBreak, html, markdown, classified: undefined };
}

/** Incremental splitter: feed text chunks, get Lines (handles lines cut across chunks). */
export class LineSplitter {
  private rest = '';
  private no: number;
  private pendingBreak: boolean;

  /** `firstLine` and `afterBreak` continue a file that an earlier splitter started (parallel batches). */
  constructor(firstLine = 1, afterBreak = false) {
    this.no = firstLine - 1;
    this.pendingBreak = afterBreak;
  }

  push(chunk: string, emit: (line: Line) => void): void {
    const text = this.rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.take(text.slice(start, nl), emit);
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  end(emit: (line: Line) => void): void {
    if (this.rest !== '') this.take(this.rest, emit);
    this.rest = '';
  }

  private take(raw: string, emit: (line: Line) => void): void {
    this.no++;
    const l = toLine(raw, this.no, this.pendingBreak);
    if (l === 'blank') {
      this.pendingBreak = true;
      return;
    }
    if (l === 'separator') return;
    this.pendingBreak = false;
    emit(l);
  }
}
