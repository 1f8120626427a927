import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indicatorSource } from '../../model/diagnostic.js';
import { Form } from '../../model/form.js';
import { diffForms } from '../../../test/support/compare-forms.js';
import { encodeGb18030 } from '../../../test/support/gb18030.js';
import { parseText, TextFormReader, type ParsedForm } from './parse.js';

const root = join(import.meta.dirname, '../../..');
const samples = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.txt'));
const load = (name: string) => readFileSync(join(root, 'samples', name));
const gold = (name: string): Form[] => JSON.parse(readFileSync(join(root, 'test/fixtures/gold', name.replace('.txt', '.json')), 'utf8'));

describe('published samples', () => {
  it.each(samples)('%s reads exactly as the gold transcription', (name) => {
    const { forms } = parseText(load(name));
    const want = gold(name);
    expect(forms.map((f) => f.projectName)).toEqual(want.map((f) => f.projectName));
    const diffs = want.flatMap((w, i) => diffForms(w, forms[i]).map((d) => `#${i} ${d}`));
    expect(diffs).toEqual([]);
  });

  it.each(samples)('%s: every form is confirmed by its own arithmetic', (name) => {
    for (const f of parseText(load(name)).forms) {
      expect(f.arithmetic.weights).toBe('ok');
      expect(f.arithmetic.scores).toBe('ok');
      expect(f.confidence).toBeGreaterThan(0.7);
    }
  });

  it('records the source line of values', () => {
    const [f] = parseText(load('000_3e14c9280df4d171.txt')).forms;
    expect(f.provenance.projectName).toBe(5);
    expect(f.provenance.funds.total).toBe(8);
    expect(f.provenance.goals.expected).toBe(13);
    // level-3 name and the deviation tail come from the line after the page break
    expect(indicatorSource(f.provenance.indicators[5], 'level3')).toBe(22);
    expect(indicatorSource(f.provenance.indicators[5], 'weight')).toBe(20);
    expect(indicatorSource(f.provenance.indicators[5], 'deviation')).toEqual([20, 22]);
    expect(f.provenance.indicators[5]).toEqual({ line: 20, level1: 22, level3: 22, deviation: [20, 22] });
  });

  it('reports what it repaired', () => {
    const forms = samples.flatMap((name) => parseText(load(name)).forms);
    const codes = new Set(forms.flatMap((f) => f.diagnostics.map((d) => d.code)));
    for (const c of ['html-stripped', 'markdown-table', 'total-row-split', 'column-shift', 'section-by-weights', 'merged-label-reattached', 'label-fragment-removed', 'cell-wrap-joined', 'page-break-stitched'])
      expect(codes).toContain(c);
  });
});

describe('layouts not in the samples', () => {
  it('a goals block without its header, 万元 amounts, 上年结余, blank actuals', () => {
    const [f] = parseText(readFileSync(join(root, 'test/fixtures/text/variant-goals-without-header.txt'))).forms;
    expect(f.goals).toEqual({ expected: '完成某项工作。', actual: '已完成某项工作。' });
    expect(f.funds.total).toEqual({ initialBudget: 100, annualBudget: 100, executed: 90, weight: 10, rate: 90, score: 9 });
    expect(f.funds.carryover).toEqual({ initialBudget: 0, annualBudget: 0, executed: null });
    expect(f.indicators.map((i) => [i.level1, i.level2, i.level3, i.actual, i.weight])).toEqual([
      ['产出指标', '数量指标', '完成数量', null, 50],
      ['效益指标', '社会效益指标', '服务效果', null, 30],
      ['满意度指标', '服务对象满意度指标', '满意度', null, 10],
    ]);
    expect(f.diagnostics).toEqual([]);
  });
});

describe('labels with colons and weights', () => {
  it('reads 项目名称：… in one cell and 产出指标(50分)', () => {
    const [f] = parseText(readFileSync(join(root, 'test/fixtures/text/variant-colon-labels.txt'))).forms;
    expect([f.year, f.projectName, f.department, f.implementingUnit]).toEqual([2021, '委托业务项目', '某镇人民政府', '某镇财政所']);
    expect(f.indicators.map((i) => [i.level1, i.level2])).toEqual([
      ['产出指标', '数量指标'], ['产出指标', '质量指标'], ['效益指标', '社会效益指标'], ['满意度指标', '服务对象满意度指标'],
    ]);
    expect(f.arithmetic).toEqual({ weights: 'ok', scores: 'ok', rate: 'ok', sections: 'ok' });
  });
});

