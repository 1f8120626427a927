import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Form } from '../../model/form.js';
import { generateForms } from './gen.js';
import {
  ARTEFACT_KINDS, DEFAULT_RATES, RATE_PRESETS, formatNumber, formatThousands, renderExport, renderForm, resolveRates, safeCut, wrapText,
  type ArtefactKind, type RenderResult,
} from './render.js';

const forms = generateForms({ count: 400, seed: 5 });
const linesOf = (r: RenderResult, i: number) => r.lines.slice(r.forms[i].firstLine, r.forms[i].firstLine + r.forms[i].lineCount);
const kindsOf = (r: RenderResult) => new Set(r.forms.flatMap((f) => f.artefacts.map((a) => a.kind)));

describe('renderExport: determinism', () => {
  it('gives the same bytes for the same seed and other bytes for another', () => {
    const a = renderExport(forms, { seed: 9 }).text;
    expect(renderExport(forms, { seed: 9 }).text).toBe(a);
    expect(renderExport(forms, { seed: 10 }).text).not.toBe(a);
  });

  it('renders in batches to the bytes of one run', () => {
    const whole = renderExport(forms, { seed: 9, rates: 'heavy' }).text;
    const bounds = [0, 1, 150, 400];
    const parts = bounds.slice(0, -1).map((start, i) => renderExport(forms.slice(start, bounds[i + 1]), { seed: 9, rates: 'heavy', start }).text);
    expect(parts.join('')).toBe(whole);
  });

  it('starts with two blank lines and separates forms by one', () => {
    const r = renderExport(forms.slice(0, 3), { rates: 0 });
    expect(r.text.startsWith('\n\n财政项目支出绩效自评表\t')).toBe(true);
    expect(r.lines[r.forms[1].firstLine - 1]).toBe('');
    expect(r.forms[1].firstLine).toBe(r.forms[0].firstLine + r.forms[0].lineCount + 1);
    expect(r.text.endsWith('\n')).toBe(true);
  });
});

describe('renderExport: rates 0 give a clean export', () => {
  const r = renderExport(forms, { seed: 3, rates: 0 });

  it('records no artefact', () => {
    expect(r.forms.every((f) => f.artefacts.length === 0)).toBe(true);
    expect(resolveRates(0)).toEqual(RATE_PRESETS.clean);
  });

  it('prints every cell in its column, 9 to a line, with no blank line inside a form', () => {
    forms.forEach((form, i) => {
      const lines = linesOf(r, i);
      expect(lines.every((l) => l !== '' && l.split('\t').length === 9)).toBe(true);
      expect(lines[0]).toBe('财政项目支出绩效自评表' + '\t'.repeat(8));
      expect(lines[1]).toBe(`(${form.year} 年度)` + '\t'.repeat(8));
      expect(lines[2]).toBe(['项目名称', form.projectName, '', '', '', '', '', '', ''].join('\t'));
      expect(lines[3]).toBe(['主管部门', form.department, '', '', '实施单位', form.implementingUnit ?? '', '', '', ''].join('\t'));
      expect(lines[4]).toBe('项目资金 (元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t');
      const t = form.funds.total;
      expect(lines[5].split('\t')).toEqual(['', '年度资金总额', formatNumber(t.initialBudget), formatNumber(t.annualBudget), formatNumber(t.executed), '10', `${t.rate!.toFixed(2)}%`, formatNumber(t.score), '']);
      expect(lines[9]).toBe('年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t\t');
      expect(lines[10].split('\t')).toEqual(['', form.goals.expected ?? '', '', '', form.goals.actual ?? '', '', '', '', '']);
      expect(lines[11]).toBe('绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施');
      const rows = lines.slice(12, -1).map((l) => l.split('\t'));
      expect(rows.map((c) => ({
        level1: c[1], level2: c[2], level3: c[3], target: c[4] || null, actual: c[5] || null,
        weight: Number(c[6]), score: Number(c[7]), deviation: c[8] || null,
      }))).toEqual(form.indicators);
      expect(lines[lines.length - 1]).toBe(['总分', '', '', '', '', '', '100', formatNumber(form.totalScore), ''].join('\t'));
    });
  });

  it('prints no separator, dash, HTML or wrapped label', () => {
    expect(r.text).not.toMatch(/<p|—|绩效 指标|年度 指标值|\d,\d{3}/);
  });
});

