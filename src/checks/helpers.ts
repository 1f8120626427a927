/** Small helpers shared by rules: paths, blank text, text comparison. */
import type { Indicator } from '../model/form.js';
import type { Issue } from './define-rule.js';
import { level1Of, level2Of, type Level1 } from '../model/taxonomy.js';

export const rowPath = (i: number, field: keyof Indicator) => `indicators[${i}].${field}`;

export const isBlank = (s: string | null | undefined): boolean => s == null || s.trim() === '';

const NORM_RE = /[\s\u3000，。、；：,.;:!！?？"'“”‘’]/g;
/** Text for equality tests: whitespace and punctuation ignored. */
export const normText = (s: string): string => s.replace(NORM_RE, '');

/** The indicator's name for messages: its 三级指标, else its 二级指标. */
export const rowName = (row: Indicator): string => row.level3 ?? row.level2 ?? '';

/**
 * An issue about one indicator row's field, with the row's number, name, target and actual in
 * its params (what the messages of the quantitative rules all name) plus the rule's own numbers.
 */
export function rowIssue(
  r: { index: number; row: Indicator },
  field: keyof Indicator,
  params: Record<string, unknown>,
  messageId?: string,
): Issue {
  return {
    path: rowPath(r.index, field),
    indicatorIndex: r.index,
    params: { row: r.index + 1, name: rowName(r.row), target: r.row.target ?? '', actual: r.row.actual ?? '', ...params },
    ...(messageId ? { messageId } : {}),
  } as Issue;
}

/** A short excerpt of free text for messages. */
export function excerpt(s: string, max = 30): string {
  const t = s.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

// Level names come from a tiny vocabulary; memoise the taxonomy lookups the rules repeat per row.
const L1_CACHE = new Map<string, Level1 | null>();
const L2_CACHE = new Map<string, string | null>();
const CACHE_LIMIT = 1024;

/** level1Of, memoised. */
export function canonicalLevel1(label: string | null | undefined): Level1 | null {
  if (!label) return null;
  let v = L1_CACHE.get(label);
  if (v === undefined) {
    v = level1Of(label);
    if (L1_CACHE.size < CACHE_LIMIT) L1_CACHE.set(label, v);
  }
  return v;
}

/** level2Of, memoised. */
export function canonicalLevel2(label: string | null | undefined): string | null {
  if (!label) return null;
  let v = L2_CACHE.get(label);
  if (v === undefined) {
    v = level2Of(label);
    if (L2_CACHE.size < CACHE_LIMIT) L2_CACHE.set(label, v);
  }
  return v;
}
