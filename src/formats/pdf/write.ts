/**
 * Form(s) → print-quality PDF (A4 landscape) in the official layout, with pdfmake. The grid comes
 * from layout.ts, the same one the xlsx export uses. A batch is one PDF, one form per page run.
 */
import pdfmake from 'pdfmake';
import type { Form } from '../../model/form.js';
import { buildLayout, type FormLayout, type LayoutCell } from '../layout.js';
import { loadSystemCjkFont, type CjkFont } from './font.js';

export interface PdfWriteOptions {
  /** A CJK font; by default the first installed one (font.ts). Required in the browser. */
  font?: CjkFont;
  /** Document title in the PDF metadata. */
  title?: string;
}

const PAGE_MARGINS = [28, 30, 28, 30];
/** A4 landscape width in points, minus the side margins. */
const CONTENT_WIDTH = 841.89 - PAGE_MARGINS[0] - PAGE_MARGINS[2];
const BODY_SIZE = 9;
/** Cell padding: the gap it leaves between rows is what the PDF reader uses to tell rows apart. */
const PAD = 3;

type PdfCell = Record<string, unknown>;

const tableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  paddingLeft: () => PAD,
  paddingRight: () => PAD,
  paddingTop: () => PAD,
  paddingBottom: () => PAD,
};

function pdfWidths(layout: FormLayout): number[] {
  const total = layout.widths.reduce((a, b) => a + b, 0);
  // pdfmake widths exclude padding and lines: subtract them so the table fills the page exactly
  return layout.widths.map((w) => (w / total) * CONTENT_WIDTH - 2 * PAD - 0.6);
}

/**
 * pdfmake body for layout rows [from, to). Vertical merges are drawn as cells without inner
 * horizontal rules instead of rowSpan, so a merge that crosses a page break cannot break the table.
 */
function body(layout: FormLayout, from: number, to: number): PdfCell[][] {
  const nCols = layout.widths.length;
  const rows: PdfCell[][] = [];
  for (let r = from; r < to; r++) rows.push(Array.from({ length: nCols }, () => ({}) as PdfCell));
  const node = (c: LayoutCell, text: string, top: boolean, bottom: boolean): PdfCell => ({
    // no-break spaces: pdfmake drops a space where it wraps a line, and the text layer would lose it
    text: text.replace(/ /g, '\u00A0'),
    alignment: c.align,
    bold: c.style === 'header',
    colSpan: c.colSpan > 1 ? c.colSpan : undefined,
    border: [true, top, true, bottom],
  });
  for (const c of layout.cells) {
    if (c.row + c.rowSpan <= from || c.row >= to) continue;
    for (let dr = 0; dr < c.rowSpan; dr++) {
      const r = c.row + dr;
      if (r < from || r >= to) continue;
      const first = dr === 0;
      const last = dr === c.rowSpan - 1;
      rows[r - from][c.col] = node(c, first ? c.display : '', first, last);
    }
  }
  // pdfmake wants every covered cell of a colSpan present; give it the border of its owner
  for (const row of rows)
    for (let c = 0; c < nCols; c++) {
      const span = (row[c].colSpan as number | undefined) ?? 1;
      for (let k = 1; k < span; k++) row[c + k] = { text: '', border: row[c].border };
    }
  return rows;
}

/** The pdfmake content of one form: title, year, then the two tables (the second repeats its header). */
export function formContent(form: Form, pageBreakBefore: boolean): PdfCell[] {
  const layout = buildLayout(form);
  const widths = pdfWidths(layout);
  const title = layout.cells.find((c) => c.style === 'title')!;
  const year = layout.cells.find((c) => c.style === 'subtitle')!;
  const firstBody = layout.rowKinds.indexOf('project');
  const ih = layout.indicatorHeaderRow;
  return [
    {
      text: title.display,
      fontSize: 16,
      bold: true,
      alignment: 'center',
      margin: [0, 0, 0, 2],
      ...(pageBreakBefore ? { pageBreak: 'before' } : {}),
    },
    { text: year.display, fontSize: 10, alignment: 'center', margin: [0, 0, 0, 6] },
    { table: { widths, body: body(layout, firstBody, ih), dontBreakRows: true }, layout: tableLayout },
    {
      table: { widths, headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, body: body(layout, ih, layout.rowKinds.length) },
      layout: tableLayout,
    },
  ];
}

let fontSeq = 0;
const registered = new WeakMap<CjkFont, { regular: string; bold: string }>();

/** Puts the font bytes in pdfmake's virtual file system once, so no disk access is needed. */
function registerFont(font: CjkFont): { regular: string; bold: string } {
  let names = registered.get(font);
  if (!names) {
    const id = ++fontSeq;
    names = { regular: `jixiao-cjk-${id}-regular`, bold: `jixiao-cjk-${id}-bold` };
    pdfmake.virtualfs.writeFileSync(names.regular, font.regular);
    pdfmake.virtualfs.writeFileSync(names.bold, font.bold ?? font.regular);
    registered.set(font, names);
  }
  return names;
}

/** Registers the font with pdfmake and returns the family descriptor to pass to setFonts. */
export function pdfFontFamily(font: CjkFont): Record<string, string | [string, string]> {
  const names = registerFont(font);
  const spec = (file: string, ps?: string): string | [string, string] => (ps ? [file, ps] : file);
  const regular = spec(names.regular, font.regularName);
  const bold = font.bold ? spec(names.bold, font.boldName) : spec(names.regular, font.regularName);
  // fresh arrays every time: pdfmake replaces the path in the array it is given with the bytes
  return { normal: regular, bold, italics: spec(names.regular, font.regularName), bolditalics: Array.isArray(bold) ? [...bold] : bold };
}

/** Forms → one PDF (each form starts on a new page). */
export async function writePdf(forms: Form[], opts: PdfWriteOptions = {}): Promise<Uint8Array> {
  const font = opts.font ?? (await loadSystemCjkFont());
  pdfmake.setFonts({ Cjk: pdfFontFamily(font) });
  // nothing is fetched or read from disk while rendering (trap 19): fonts come from the virtual fs
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  const content = forms.flatMap((f, i) => formContent(f, i > 0));
  const doc = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: PAGE_MARGINS,
    info: {
      title: opts.title ?? (forms.length === 1 ? `${forms[0].projectName ?? ''} 绩效自评表` : '财政项目支出绩效自评表'),
      creator: 'jixiao',
      producer: 'jixiao (pdfmake)',
      creationDate: new Date(Date.UTC(2020, 0, 1)),
    },
    defaultStyle: { font: 'Cjk', fontSize: BODY_SIZE, lineHeight: 1 },
    content: content.length ? content : [{ text: '（无表单）' }],
  };
  const buf = await pdfmake.createPdf(doc).getBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