describe('renderExport: artefacts', () => {
  const sample = forms.slice(0, 300);
  // these fit every form; the others need a long cell, a shortfall or a 效益 label to work on
  const alwaysFits = new Set<ArtefactKind>([
    'headerWrap', 'goalLabelSplit', 'verticalLabel', 'mergedLabels', 'pageBreak', 'rowShift', 'sectionShift', 'fundsShift',
    'htmlTitle', 'totalVariant', 'amountFormat', 'headerExtraCell', 'columnVariant', 'labelVariant',
  ]);

  it('puts every artefact into some form at rates 1', () => {
    expect([...kindsOf(renderExport(sample, { seed: 4, rates: 1 }))].sort()).toEqual([...ARTEFACT_KINDS].sort());
  });

  it.each(ARTEFACT_KINDS)('injects %s at rate 1 and never at rate 0', (kind) => {
    const on = renderExport(sample, { seed: 4, rates: { ...RATE_PRESETS.clean, mergedLabels: 1, [kind]: 1 } });
    const share = on.forms.filter((f) => f.artefacts.some((a) => a.kind === kind)).length / sample.length;
    expect(share).toBeGreaterThanOrEqual(alwaysFits.has(kind) ? 1 : 0.1);
    const off = renderExport(sample, { seed: 4, rates: { ...RATE_PRESETS.heavy, [kind]: 0 } });
    expect(kindsOf(off).has(kind)).toBe(false);
  });

  it('shows each artefact in the text as the samples do', () => {
    const only = (kind: ArtefactKind) => renderExport(sample.slice(0, 60), { seed: 4, rates: { ...RATE_PRESETS.clean, [kind]: 1 } });
    expect(only('htmlTitle').lines).toContain('<p style="text-align: center;">财政项目支出绩效自评表</p> <p style="text-align: center;">(' + sample[0].year + ' 年度)</p>' + '\t'.repeat(8));
    expect(only('headerWrap').text).toContain('绩效 指标\t一级指标\t二级指标\t三级指标\t年度 指标值\t实际 完成值\t分值\t得分\t偏差原因分析及 改进措施');
    expect(only('verticalLabel').text).toMatch(/\n绩\t一级指标[^\n]*\n(?:[^\n]*\n)*效 指 标\t/);
    expect(only('goalLabelLeak').text).toMatch(/\n年度目标\t[^\t]*总体[，；、]/);
    expect(only('amountFormat').text).toMatch(/\t年度资金总额\t\d+\.\d\d\t\d+\.\d\d\t[\d,]+(\.\d+)?\t10\t/);
    expect(only('amountFormat').text).toContain('\t其中：当年财政拨款\t');
    expect(only('fundsShift').text).toContain('项目资金 (元)\t\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\t\t年度资金总额\t');
    expect(only('headerExtraCell').text).toMatch(/\n项目名称\t\t\S/);
    expect(only('labelVariant').text).toContain('项目资金(元)\t');
    const totals = only('totalVariant').text;
    for (const re of [/\n总分\t\t\t\t\t100\t[\d.]+\t\n/, /\n\t总分\t\t\t\t\t100\t/, /\n\n总分\n\n100\n\n[\d.]+\n/, /\n\n总分\n\n\| 100 \| [\d.]+ \|\n/, /\n总分\t100\t[\d.]+\t\n----\t-----\t-----\t--\n/])
      expect(totals).toMatch(re);
  });

  it('moves merged labels across a break only where the level-1 weights decide', () => {
    const r = renderExport(sample, { seed: 4, rates: { ...RATE_PRESETS.clean, mergedLabels: 1, breakLabels: 1 } });
    let lineBreaks = 0;
    r.forms.forEach((f, i) => {
      if (!f.artefacts.some((a) => a.detail === 'label-line')) return;
      lineBreaks++;
      const lines = linesOf(r, i);
      const b = lines.indexOf('');
      const [, l1, l2] = lines[b + 1].split('\t');
      expect(['效益指标', '满意度指标']).toContain(l1);
      // the rows just above the break carry no label, and the section weights are the profile's
      expect(lines[b - 1].split('\t').slice(0, 3)).toEqual(['', '', '']);
      const w = (l: string) => sample[i].indicators.filter((x) => x.level1 === l).reduce((s, x) => s + x.weight!, 0);
      expect([w('产出指标'), w('效益指标'), w('满意度指标')]).toEqual([50, 30, 10]);
      expect(sample[i].indicators.every((x) => x.weight! > 0)).toBe(true);
      expect(l2).toBeTruthy();
    });
    expect(lineBreaks).toBeGreaterThan(10);
  });

  it('loses no value: every truth value is printed whole, wrapped, or split in two', () => {
    for (const rates of ['default', 'heavy', 1] as const) {
      const r = renderExport(sample, { seed: 8, rates });
      const missing: string[] = [];
      sample.forEach((form, i) => {
        const cells = linesOf(r, i).flatMap((l) => l.split('\t')).filter((c) => c !== '');
        const plain = new Set(cells);
        const unwrapped = new Set(cells.map((c) => c.replaceAll(' ', '')));
        const leaked = new Set(cells.map((c) => c.replace('总体', '')));
        const found = (v: string, wrap: boolean) =>
          plain.has(v) || (wrap && unwrapped.has(v)) || leaked.has(v) || cells.some((a, k) => v.startsWith(a) && cells.slice(k + 1).includes(v.slice(a.length)));
        const check = (v: string | null, wrap: boolean) => {
          if (v !== null && !found(v, wrap)) missing.push(`${rates} #${i}: ${v}`);
        };
        check(form.projectName, true);
        check(form.department, false);
        check(form.goals.expected, false);
        check(form.goals.actual, false);
        for (const ind of form.indicators) {
          check(ind.level3, true);
          check(ind.target, true);
          check(ind.actual, true);
          check(ind.deviation, false);
          const text = linesOf(r, i).join('\n');
          if (!text.includes(`\t${formatNumber(ind.weight)}\t${formatNumber(ind.score)}`)) missing.push(`${rates} #${i}: ${ind.weight}/${ind.score}`);
        }
      });
      expect(missing).toEqual([]);
    }
  });

  it('keeps every line within 9 columns', () => {
    const r = renderExport(sample, { seed: 8, rates: 1 });
    expect(r.lines.filter((l) => l.split('\t').length > 9)).toEqual([]);
  });
});

