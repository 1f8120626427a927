import pdfmake from 'pdfmake';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { emptyIndicator, toInterchange, type Form } from '../../model/form.js';
import { COLUMN_WIDTHS } from '../layout.js';
import { diffAll, goldForms } from '../office-test-helpers.js';
import { generateForms } from '../text/gen.js';
import { loadSystemCjkFont, MissingCjkFontError } from './font.js';
import { normalizeRadicals, unmappedGlyphs } from './kangxi.js';
import { RADICAL_SUPPLEMENT } from './kangxi-table.js';
import { itemsToGrid, pdfFormat, pdfTextItems, readPdf, sniffPdf, type TextItem } from './read.js';
import { writePdf } from './write.js';

const gold = goldForms();

describe('PDF export → import round trip', () => {
  it('gives back every gold form exactly from one batch PDF', async () => {
    const res = await readPdf(await writePdf(gold));
    expect(res.diagnostics).toEqual([]);
    expect(diffAll(res.forms, gold)).toEqual([]);
  });

  it('gives back a single form from its own PDF', async () => {
    const res = await readPdf(await writePdf([gold[5]]));
    expect(res.forms.map(toInterchange)).toEqual([toInterchange(gold[5])]);
  });

  it('gives back 1,000 generated forms exactly', async () => {
    const forms = generateForms({ count: 1000, seed: 20261122 });
    const res = await readPdf(await writePdf(forms));
    expect(diffAll(res.forms, forms)).toEqual([]);
  }, 180_000);

  // pdf.js collapses runs of spaces, so a double space reads back as one (not tested)
  it('keeps spaces where a line wraps, and text that looks like a number', async () => {
    const f: Form = structuredClone(gold[0]);
    f.indicators[0].deviation = '完善。 措施：' + '学习相关规范及文件要求'.repeat(6) + ' V4.0 版本 a b';
    f.indicators[1].actual = '100';
    f.indicators[1].target = '=0 次';
    f.projectName = '（全角括号）项目：A-1';
    const res = await readPdf(await writePdf([f]));
    expect(diffAll(res.forms, [f])).toEqual([]);
  });

  it('repeats the indicator header on each page and never splits a row', async () => {
    const f: Form = structuredClone(gold[0]);
    const long = '因疫情影响进度滞后，已调整实施计划并加强过程管理，确保后续按期完成。'.repeat(3);
    f.indicators = Array.from({ length: 40 }, (_, i) => ({
      ...emptyIndicator(),
      level1: i < 20 ? '产出指标' : '效益指标',
      level2: i < 20 ? '数量指标' : '社会效益指标',
      level3: `指标${i + 1}`,
      target: '>=95%',
      actual: '96%',
      weight: 2,
      score: 2,
      deviation: i % 3 ? null : long,
    }));
    const bytes = await writePdf([f]);
    const pages = await pdfTextItems(bytes);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(p.some((i) => i.str === '一级指标')).toBe(true);
    // every row's name and its score sit on the same page
    for (let i = 0; i < 40; i++) {
      const page = pages.findIndex((p) => p.some((it) => it.str === `指标${i + 1}`));
      const y = pages[page].find((it) => it.str === `指标${i + 1}`)!.y;
      expect(pages[page].some((it) => it.str === '2' && Math.abs(it.y - y) < 1)).toBe(true);
    }
    const res = await readPdf(bytes);
    expect(diffAll(res.forms, [f])).toEqual([]);
  });

  it('prints A4 landscape with the CJK font embedded as a subset', async () => {
    const bytes = await writePdf([gold[0]]);
    const doc = await getDocumentProxy(bytes.slice());
    const page = await doc.getPage(1);
    expect(page.view.map((v) => Math.round(v))).toEqual([0, 0, 842, 595]);
    const meta = await doc.getMetadata();
    expect((meta.info as Record<string, unknown>).Creator).toBe('jixiao');
    const latin = new TextDecoder('latin1').decode(bytes);
    expect(latin).toMatch(/\/BaseFont \/[A-Z]{6}\+\S*CJK/);
    expect(bytes.length).toBeLessThan(400_000);
  });
});

