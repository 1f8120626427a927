import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Form } from '../model/form.js';
import { makeForm, makeIndicator } from '../model/testing.js';
import { profiles, scoreForm } from './index.js';

describe('scoreForm', () => {
  it('puts printed and recomputed values side by side', () => {
    const r = scoreForm(makeForm());
    expect(r.profile).toBe('national');
    expect(r.funds.rate).toEqual({ printed: 95, recomputed: 95, display: 95, ok: true });
    expect(r.funds.score).toEqual({ printed: 9.5, recomputed: 9.5, ok: true });
    expect(r.indicatorWeights).toEqual({ printed: 90, expected: 90 });
    expect(r.indicatorSum).toMatchObject({ printed: 90, ok: true });
    expect(r.totalWeight).toMatchObject({ printed: 100, recomputed: 100, ok: true });
    expect(r.total).toMatchObject({ printed: 99.5, recomputed: 99.5, suggested: 99.5, ok: true });
    expect(r.grade).toEqual({ printed: '优', recomputed: '优', suggested: '优' });
    expect(r.indicators.every((i) => i.ok === true)).toBe(true);
  });

  it('flags a printed total that does not add up', () => {
    const r = scoreForm(makeForm({ totalScore: 98 }));
    expect(r.total).toMatchObject({ printed: 98, recomputed: 99.5, ok: false });
  });

  it('recomputes the suggested total from the rules', () => {
    const form = makeForm({
      indicators: [makeIndicator({ target: '>=12次', actual: '6次', weight: 90, score: 90, level1: '产出指标' })],
    });
    const r = scoreForm(form);
    expect(r.indicators[0]).toMatchObject({ ok: false, suggestion: { suggested: 45 } });
    expect(r.total.suggested).toBe(54.5);
    expect(r.grade).toEqual({ printed: '优', recomputed: '优', suggested: '差' });
  });

  it('uses the profile: Hubei execution weight 20', () => {
    const r = scoreForm(makeForm({ funds: { total: { weight: 20 } } }), profiles.hubei);
    expect(r.funds.score.recomputed).toBe(19);
    expect(r.funds.weight).toEqual({ printed: 20, recomputed: 20, ok: true });
    expect(r.indicatorWeights.expected).toBe(80);
  });

  it('handles an empty form without throwing', () => {
    const form = makeForm({ indicators: [], funds: { total: { annualBudget: null, executed: null } } });
    const r = scoreForm(form);
    expect(r.funds.rate.recomputed).toBeNull();
    expect(r.indicators).toEqual([]);
  });

  it('agrees with every printed rate, execution score and total on the gold forms', () => {
    const dir = new URL('../../test/fixtures/gold/', import.meta.url);
    let n = 0;
    for (const f of readdirSync(dir)) {
      const forms = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Form[];
      forms.forEach((form, i) => {
        const r = scoreForm(form);
        const where = `${f}#${i}`;
        expect(r.funds.rate.ok, where).toBe(true);
        expect(r.funds.score.ok, where).toBe(true);
        expect(r.total.ok, where).toBe(true);
        expect(r.totalWeight.ok, where).toBe(true);
        n++;
      });
    }
    expect(n).toBeGreaterThan(30);
  });
});