describe('formatting as the samples print', () => {
  it('prints scores and amounts without trailing zeros, executed with separators', () => {
    expect([9.7, 10, 8.07, 0, 13.5, null].map(formatNumber)).toEqual(['9.7', '10', '8.07', '0', '13.5', '']);
    expect([843800, 916392.88, 41089.5, 0, 1500000, 605].map(formatThousands)).toEqual(['843,800', '916,392.88', '41,089.5', '0', '1,500,000', '605']);
  });

  it('wraps a cell every W characters (samples/001 #6)', () => {
    expect(wrapText('早于年度市级信息化项目集中申报时间', 8)).toBe('早于年度市级信息 化项目集中申报时 间');
    expect(wrapText('政府开放日或开放月活动场次', 10)).toBe('政府开放日或开放月活 动场次');
  });

  it('never cuts between two ASCII characters or beside a space', () => {
    expect(safeCut('2021年12月', 6)).toBe(false);
    expect(safeCut('BX21-D-22', 3)).toBe(false);
    expect(safeCut('完善。 措施', 3)).toBe(false);
    expect(safeCut('热线工单受理及时率1个工作日', 10)).toBe(true);
  });

  it('renders the head and funds block of samples/000 #0 byte for byte', () => {
    const gold = (JSON.parse(readFileSync('test/fixtures/gold/000_3e14c9280df4d171.json', 'utf8')) as Form[])[0];
    const sample = readFileSync('samples/000_3e14c9280df4d171.txt', 'utf8').split('\n');
    const { lines } = renderForm(gold, { rates: { ...RATE_PRESETS.clean, amountFormat: 1 } });
    expect(lines.slice(0, 6)).toEqual(sample.slice(2, 8));
  });

  it('reads rate presets, one number, or some rates over the defaults', () => {
    expect(resolveRates()).toEqual(DEFAULT_RATES);
    expect(resolveRates('heavy').htmlTitle).toBeGreaterThan(DEFAULT_RATES.htmlTitle);
    expect(resolveRates({ htmlTitle: 1 })).toEqual({ ...DEFAULT_RATES, htmlTitle: 1 });
    expect(Object.values(resolveRates(1)).every((v) => v === 1)).toBe(true);
  });
});
