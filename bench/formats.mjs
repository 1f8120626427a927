#!/usr/bin/env node
// xlsx and PDF formats benchmark (issue 5): forms per second for export and import, each next to
// a floor measured in the same run on the same forms:
//   xlsx export  vs exceljs writing the same cell values with no styles or merges
//   xlsx import  vs exceljs loading the same workbook (no grid or label mapping)
//   PDF export   vs pdfmake printing the same text as plain paragraphs (no table layout)
//   PDF import   vs unpdf text extraction of the same PDF (no table rebuilding)
// Env: BENCH_FORMATS_N (default 1000) generated forms, BENCH_FORMATS_SEED.
import { register } from 'tsx/esm/api';

register();
const N = Number(process.env.BENCH_FORMATS_N ?? 1000);
const SEED = Number(process.env.BENCH_FORMATS_SEED ?? 5);

const ExcelJS = (await import('exceljs')).default;
const pdfmake = (await import('pdfmake')).default;
const { getDocumentProxy } = await import('unpdf');
const { generateForms } = await import('../src/formats/text/gen.ts');
const { writeXlsx } = await import('../src/formats/xlsx/write.ts');
const { readXlsx } = await import('../src/formats/xlsx/read.ts');
const { writePdf, pdfFontFamily } = await import('../src/formats/pdf/write.ts');
const { readPdf } = await import('../src/formats/pdf/read.ts');
const { loadSystemCjkFont } = await import('../src/formats/pdf/font.ts');
const { buildLayout, layoutToMatrix } = await import('../src/formats/layout.ts');
const { toInterchange } = await import('../src/model/form.ts');

const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const time = async (fn) => {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return { r, secs: Number(process.hrtime.bigint() - t0) / 1e9 };
};
const line = (name, secs, floorSecs, extra = {}) =>
  console.log(
    `${name.padEnd(38)} forms/s=${fmt(N / secs)}  floor forms/s=${fmt(N / floorSecs)}  ratio=${fmt(secs / floorSecs, 2)}  ${Object.entries(extra)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ')}`,
  );

console.log(`# formats: ${N} generated forms (seed ${SEED})`);
const forms = generateForms({ count: N, seed: SEED });
const same = (a, b) => a.length === b.length && a.every((f, i) => JSON.stringify(toInterchange(f)) === JSON.stringify(toInterchange(b[i])));

// xlsx
const xw = await time(() => writeXlsx(forms));
const xf = await time(async () => {
  const wb = new ExcelJS.Workbook();
  forms.forEach((f, i) => {
    const ws = wb.addWorksheet(`s${i}`);
    for (const row of layoutToMatrix(buildLayout(f))) ws.addRow(row);
  });
  return wb.xlsx.writeBuffer();
});
line('xlsx export (one workbook)', xw.secs, xf.secs, { MB: fmt(xw.r.length / 2 ** 20, 1) });
const xr = await time(() => readXlsx(xw.r));
const xl = await time(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xw.r.buffer.slice(xw.r.byteOffset, xw.r.byteOffset + xw.r.byteLength));
  return wb;
});
line('xlsx import', xr.secs, xl.secs, { exact: same(xr.r.forms, forms) });

// PDF
const font = await loadSystemCjkFont();
const pw = await time(() => writePdf(forms, { font }));
const pf = await time(async () => {
  pdfmake.setFonts({ Cjk: pdfFontFamily(font) });
  const content = forms.map((f, i) => ({ text: layoutToMatrix(buildLayout(f)).map((r) => r.filter(Boolean).join(' ')).join('\n'), pageBreak: i ? 'before' : undefined }));
  return pdfmake.createPdf({ pageSize: 'A4', pageOrientation: 'landscape', defaultStyle: { font: 'Cjk', fontSize: 9 }, content }).getBuffer();
});
line('PDF export (one batch PDF)', pw.secs, pf.secs, { MB: fmt(pw.r.length / 2 ** 20, 1) });
const pr = await time(() => readPdf(pw.r));
const pe = await time(async () => {
  const doc = await getDocumentProxy(new Uint8Array(pw.r));
  for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
  await doc.destroy();
});
line('PDF import', pr.secs, pe.secs, { exact: same(pr.r.forms, forms) });
