/** Cell-level reading of the text export: numbers, label fragments and wrapped text. */

const WS = /[\s\u00a0\u3000]+/g;

/** Text without any whitespace: the key used to recognise labels. */
export const squash = (s: string): string => (s.indexOf(' ') < 0 && s.indexOf('\u3000') < 0 ? s : s.replace(WS, ''));

const NUM = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** "843,800" → 843800, "845900.00" → 845900, "0994000" → 994000; null for empty, dashes or text. */
export function parseAmount(cell: string | undefined): number | null {
  if (!cell) return null;
  // cheap rejection: a number starts with a digit, a sign or a full-width digit
  const c0 = cell.charCodeAt(0);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || c0 === 32 || (c0 >= 0xff10 && c0 <= 0xff19))) return null;
  let s = cell.trim();
  if (s === '') return null;
  if (s.indexOf(' ') >= 0) s = s.replace(WS, '');
  // scores are sometimes printed with their unit: "10分"
  if (s.charCodeAt(s.length - 1) === 0x5206 /* 分 */) s = s.slice(0, -1);
  if (s.charCodeAt(0) > 0xff00) s = toHalfWidthDigits(s);
  if (!NUM.test(s)) return null;
  const n = Number(s.indexOf(',') >= 0 ? s.replace(/,/g, '') : s);
  return Number.isFinite(n) ? n : null;
}

/** "99.76%" → 99.76 (percent number), "99.76" → 99.76. */
export function parsePercent(cell: string | undefined): number | null {
  if (!cell) return null;
  const s = cell.trim().replace(/[%％]$/, '');
  return parseAmount(s);
}

export const isNumeric = (cell: string | undefined): boolean => parseAmount(cell) !== null;

function toHalfWidthDigits(s: string): string {
  return s.replace(/[\uff10-\uff19\uff0e\uff0c]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Characters of a vertical label printed one or two per line (年度/总体/目标, 绩效/指标). */
function fragmentTest(label: string) {
  const chars = new Set(label);
  return (cell: string): boolean => {
    const s = squash(cell);
    if (s === '') return false;
    for (const c of s) if (!chars.has(c)) return false;
    return true;
  };
}
export const isGoalLabelFragment = fragmentTest('年度总体目标');
export const isIndicatorLabelFragment = fragmentTest('绩效指标');

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]/;
const SENTENCE_END = /[。！？；：!?;:]/;
// The shortest line a wrapped table cell shows; shorter heads ("=0 次") are real spaces.
const MIN_WRAP_WIDTH = 4;

/**
 * Removes the spaces a PDF-to-text conversion put where a table cell wrapped, keeping real
 * spaces: a space counts as a wrap when it sits next to CJK text, not after a sentence end,
 * and the piece before it is at least a plausible column width long.
 */
export function unwrapText(cell: string): string {
  let s = cell.trim();
  if (s.indexOf(' ') < 0 && s.indexOf('\u3000') < 0 && s.indexOf('\n') < 0) return s;
  s = s.replace(WS, ' ');
  const parts = s.split(' ');
  let out = parts[0];
  let segLen = [...parts[0]].length;
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i];
    const a = out[out.length - 1] ?? '';
    const b = next[0] ?? '';
    const wrap = (CJK.test(a) || CJK.test(b)) && !SENTENCE_END.test(a) && segLen >= MIN_WRAP_WIDTH;
    out += wrap ? next : ' ' + next;
    segLen = [...next].length;
  }
  return out;
}

/** Non-empty text or null: an empty cell is null, never "". */
export const textOrNull = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());
