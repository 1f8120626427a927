/**
 * Suggested score for one indicator row (rules.md §2.4.2–§2.4.4, §7 indicator_expected).
 * A suggestion is a point where the rules fix one, otherwise an accepted range [min, max].
 */
import type { Indicator } from '../model/form.js';
import { round2 } from './round.js';
import {
  commensurate,
  directionOf,
  parseValue,
  type Comparator,
  type Direction,
  type ParsedValue,
  type Polarity,
  type RangeValue,
  type TextValue,
} from '../model/value.js';
import type { Profile } from './profile.js';

export type SuggestionKind = 'quantitative' | 'qualitative' | 'unscored';

export type SuggestionReason =
  /** higher-is-better / equal / none / 约: A ≥ T → full weight */
  | 'met'
  /** A < T → A / T × weight */
  | 'missed-proportional'
  /** equal-to with T = 0: A ≤ 0 → full, else 0 */
  | 'zero-target-met'
  | 'zero-target-missed'
  /** lower-is-better, A ≤ T */
  | 'lower-met'
  /** lower-is-better, A > T: between T/A × w and the linear penalty (rules.md §2.4.3) */
  | 'lower-missed'
  /** range target: A within or above [min, max] */
  | 'range-met'
  | 'range-missed'
  | 'date-met'
  /** deadline missed: no formula, any score below the weight */
  | 'date-missed'
  /** qualitative band from the actual's grade */
  | 'qualitative'
  /** qualitative, grade could not be read from the actual */
  | 'unclassified'
  | 'no-weight'
  | 'no-target'
  | 'no-actual'
  | 'unit-mismatch';

export interface Suggestion {
  kind: SuggestionKind;
  direction: Direction | null;
  /** The score the rules give, or null when they give a range. */
  suggested: number | null;
  /** Accepted range; null when nothing can be said (no weight). */
  min: number | null;
  max: number | null;
  /** The range excludes max (qualitative partial / not-achieved bands). */
  maxExclusive: boolean;
  reason: SuggestionReason;
  /** Target met (quantitative), null when unknown. */
  met: boolean | null;
  /** Actual / target for quantitative rows. */
  completion: number | null;
  /** Qualitative grade inferred from the actual. */
  grade: Polarity | null;
  /** The two lower-is-better formulas for a missed target: (a) T/A × w, (b) linear penalty. */
  formulas?: { inverse: number; linear: number };
  target: ParsedValue;
  actual: ParsedValue;
}

/** Score for one row from its target, actual and weight. */
export function suggestScore(row: Indicator, profile: Profile): Suggestion {
  return suggest(parseValue(row.target, 'target'), parseValue(row.actual, 'actual'), row.weight, profile);
}

/** Same as suggestScore, from already-parsed cells (the checks parse each cell once). */
export function suggest(target: ParsedValue, actual: ParsedValue, weight: number | null, profile: Profile): Suggestion {
  const s: Suggestion = {
    kind: 'unscored',
    direction: null,
    suggested: null,
    min: null,
    max: null,
    maxExclusive: false,
    reason: 'no-weight',
    met: null,
    completion: null,
    grade: null,
    target,
    actual,
  };
  if (weight == null || !(weight > 0)) return s;
  const w = weight;
  s.min = 0;
  s.max = w;
  if (target.kind === 'empty' || target.kind === 'placeholder') {
    s.reason = 'no-target';
    return s;
  }
  if (actual.kind === 'empty' || actual.kind === 'placeholder') {
    s.reason = 'no-actual';
    return s;
  }

  if (target.kind === 'quantity' || target.kind === 'range') {
    s.direction = target.kind === 'range' ? 'higher' : directionOf(target.op);
    if (actual.kind === 'quantity' || actual.kind === 'range') {
      s.kind = 'quantitative';
      // an actual written as a comparator or range (I7) is read as its number
      const a = actual.kind === 'range' ? { value: actual.min, unit: actual.unit, percent: actual.percent } : actual;
      if (target.kind === 'range') return scoreRange(s, target, a, w);
      return scoreQuantity(s, target, a, w);
    }
  } else if (target.kind === 'date') {
    s.direction = target.op === '>=' || target.op === '>' ? 'higher' : 'lower';
    if (actual.kind === 'date') {
      s.kind = 'quantitative';
      const met = s.direction === 'lower' ? actual.date <= target.date : actual.date >= target.date;
      return met ? full(s, w, 'date-met') : missedWithoutFormula(s, w);
    }
  }
  return scoreQualitative(s, target, actual, w, profile);
}

type Numeric = { value: number; unit: string | null; percent: boolean };

