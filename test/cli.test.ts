/** The CLI from outside, as users and the measurements run it: `node bin/jixiao.mjs …` (built by the test script). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffForms } from './support/compare-forms.js';
import { encodeGb18030 } from './support/gb18030.js';

const root = join(import.meta.dirname, '..');
const run = (...args: string[]) => runEnv({}, ...args);
const runEnv = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, 'bin/jixiao.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));

describe('jixiao CLI', () => {
  it('--help in Chinese and English', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/解析/);
    expect(r.out).toMatch(/parse/);
    for (const cmd of ['parse', 'check', 'score']) expect(r.out).toContain(cmd);
  });

  it('parse --format json prints the forms of each file in order', () => {
    const r = run('parse', 'samples/000_3e14c9280df4d171.txt', 'samples/001_f974810bc026f243.txt', '--format', 'json');
    expect(r.code).toBe(0);
    const forms = JSON.parse(r.out);
    expect(forms).toHaveLength(9);
    expect(forms[0].projectName).toBe('全区视频会议设备升级改造项目');
    expect(forms[2].source.file).toContain('001_');
    expect(forms[0].provenance.projectName).toBe(5);
  });

  it('parse --format ndjson: one form per line', () => {
    const r = run('parse', 'samples/', '--format', 'ndjson');
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(37);
    for (const l of lines) expect(JSON.parse(l).funds.total).toBeDefined();
  });

  it('parse reads the interchange format back unchanged (JSON in, JSON out)', () => {
    const file = 'test/fixtures/gold/004_f5e7e42ab4334a59.json';
    const want = JSON.parse(readFileSync(join(root, file), 'utf8'));
    const got = JSON.parse(run('parse', file).out);
    expect(got.map((f: { source: { file: string } }) => f.source.file)).toEqual(want.map(() => file));
    expect(want.flatMap((w: never, i: number) => diffForms(w, got[i]))).toEqual([]);
  });

  it('parse --format csv: the open-data forms table, UTF-8 with BOM, one row per form', () => {
    const r = run('parse', 'samples/', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('\uFEFFform_no,')).toBe(true);
    const rows = r.out.trim().split('\r\n');
    expect(rows).toHaveLength(38);
    expect(rows[1]).toMatch(/^1,/);
    expect(rows[3]).toMatch(/^1,.*001_f974810bc026f243/);
    expect(rows[1]).toContain('全区视频会议设备升级改造项目');
  });

  it('check exits 1 when a form has an error finding, with the documented fields', () => {
    const r = run('check', 'samples/002_01ee96ef31214bdb.txt', '--format', 'json');
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out);
    const f4 = findings.find((f: { code: string }) => f.code === 'F4');
    expect(f4).toMatchObject({ formIndex: 4, file: 'samples/002_01ee96ef31214bdb.txt', projectName: '系统及平台运行维护费', severity: 'error', path: 'funds.total.executed' });
    expect(f4.message).toContain('1000.00%');
  });

  it('check exits 0 when nothing is an error, and reports no arithmetic error on consistent samples', () => {
    const r = run('check', 'samples/000_3e14c9280df4d171.txt', '--format', 'json');
    expect(r.code).toBe(0);
    const all = JSON.parse(run('check', 'samples/', '--format', 'json').out);
    expect(all.filter((f: { code: string }) => ['T1', 'T2', 'F3', 'F5', 'I1'].includes(f.code))).toEqual([]);
  });

  it('check --format text groups findings by form', () => {
    const r = run('check', 'samples/002_01ee96ef31214bdb.txt');
    expect(r.out).toMatch(/#4 系统及平台运行维护费\n.*错误 +F4/);
    expect(r.out).toMatch(/共 10 张表/);
  });

  it('score prints printed and recomputed numbers side by side', () => {
    const r = run('score', 'samples/000_3e14c9280df4d171.txt');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/执行率.*99\.76%.*99\.7517/);
    const j = JSON.parse(run('score', 'samples/000_3e14c9280df4d171.txt', '--format', 'json').out);
    expect(j[0].executionScore).toMatchObject({ printed: 9.98, recomputed: 9.98, ok: true });
  });

  it('unreadable paths: one clear line, exit 2, no stack trace', () => {
    const r = run('parse', join(tmp, 'missing.txt'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/无法读取 .*missing\.txt/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(JSON.parse(r.out)).toEqual([]);
  });

  it('junk input: random bytes, an executable, empty, GB18030 — exit 0, valid JSON, no stack trace', () => {
    const files: Record<string, Uint8Array> = {
      'random.bin': Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24),
      'exe.bin': readFileSync(process.execPath).subarray(0, 1_000_000),
      'empty.txt': new Uint8Array(),
      'gb.txt': encodeGb18030(readFileSync(join(root, 'samples/000_3e14c9280df4d171.txt'), 'utf8')),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const p = join(tmp, name);
      writeFileSync(p, bytes);
      const r = run('parse', p, '--format', 'json');
      expect(r.code, name).toBe(0);
      expect(r.err).not.toMatch(/\n\s+at /);
      const forms = JSON.parse(r.out);
      if (name === 'gb.txt') expect(forms.map((f: { projectName: string }) => f.projectName)).toEqual(['全区视频会议设备升级改造项目', '社保卡设备运维及宣传经费']);
    }
  });

  it('worker threads cut big files at form titles and print exactly what one thread prints', () => {
    const names = ['000_3e14c9280df4d171', '001_f974810bc026f243', '002_01ee96ef31214bdb', '004_f5e7e42ab4334a59'];
    const text = names.map((n) => readFileSync(join(root, 'samples', `${n}.txt`), 'utf8')).join('\n').repeat(15);
    const p = join(tmp, 'many.txt');
    writeFileSync(p, text);
    for (const args of [['parse', p, '--format', 'json'], ['check', p, '--format', 'json'], ['score', p]]) {
      const one = runEnv({ JIXIAO_WORKERS: '1' }, ...args);
      const many = runEnv({ JIXIAO_WORKERS: '2', JIXIAO_PARALLEL_MIN: '0', JIXIAO_BATCH: '40000' }, ...args);
      expect(many.code).toBe(one.code);
      expect(many.out).toBe(one.out);
    }
    expect(JSON.parse(run('parse', p).out)).toHaveLength(37 * 15);
  });

  it('gen → parse round trip through the CLI, deterministic for a seed', () => {
    const out = join(tmp, 'gen.txt'), truth = join(tmp, 'gen.json'), again = join(tmp, 'gen2.txt');
    expect(run('gen', '--forms', '500', '--seed', '9', '--out', out, '--truth', truth, '--rates', 'heavy').code).toBe(0);
    expect(run('gen', '--forms', '500', '--seed', '9', '--out', again, '--rates', 'heavy').code).toBe(0);
    expect(readFileSync(again)).toEqual(readFileSync(out));
    const want = JSON.parse(readFileSync(truth, 'utf8'));
    const got = JSON.parse(run('parse', out).out);
    expect(got).toHaveLength(500);
    expect(want.flatMap((w: never, i: number) => diffForms(w, got[i]))).toEqual([]);
  });

  it('an unknown format is a usage error', () => {
    const r = run('parse', 'samples/', '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不支持的格式/);
  });
});
