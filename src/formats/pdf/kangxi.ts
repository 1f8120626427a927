/**
 * PDF text extraction (pdf.js) often yields Kangxi radicals instead of the ideographs the page
 * shows (目 → ⽬ U+2F6C, 门 → ⻔ U+2ED4) because of the font's ToUnicode map (trap 8). Map them
 * back: NFKC on the Kangxi block only, plus a generated table for the Radicals Supplement. Never
 * NFKC whole strings: that would turn the forms' full-width ，：；（） into ASCII.
 */
import { RADICAL_SUPPLEMENT } from './kangxi-table.js';

const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FDF]/gu;

/** Replaces Kangxi / supplement radicals with the unified ideographs; other characters untouched. */
export function normalizeRadicals(s: string): string {
  if (!RADICALS.test(s)) return s;
  RADICALS.lastIndex = 0;
  return s.replace(RADICALS, (ch) => {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x2f00) return ch.normalize('NFKC');
    const to = RADICAL_SUPPLEMENT[cp];
    return to ? String.fromCodePoint(to) : ch;
  });
}

/** Characters that extraction could not map to text: U+FFFD, private use, or leftover radicals. */
export function unmappedGlyphs(s: string): string[] {
  const bad = s.match(/[\uFFFD\uE000-\uF8FF\u2E80-\u2EFF]/gu);
  return bad ? [...new Set(bad)] : [];
}
