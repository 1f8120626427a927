/** Predicates shared by indicator rules, so that overlapping rules agree on what they see. */
import type { IndicatorReport } from '../../scoring/index.js';

/** Full marks printed (score ≥ weight > 0). */
export function hasFullMarks(r: IndicatorReport): boolean {
  return r.score != null && r.weight != null && r.weight > 0 && r.score >= r.weight - 1e-9;
}

/** I15's case: the actual reads as not achieved, yet the row has full marks. I12 leaves it to I15. */
export function negatedWithFullMarks(r: IndicatorReport): boolean {
  return r.suggestion.kind === 'qualitative' && r.suggestion.grade === 'not' && hasFullMarks(r);
}