describe('PDF import', () => {
  it('reports a PDF with no text layer', async () => {
    const font = await loadSystemCjkFont();
    void font;
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    const doc = { content: [{ canvas: [{ type: 'rect', x: 0, y: 0, w: 100, h: 50, color: '#888' }] }] };
    pdfmake.setFonts({ Roboto: { normal: 'x', bold: 'x', italics: 'x', bolditalics: 'x' } });
    const bytes = await pdfmake.createPdf(doc).getBuffer();
    const res = await readPdf(new Uint8Array(bytes));
    expect(res.forms).toEqual([]);
    expect(res.diagnostics).toMatchObject([{ code: 'empty-input', level: 'error' }]);
    expect(res.diagnostics[0].message).toContain('文本层');
  });

  it('turns junk into a diagnostic', async () => {
    const res = await readPdf(new TextEncoder().encode('%PDF-1.7\n garbage'));
    expect(res.forms).toEqual([]);
    expect(res.diagnostics[0].level).toBe('error');
  });

  it('sniffs PDF bytes', async () => {
    expect(sniffPdf(await writePdf([gold[0]]))).toBe(true);
    expect(sniffPdf(new TextEncoder().encode('项目名称'))).toBe(false);
    expect(pdfFormat.id).toBe('pdf');
  });

  it('rebuilds a table whose cells pdf.js joined into one run, and stitches a row split by a page break', () => {
    // a spreadsheet print: header centred in each column, one run spanning two cells
    const cols = COLUMN_WIDTHS;
    const s = 5;
    const left: number[] = [];
    cols.reduce((x, w) => (left.push(x), x + w * s), 30);
    const h = 8;
    const center = (c: number, text: string, y: number): TextItem => ({ str: text, x: left[c] + (cols[c] * s - text.length * h) / 2, y, w: text.length * h, h });
    const at = (c: number, text: string, y: number, w = text.length * h): TextItem => ({ str: text, x: left[c] + 2, y, w, h });
    const headers = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
    const header = (y: number) => headers.map((t, c) => center(c, t, y));
    const page1: TextItem[] = [
      at(0, '项目名称', 560),
      at(1, '示例项目', 560),
      ...header(500),
      at(1, '产出指标', 480),
      at(2, '数量指标', 480),
      // pdf.js joined the name and the target: "健全性" ends at the column border
      { str: '制度健全性 有效', x: left[3] + 2, y: 480, w: (left[4] + 2 + 2 * h) - (left[3] + 2), h },
      at(5, '有效', 480),
      at(6, '10', 480),
      at(7, '9', 480),
      at(8, '原因：上半', 480),
    ];
    const page2: TextItem[] = [...header(560), at(8, '年进度滞后。', 540), at(1, '满意度指标', 510), at(3, '满意度', 510), at(6, '10', 510), at(7, '10', 510), at(0, '总分', 480), at(6, '20', 480), at(7, '19', 480)];
    const { grid, diagnostics } = itemsToGrid([page1, page2]);
    const text = grid.map((r) => r.map((c) => c?.text ?? ''));
    const row = text.find((r) => r[3] === '制度健全性')!;
    expect(row.slice(1, 9)).toEqual(['产出指标', '数量指标', '制度健全性', '有效', '有效', '10', '9', '原因：上半年进度滞后。']);
    expect(diagnostics.map((d) => d.code)).toContain('page-break-stitched');
  });
});

describe('PDF import of other layouts', () => {
  it('finds the columns of a table with other widths from where its text starts', async () => {
    // a browser print: its own column widths, headers centred, text left-aligned, numbers right
    const cols = [8, 10, 12, 30, 10, 10, 6, 6, 40];
    const s = 6;
    const h = 8;
    const left: number[] = [];
    cols.reduce((x, w) => (left.push(x), x + w * s), 20);
    const right = (c: number) => left[c] + cols[c] * s;
    const center = (c: number, text: string, y: number): TextItem => ({ str: text, x: left[c] + (cols[c] * s - text.length * h) / 2, y, w: text.length * h, h });
    const at = (c: number, text: string, y: number): TextItem => ({ str: text, x: left[c] + 3, y, w: text.length * h * 0.9, h });
    const num = (c: number, text: string, y: number): TextItem => ({ str: text, x: right(c) - 3 - text.length * 4.5, y, w: text.length * 4.5, h });
    const headers = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
    const rows: TextItem[] = [at(0, '项目名称', 560), at(1, '浏览器打印的项目', 560), ...headers.map((t, c) => center(c, t, 520))];
    const body = [
      ['产出指标', '数量指标', '培训人次', '>=500人次', '620人次', '20', '20', ''],
      ['', '质量指标', '培训合格率', '>=90%', '96%', '20', '20', ''],
      ['效益指标', '社会效益指标', '就业率', '>=60%', '55%', '30', '25', '经济下行，岗位减少'],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '>=90%', '93%', '20', '20', ''],
    ];
    body.forEach((r, i) => {
      const y = 500 - i * 20;
      r.forEach((t, k) => {
        if (!t) return;
        const c = k + 1;
        rows.push(c === 6 || c === 7 ? num(c, t, y) : at(c, t, y));
      });
    });
    rows.push(at(0, '总分', 400), num(6, '100', 400), num(7, '95', 400));
    const { grid } = itemsToGrid([rows]);
    const text = grid.map((r) => r.map((c) => c?.text ?? ''));
    for (const r of body) expect(text).toContainEqual(['', ...r]);
  });
});

describe('Kangxi radicals', () => {
  it('maps radicals back to ideographs and leaves full-width punctuation alone', () => {
    expect(normalizeRadicals('项⽬⽀出⾃评 部⻔')).toBe('项目支出自评 部门');
    expect(normalizeRadicals('（一）：；，％')).toBe('（一）：；，％');
    expect(normalizeRadicals('⾦额')).toBe('金额');
  });
  it('ships a generated table for the Radicals Supplement', () => {
    expect(Object.keys(RADICAL_SUPPLEMENT).length).toBeGreaterThan(100);
    expect(String.fromCodePoint(RADICAL_SUPPLEMENT[0x2ed4])).toBe('门');
    for (const [from, to] of Object.entries(RADICAL_SUPPLEMENT)) {
      expect(Number(from)).toBeGreaterThanOrEqual(0x2e80);
      expect(Number(from)).toBeLessThanOrEqual(0x2eff);
      expect(to).toBeGreaterThanOrEqual(0x3400);
    }
  });
  it('lists glyphs that extraction could not map', () => {
    expect(unmappedGlyphs('正常')).toEqual([]);
    expect(unmappedGlyphs('a\uFFFDb\uE001')).toEqual(['\uFFFD', '\uE001']);
  });
});

describe('fonts', () => {
  it('explains a missing CJK font', () => {
    const e = new MissingCjkFontError(['/nope.ttc']);
    expect(e.message).toContain('fonts-noto-cjk');
    expect(e.message).toContain('JIXIAO_CJK_FONT');
  });
});