describe('robustness: never throws, always well-formed', () => {
  const base = load('004_f5e7e42ab4334a59.txt');
  const wellFormed = (forms: ParsedForm[]) => forms.every((f) => Form.safeParse(f).success);

  it('empty input', () => {
    const r = parseText(new Uint8Array());
    expect(r.forms).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('empty-input');
  });

  it('drops NUL characters from a damaged export, as bytes, as text and across chunks', () => {
    const clean = parseText(base).forms[0].projectName!;
    const text = base.toString('utf8');
    const at = text.indexOf(clean) + 2;
    const damaged = `${text.slice(0, at)}\u0000\u0000${text.slice(at)}`;
    const bytes = new TextEncoder().encode(damaged);
    const chunked: ParsedForm[] = [];
    const reader = new TextFormReader((f) => chunked.push(f));
    for (let i = 0; i < bytes.length; i += 5) reader.pushBytes(bytes.subarray(i, i + 5));
    reader.end();
    for (const forms of [parseText(damaged).forms, parseText(bytes).forms, chunked]) {
      expect(forms[0].projectName).toBe(clean);
      expect(wellFormed(forms)).toBe(true);
    }
  });

  it('random bytes and an executable', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const junk = Uint8Array.from({ length: 200_000 }, () => Math.floor(rnd() * 256));
    const r = parseText(junk);
    expect(r.forms).toEqual([]);
    const exe = readFileSync(process.execPath).subarray(0, 2_000_000);
    const e = parseText(exe);
    expect(wellFormed(e.forms)).toBe(true);
    expect(e.diagnostics.some((d) => d.code === 'binary-input')).toBe(true);
  });

  it('GB18030 reads the same as UTF-8', () => {
    const utf8 = parseText(base).forms;
    const gb = parseText(encodeGb18030(base.toString('utf8')));
    expect(gb.diagnostics.map((d) => d.code)).toContain('encoding-gb18030');
    expect(gb.forms.map((f) => diffForms(f, utf8[gb.forms.indexOf(f)])).flat()).toEqual([]);
  });

  it('truncated anywhere', () => {
    for (let cut = 0; cut < base.length; cut += 997) {
      const r = parseText(base.subarray(0, cut));
      expect(wellFormed(r.forms)).toBe(true);
    }
  });

  it('tab-less and shuffled exports', () => {
    const text = base.toString('utf8');
    expect(wellFormed(parseText(text.replace(/\t/g, '    ')).forms)).toBe(true);
    const lines = text.split('\n');
    let seed = 3;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let k = 0; k < 20; k++) {
      const shuffled = lines.slice().sort(() => rnd() - 0.5).join('\n');
      expect(wellFormed(parseText(shuffled).forms)).toBe(true);
    }
  });

  it('fuzz: 2,000 mutated exports', () => {
    const lines = load('001_f974810bc026f243.txt').toString('utf8').split('\n');
    let seed = 11;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
    const pieces = ['\t', '', '总分', '100', '—', '>=', '效益指标', '社会效益指标', '财政项目支出绩效自评表', '项目名称', '|', '<p>', '\u0000', '年度资金总额', '-1', '1e309', '%'];
    for (let k = 0; k < 2000; k++) {
      const m = lines.slice();
      const ops = 1 + Math.floor(rnd() * 6);
      for (let o = 0; o < ops; o++) {
        const i = Math.floor(rnd() * m.length);
        const r = rnd();
        if (r < 0.25) m.splice(i, 1);
        else if (r < 0.45) m.splice(i, 0, m[Math.floor(rnd() * m.length)] ?? '');
        else if (r < 0.7) m[i] = (m[i] ?? '').split('\t').map((c) => (rnd() < 0.3 ? pick(pieces) : c)).join('\t');
        else if (r < 0.85) m[i] = '\t' + (m[i] ?? '');
        else m.splice(i, 0, '');
      }
      const r = parseText(m.join('\n'));
      expect(r.diagnostics.some((d) => d.code === 'internal')).toBe(false);
      expect(wellFormed(r.forms)).toBe(true);
    }
  });
});

describe('streaming', () => {
  it('gives the same forms whatever the chunk size', () => {
    const bytes = load('004_f5e7e42ab4334a59.txt');
    const whole = parseText(bytes).forms;
    for (const size of [1, 7, 64, 4096]) {
      const forms: ParsedForm[] = [];
      const r = new TextFormReader((f) => forms.push(f));
      for (let i = 0; i < bytes.length; i += size) r.pushBytes(bytes.subarray(i, i + size));
      r.end();
      expect(forms.length).toBe(whole.length);
      expect(forms.flatMap((f, i) => diffForms(whole[i], f))).toEqual([]);
    }
  });
});
