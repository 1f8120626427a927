import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toInterchange } from '../../model/form.js';
import { buildLayout, layoutToMatrix } from '../layout.js';
import { parseCsv } from '../csv/write.js';
import { diffAll, goldForms, skipWithoutSoffice, sofficeConvert } from '../office-test-helpers.js';
import { readPdf } from '../pdf/read.js';
import { generateForms } from '../text/gen.js';
import { readXlsx, sniffXlsx, xlsxFormat } from './read.js';
import { sheetNamesFor, writeXlsx } from './write.js';

const gold = goldForms();

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

describe('xlsx export → import round trip', () => {
  it('gives back every gold form exactly (one sheet per form)', async () => {
    const res = await readXlsx(await writeXlsx(gold));
    expect(res.diagnostics).toEqual([]);
    expect(diffAll(res.forms, gold)).toEqual([]);
  });

  it('gives back each gold form from its own workbook', async () => {
    for (const f of gold.slice(0, 6)) {
      const res = await readXlsx(await writeXlsx([f]));
      expect(res.forms.map(toInterchange)).toEqual([toInterchange(f)]);
    }
  });

  it('gives back 1,000 generated forms exactly', async () => {
    const forms = generateForms({ count: 1000, seed: 20261122 });
    const res = await readXlsx(await writeXlsx(forms));
    expect(diffAll(res.forms, forms)).toEqual([]);
  });

  it('records the unit and keeps 万元 amounts as printed', async () => {
    const f = { ...gold[0], unit: '万元', funds: { ...gold[0].funds, total: { ...gold[0].funds.total, annualBudget: 84.59 } } };
    const res = await readXlsx(await writeXlsx([f]));
    expect(res.forms[0].funds.total.annualBudget).toBe(84.59);
    expect((res.forms[0] as Record<string, unknown>).unit).toBe('万元');
    expect(res.diagnostics.map((d) => d.code)).toEqual(['amount-unit']);
  });
});

describe('xlsx export layout', () => {
  it('writes the official layout: merges, widths, formats, borders, A4 landscape', async () => {
    const wb = await load(await writeXlsx([gold[0]]));
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('全区视频会议设备升级改造项目');
    expect(ws.getCell('A1').value).toBe('财政项目支出绩效自评表');
    expect(ws.getCell('A2').value).toBe('（2022年度）');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toContain('A1:I1');
    expect(merges).toContain('B3:I3');
    // level-1 产出指标 spans its four rows
    const l1 = ws.getColumn(2).values.indexOf('产出指标');
    expect(merges).toContain(`B${l1}:B${l1 + 3}`);
    const total = ws.getColumn(2).values.indexOf('年度资金总额');
    expect(ws.getCell(total, 3).numFmt).toBe('#,##0.00');
    expect(ws.getCell(total, 3).value).toBe(845900);
    expect(ws.getCell(total, 7).numFmt).toBe('0.00%');
    expect(ws.getCell(total, 7).value).toBeCloseTo(0.9976, 10);
    expect(ws.getCell(total, 3).border.top?.style).toBe('thin');
    expect(ws.getCell(l1, 9).alignment.wrapText).toBe(true);
    expect(ws.getColumn(9).width).toBeGreaterThan(ws.getColumn(7).width!);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    const last = ws.rowCount;
    expect(ws.getCell(last, 1).value).toBe('总分');
    expect([ws.getCell(last, 7).value, ws.getCell(last, 8).value]).toEqual([100, 97.98]);
  });

  it('makes sheet names Excel accepts: ≤31 chars, no []:*?/\\, unique', () => {
    const f = (projectName: string | null) => ({ ...gold[0], projectName });
    const names = sheetNamesFor([f('a/b:c*d?e[f]g\\h'), f('x'.repeat(40)), f('x'.repeat(40)), f('X'.repeat(40)), f(null), f('')]);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names[0]).toBe('a_b_c_d_e_f_g_h');
  });
});

