import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules, catalogue } from './catalogue.js';
import { hasMessage } from './format.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';

const root = new URL('../../', import.meta.url);
const FAMILY: Record<string, string> = { F: 'funds', G: 'goals', I: 'indicators', T: 'totals' };

// rules.md §6.1: E = error, W = warning, I = info; I20 is new (§2.4.3 / §6.2 ask for the warning)
const SEVERITY: Record<string, 'error' | 'warning' | 'info'> = {
  F1: 'warning', F2: 'warning', F3: 'error', F4: 'error', F5: 'error', F6: 'warning', F7: 'info', F8: 'warning',
  G1: 'warning', G2: 'info', G3: 'warning',
  I1: 'error', I2: 'warning', I3: 'warning', I4: 'warning', I5: 'error', I6: 'error', I7: 'warning', I8: 'warning',
  I9: 'warning', I10: 'info', I11: 'warning', I12: 'warning', I13: 'error', I14: 'warning', I15: 'warning',
  I16: 'warning', I17: 'info', I18: 'info', I19: 'info', I20: 'warning',
  T1: 'error', T2: 'error', T3: 'info',
};

const ruleFiles = (id: string) => {
  const dir = new URL(`./${FAMILY[id[0]]}/`, import.meta.url);
  return readdirSync(dir).filter((f) => f.startsWith(`${id.toLowerCase()}-`));
};

const slots = (t: string) => [...t.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]).sort();

describe('rule catalogue', () => {
  it('keys every rule by its id, ids unique', () => {
    for (const [key, rule] of Object.entries(catalogue)) expect(rule.id).toBe(key);
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
  });

  it('has exactly the rules of rules.md §6.1 with their severities', () => {
    expect(Object.fromEntries(allRules.map((r) => [r.id, r.severity]))).toEqual(SEVERITY);
  });

  it.each(allRules.map((r) => [r.id, r] as const))('%s has a zh-CN and an en message for every message id', (_id, rule) => {
    for (const m of rule.messageIds) {
      expect(hasMessage(m, 'zh-CN'), `${m} zh-CN`).toBe(true);
      expect(hasMessage(m, 'en'), `${m} en`).toBe(true);
    }
  });

  it.each(allRules.map((r) => [r.id, r] as const))('%s has one rule file and a test beside it', (id, rule) => {
    const files = ruleFiles(id);
    const source = files.filter((f) => !f.endsWith('.test.ts'));
    expect(source, `${FAMILY[id[0]]}/${id.toLowerCase()}-*.ts`).toHaveLength(1);
    expect(files, 'test file').toContain(source[0].replace(/\.ts$/, '.test.ts'));
    expect(rule.scope).toMatch(/^(form|funds|goals|indicator|totals)$/);
    expect(rule.description['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(rule.description.en).not.toBe('');
  });

  it.each(allRules.map((r) => r.id))('%s has docs/rules/<ID>.md', (id) => {
    const doc = new URL(`docs/rules/${id}.md`, root);
    expect(existsSync(doc), `docs/rules/${id}.md`).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text.startsWith(`# ${id} `)).toBe(true);
    expect(text).toContain('❌');
    expect(text).toContain('✅');
  });

  it('lists every rule file of the family folders', () => {
    for (const family of Object.values(FAMILY)) {
      const dir = new URL(`./${family}/`, import.meta.url);
      for (const f of readdirSync(dir)) {
        const m = /^([fgit]\d+)-.*\.ts$/.exec(f);
        if (m) expect(catalogue, f).toHaveProperty(m[1].toUpperCase());
      }
    }
  });
});

describe('messages', () => {
  it('zh-CN and en have the same ids and the same slots', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [id, t] of Object.entries(zhCN)) expect(slots(en[id as keyof typeof en]), id).toEqual(slots(t));
  });

  it('has no message without a rule', () => {
    const used = new Set<string>(['internal', ...allRules.flatMap((r) => r.messageIds)]);
    for (const id of Object.keys(zhCN)) expect(used.has(id), id).toBe(true);
  });
});