function scoreQuantity(s: Suggestion, target: Numeric & { op: Comparator | null }, a: Numeric, w: number): Suggestion {
  const c = commensurate(target, a);
  if (c === null) return unitMismatch(s);
  const T = c.target;
  const A = Math.max(c.actual, 0); // a negative actual counts as 0 (vendor 54504033813)
  s.completion = T > 0 ? A / T : null;
  if (s.direction === 'lower' || s.direction === 'equal') {
    if (T <= 0) {
      // equal-to / lower-is-better with T = 0: A ≤ 0 → full, else 0 (vendor 54805832199)
      return A <= 0 ? full(s, w, 'zero-target-met') : point(s, 0, 'zero-target-missed', false);
    }
    if (s.direction === 'lower') {
      if (A <= T) return full(s, w, 'lower-met');
      // two formulas are in use and the seeds cannot tell them apart: accept either (§2.4.3)
      const inverse = round2((T / A) * w);
      const linear = round2(Math.max(0, 1 - (A - T) / T) * w);
      s.met = false;
      s.reason = 'lower-missed';
      s.formulas = { inverse, linear };
      s.min = Math.min(inverse, linear);
      s.max = Math.max(inverse, linear);
      return s;
    }
  }
  if (T <= 0) {
    // "≥ 0" is always met; "> 0" needs something
    return target.op === '>' && A <= 0 ? point(s, 0, 'missed-proportional', false) : full(s, w, 'met');
  }
  if (A >= T) return full(s, w, 'met');
  return point(s, round2((A / T) * w), 'missed-proportional', false);
}

/** A range target ("80%-90%") is met from its lower edge up; below it, proportional to the edge. */
function scoreRange(s: Suggestion, target: RangeValue, a: Numeric, w: number): Suggestion {
  const c = commensurate({ value: target.min, unit: target.unit, percent: target.percent }, a);
  if (c === null) return unitMismatch(s);
  const T = c.target;
  const A = Math.max(c.actual, 0);
  s.completion = T > 0 ? A / T : null;
  if (A >= T) return full(s, w, 'range-met');
  return point(s, T > 0 ? round2((A / T) * w) : 0, 'range-missed', false);
}

function unitMismatch(s: Suggestion): Suggestion {
  s.kind = 'unscored';
  s.reason = 'unit-mismatch';
  return s;
}

function scoreQualitative(s: Suggestion, target: ParsedValue, actual: ParsedValue, w: number, profile: Profile): Suggestion {
  s.kind = 'qualitative';
  const grade = classify(target, actual);
  s.grade = grade;
  if (grade === null) {
    s.reason = 'unclassified';
    return s;
  }
  s.reason = 'qualitative';
  const hi = round2(w * profile.qualitativeBands.achieved);
  const lo = round2(w * profile.qualitativeBands.partial);
  if (grade === 'achieved') {
    s.min = hi;
    s.max = w;
  } else if (grade === 'partial') {
    s.min = lo;
    s.max = hi;
    s.maxExclusive = true;
  } else {
    s.min = 0;
    s.max = lo;
    s.maxExclusive = true;
  }
  return s;
}

const PUNCT_RE = /[\s\u3000，。、；：,.;:!！?？"'“”‘’()（）]/g;
const normText = (t: string) => t.replace(PUNCT_RE, '');

/**
 * Grade of a qualitative row (rules.md §2.4.4): the actual restating the target is achieved;
 * otherwise the actual's own wording decides; a bare 0 negates a qualitative target.
 */
export function classify(target: ParsedValue, actual: ParsedValue): Polarity | null {
  const bareNone =
    (actual.kind === 'text' && BARE_NONE.has(actual.text)) ||
    (actual.kind === 'quantity' && actual.value === 0 && actual.op === null && actual.unit === null);
  // "无" / "0" against "无重大故障" or "零事故" confirms the target rather than negating it
  if (bareNone && target.kind === 'text' && NEGATIVE_TARGET_RE.test(target.text)) return 'achieved';
  if (actual.kind === 'text') {
    if (target.kind === 'text' && sameText(target, actual)) return 'achieved';
    return actual.polarity;
  }
  if (bareNone) return 'not';
  return null;
}

const BARE_NONE = new Set(['无', '没有', '零', '否']);
const NEGATIVE_TARGET_RE = /无|未|不|零|没有|杜绝|避免|防止|规避|减少|降低/;

function sameText(a: TextValue, b: TextValue): boolean {
  if (a.text === b.text) return true;
  // punctuation and spaces are all normalising removes; a large length gap cannot close
  return Math.abs(a.text.length - b.text.length) <= 4 && normText(a.text) === normText(b.text);
}

function full(s: Suggestion, w: number, reason: SuggestionReason): Suggestion {
  return point(s, w, reason, true);
}

function point(s: Suggestion, v: number, reason: SuggestionReason, met: boolean): Suggestion {
  s.suggested = v;
  s.min = v;
  s.max = v;
  s.reason = reason;
  s.met = met;
  return s;
}

function missedWithoutFormula(s: Suggestion, w: number): Suggestion {
  s.reason = 'date-missed';
  s.met = false;
  s.min = 0;
  s.max = w;
  s.maxExclusive = true;
  return s;
}

/** Whether a printed score falls in the suggestion's accepted range, within tolerance. */
export function scoreInRange(score: number, s: Suggestion, tolerance: number): boolean | null {
  if (s.min === null || s.max === null) return null;
  const eps = tolerance + 1e-9;
  if (score < s.min - eps) return false;
  if (s.maxExclusive ? score >= s.max - 1e-9 && s.max > s.min : score > s.max + eps) return false;
  return true;
}