/** A workbook as another tool (or a person) makes it: shifted, 万元, extra rows, text numbers. */
async function realWorldWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'WPS 表格';
  const ws = wb.addWorksheet('Sheet1');
  const set = (addr: string, v: ExcelJS.CellValue, numFmt?: string) => {
    ws.getCell(addr).value = v;
    if (numFmt) ws.getCell(addr).numFmt = numFmt;
  };
  ws.mergeCells('C4:K4');
  set('C4', '2023年度项目支出绩效自评表');
  set('C6', '项目名称');
  ws.mergeCells('D6:K6');
  set('D6', '老旧小区改造项目');
  set('C7', '主管部门：');
  ws.mergeCells('D7:F7');
  set('D7', '某区住房和城乡建设管理委员会');
  set('G7', '实施单位');
  ws.mergeCells('H7:K7');
  set('H7', '某区房屋管理局');
  ws.mergeCells('C8:C12');
  set('C8', '项目资金\n（万元）');
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((h, i) => set(`${'EFGHIJ'[i]}8`, h));
  set('D9', '年度资金总额');
  set('E9', 120.5);
  set('F9', '118.00');
  set('G9', 100.3);
  set('H9', 10);
  set('I9', 0.85, '0.00%');
  set('J9', 8.5);
  set('D10', '其中：当年财政拨款');
  set('E10', 120.5);
  set('F10', 118);
  set('G10', '100.30');
  set('H10', '—');
  set('D11', '上年结转资金');
  set('E11', 0);
  set('F11', 0);
  set('D12', '其他资金');
  ws.mergeCells('C14:C15');
  set('C14', '年度目标');
  ws.mergeCells('D14:G14');
  set('D14', '预期目标');
  ws.mergeCells('H14:K14');
  set('H14', '实际完成情况');
  ws.mergeCells('D15:G15');
  set('D15', '完成改造 12 个小区');
  ws.mergeCells('H15:K15');
  set('H15', '完成 11 个小区改造');
  ws.mergeCells('C16:C22');
  set('C16', '绩效指标');
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((h, i) => set(`${'DEFGHIJK'[i]}16`, h));
  ws.mergeCells('D17:D19');
  set('D17', '产出指标');
  set('E17', '数量指标');
  set('F17', '改造小区数');
  set('G17', '12个');
  set('H17', '11个');
  set('I17', 20);
  set('J17', 18);
  set('K17', '一个小区居民意见未统一，延至次年');
  set('E18', '质量指标');
  set('F18', '验收合格率');
  set('G18', '>=95%');
  set('H18', 100);
  set('I18', 20);
  set('J18', 20);
  // a hand-made sheet leaves the repeated level-2 blank instead of merging it
  set('F19', '质量问题整改率');
  set('G19', '100%');
  set('H19', '100%');
  set('I19', '10');
  set('J19', '10');
  set('D21', '效益指标');
  set('E21', '社会效益指标');
  set('F21', '居民居住条件改善');
  set('G21', '明显改善');
  set('H21', '明显改善');
  set('I21', 20);
  set('J21', 20);
  set('D22', '满意度指标');
  set('E22', '服务对象满意度指标');
  set('F22', '居民满意度');
  set('G22', '>=90%');
  set('H22', '92%');
  set('I22', 20);
  set('J22', 19);
  ws.mergeCells('C23:H23');
  set('C23', '总分');
  set('I23', 100);
  set('J23', 95.5);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('xlsx import of other tools’ workbooks', () => {
  it('reads a shifted, 万元, hand-made workbook by its labels', async () => {
    const res = await readXlsx(await realWorldWorkbook());
    expect(res.forms).toHaveLength(1);
    const f = res.forms[0];
    expect(toInterchange(f)).toEqual({
      year: 2023,
      projectName: '老旧小区改造项目',
      department: '某区住房和城乡建设管理委员会',
      implementingUnit: '某区房屋管理局',
      funds: {
        total: { initialBudget: 120.5, annualBudget: 118, executed: 100.3, weight: 10, rate: 85, score: 8.5 },
        fiscal: { initialBudget: 120.5, annualBudget: 118, executed: 100.3 },
        carryover: { initialBudget: 0, annualBudget: 0, executed: null },
        other: { initialBudget: null, annualBudget: null, executed: null },
      },
      goals: { expected: '完成改造 12 个小区', actual: '完成 11 个小区改造' },
      indicators: [
        { level1: '产出指标', level2: '数量指标', level3: '改造小区数', target: '12个', actual: '11个', weight: 20, score: 18, deviation: '一个小区居民意见未统一，延至次年' },
        { level1: '产出指标', level2: '质量指标', level3: '验收合格率', target: '>=95%', actual: '100', weight: 20, score: 20, deviation: null },
        { level1: '产出指标', level2: '质量指标', level3: '质量问题整改率', target: '100%', actual: '100%', weight: 10, score: 10, deviation: null },
        { level1: '效益指标', level2: '社会效益指标', level3: '居民居住条件改善', target: '明显改善', actual: '明显改善', weight: 20, score: 20, deviation: null },
        { level1: '满意度指标', level2: '服务对象满意度指标', level3: '居民满意度', target: '>=90%', actual: '92%', weight: 20, score: 19, deviation: null },
      ],
      totalWeight: 100,
      totalScore: 95.5,
    });
    expect((f as Record<string, unknown>).unit).toBe('万元');
    const codes = res.diagnostics.map((d) => `${d.level}:${d.code}`);
    expect(codes).toContain('info:amount-unit');
    expect(codes).toContain('info:column-shift');
    expect(res.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
    expect(res.diagnostics.find((d) => (d.code as string) === 'amount-unit')?.line).toBe(8);
  });

  it('reports what it cannot find instead of throwing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.getCell('A1').value = '项目名称';
    ws.getCell('B1').value = '只有名称';
    ws.getCell('A3').value = '年初预算数';
    ws.getCell('A4').value = '年度资金总额';
    ws.getCell('B4').value = 'abc';
    const res = await readXlsx(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(res.forms[0].projectName).toBe('只有名称');
    const codes = res.diagnostics.map((d) => d.code);
    expect(codes).toContain('missing-block');
    expect(res.diagnostics.some((d) => d.level === 'error' && d.path === 'indicators')).toBe(true);
  });

  it('turns junk into a diagnostic', async () => {
    const junk = new Uint8Array([0x50, 0x4b, 3, 4, ...Array.from({ length: 100 }, (_, i) => i)]);
    const res = await readXlsx(junk);
    expect(res.forms).toEqual([]);
    expect(res.diagnostics[0].level).toBe('error');
    const empty = await readXlsx(await writeXlsx([]));
    expect(empty.forms).toEqual([]);
    expect(empty.diagnostics[0].code).toBe('empty-input');
  });

  it('sniffs xlsx bytes', async () => {
    expect(sniffXlsx(await writeXlsx([gold[0]]))).toBe(true);
    expect(sniffXlsx(new TextEncoder().encode('项目名称\t…'))).toBe(false);
    expect(xlsxFormat.id).toBe('xlsx');
  });
});

describe.skipIf(skipWithoutSoffice)('LibreOffice opens our xlsx', () => {
  it('converts every gold form (and 50 generated ones) to CSV holding the same values', () => {
    return (async () => {
      const forms = [...gold, ...generateForms({ count: 50, seed: 11 })];
      // 76 = UTF-8, "save as shown" on, -1 = every sheet to its own file
      const csvs = sofficeConvert(await writeXlsx(forms), 'forms.xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', 'csv');
      expect(csvs).toHaveLength(forms.length);
      const names = sheetNamesFor(forms);
      forms.forEach((f, i) => {
        const file = csvs.find((c) => c.name.endsWith(`-${names[i]}.csv`));
        expect(file, names[i]).toBeDefined();
        const rows = parseCsv(new TextDecoder().decode(file!.bytes)).map((r) => r.slice(0, 9).map((c) => c ?? ''));
        const want = layoutToMatrix(buildLayout(f));
        expect(rows.map((r) => [...r, ...Array(9 - r.length).fill('')])).toEqual(want);
      });
    })();
  });

  it('prints to a PDF that parses back to the same forms', async () => {
    const pdfs = sofficeConvert(await writeXlsx(gold), 'forms.xlsx', 'pdf', 'pdf');
    expect(pdfs).toHaveLength(1);
    const res = await readPdf(pdfs[0].bytes);
    expect(diffAll(res.forms, gold)).toEqual([]);
  });

  it('prints 100 generated forms to a PDF that parses back to the same forms', async () => {
    // (1,000 also read back exactly, but LibreOffice needs minutes for a 1,000-sheet workbook)
    const forms = generateForms({ count: 100, seed: 7 });
    const [pdf] = sofficeConvert(await writeXlsx(forms), 'gen.xlsx', 'pdf', 'pdf');
    const res = await readPdf(pdf.bytes);
    expect(diffAll(res.forms, forms)).toEqual([]);
  }, 300_000);
});
