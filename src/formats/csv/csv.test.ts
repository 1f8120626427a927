import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../checks/run-checks.js';
import { scoreForm } from '../../scoring/index.js';
import { writeJsonl } from '../jsonl/write.js';
import { goldForms } from '../office-test-helpers.js';
import { contentHash, FORM_COLUMNS, INDICATOR_COLUMNS } from './records.js';
import { parseCsv, toCsv, writeCsv } from './write.js';

const gold = goldForms();

describe('open data CSV', () => {
  const out = writeCsv(gold);
  const forms = parseCsv(out.forms);
  const indicators = parseCsv(out.indicators);

  it('is UTF-8 with a BOM and CRLF line ends, one row per form and per indicator', () => {
    expect(out.forms.startsWith('\uFEFF')).toBe(true);
    expect(out.forms.split('\r\n')[0]).toBe('\uFEFF' + FORM_COLUMNS.map((c) => c.name).join(','));
    expect(forms).toHaveLength(gold.length + 1);
    expect(indicators).toHaveLength(gold.reduce((n, f) => n + f.indicators.length, 0) + 1);
    expect(indicators[0]).toEqual(INDICATOR_COLUMNS.map((c) => c.name));
    for (const r of forms) expect(r).toHaveLength(FORM_COLUMNS.length);
    for (const r of indicators) expect(r).toHaveLength(INDICATOR_COLUMNS.length);
  });

  it('puts printed and recomputed numbers side by side, and the finding codes', () => {
    const col = (name: string) => FORM_COLUMNS.findIndex((c) => c.name === name);
    const row = forms[1];
    const f = gold[0];
    const report = scoreForm(f);
    expect(row[col('project_name')]).toBe(f.projectName);
    expect(row[col('total_executed')]).toBe('843800');
    expect(row[col('rate_printed')]).toBe('99.76');
    expect(Number(row[col('rate_recomputed')])).toBeCloseTo(report.funds.rate.recomputed!, 6);
    expect(row[col('total_score_printed')]).toBe('97.98');
    expect(row[col('grade_printed')]).toBe('优');
    expect(row[col('amount_unit')]).toBe('元');
    const codes = [...new Set(runChecks(f, { report }).map((x) => x.code))].join(';');
    expect(row[col('finding_codes')]).toBe(codes);
    expect(row[col('form_no')]).toBe('1');
  });

  it('links indicators to their form by key', () => {
    const fk = FORM_COLUMNS.findIndex((c) => c.name === 'form_key');
    const ik = INDICATOR_COLUMNS.findIndex((c) => c.name === 'form_key');
    const keys = new Set(forms.slice(1).map((r) => r[fk]));
    for (const r of indicators.slice(1)) expect(keys.has(r[ik])).toBe(true);
    expect(indicators[1][INDICATOR_COLUMNS.findIndex((c) => c.name === 'level3')]).toBe(gold[0].indicators[0].level3);
  });

  it('quotes per RFC 4180 and defuses formula-like text for Excel', () => {
    const csv = toCsv([{ a: 'x,"y"\nz', b: '=0 次', c: -5, d: true, e: null }], ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, type: name === 'c' ? 'number' : name === 'd' ? 'boolean' : 'string', doc: '' })) as never);
    expect(csv).toBe('\uFEFFa,b,c,d,e\r\n"x,""y""\nz",\'=0 次,-5,true,\r\n');
    expect(parseCsv(csv)[1]).toEqual(['x,"y"\nz', "'=0 次", '-5', 'true', '']);
    const raw = toCsv([{ b: '=0 次' }], [{ name: 'b', type: 'string', doc: '' }], { excelSafe: false, noBom: true });
    expect(raw).toBe('b\r\n=0 次\r\n');
  });

  it('gives a stable content key', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(writeCsv(gold).forms).toBe(out.forms);
  });
});

describe('open data JSON Lines', () => {
  it('holds the same records with typed values', () => {
    const out = writeJsonl(gold);
    const forms = out.forms.trim().split('\n').map((l) => JSON.parse(l));
    expect(forms).toHaveLength(gold.length);
    expect(Object.keys(forms[0])).toEqual(FORM_COLUMNS.map((c) => c.name));
    expect(forms[0].total_executed).toBe(843800);
    expect(forms[0].funds_score_printed).toBe(9.98);
    const inds = out.indicators.trim().split('\n').map((l) => JSON.parse(l));
    expect(inds.filter((r) => r.form_no === 1)).toHaveLength(gold[0].indicators.length);
    // text exactly as printed: no spreadsheet defusing here
    const all = writeJsonl([{ ...gold[0], indicators: [{ ...gold[0].indicators[0], target: '=0 次' }] }]);
    expect(JSON.parse(all.indicators.split('\n')[0]).target).toBe('=0 次');
  });
});

describe('data dictionary', () => {
  it('describes every column', () => {
    const doc = readFileSync('docs/data-dictionary.md', 'utf8');
    for (const c of [...FORM_COLUMNS, ...INDICATOR_COLUMNS]) expect(doc, c.name).toContain(`\`${c.name}\``);
  });
});
