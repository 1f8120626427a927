/**
 * Generated forms rendered as damaged exports read back to exactly their truth: the parser's
 * layout reconstruction measured where the truth is known.
 */
import { describe, expect, it } from 'vitest';
import { diffForms } from '../../../test/support/compare-forms.js';
import { generateForms } from './gen.js';
import { parseText } from './parse.js';
import { renderExport, type RatesInput } from './render.js';

function roundTrip(count: number, seed: number, rates: RatesInput) {
  const truth = generateForms({ count, seed });
  const rendered = renderExport(truth, { seed, rates });
  const { forms } = parseText(rendered.text);
  const wrong = truth
    .map((t, i) => ({ i, diffs: forms[i] ? diffForms(t, forms[i]) : ['missing form'], artefacts: rendered.forms[i]?.artefacts.map((a) => a.kind) }))
    .filter((x) => x.diffs.length);
  return { parsed: forms.length, wrong };
}

describe('round trip: generate → render → parse', () => {
  it.each([
    ['clean', 11],
    ['default', 12],
    ['heavy', 13],
  ] as const)('%s artefacts: at least 99.9 percent of 2,000 forms exactly equal to the truth', (rates, seed) => {
    const r = roundTrip(2000, seed, rates);
    expect(r.parsed).toBe(2000);
    expect(r.wrong.slice(0, 3)).toEqual([]);
    expect(r.wrong.length).toBeLessThanOrEqual(2);
  });

  it('every artefact at full rate, one kind at a time', () => {
    for (const kind of ['cellWrap', 'pageBreak', 'breakLabels', 'breakSplitName', 'breakSplitDeviation', 'rowShift', 'sectionShift', 'fundsShift', 'level2InLevel1', 'htmlTitle', 'totalVariant', 'goalLabelLeak', 'goalLabelSplit'] as const) {
      const r = roundTrip(200, 21, { [kind]: 1 });
      expect({ kind, wrong: r.wrong.slice(0, 2) }).toEqual({ kind, wrong: [] });
    }
  });
});
