/**
 * 总分 and 评级 (rules.md §2.5, §7): total = execution score + Σ indicator scores; the grade comes
 * from the profile's bands (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 nationally).
 */
import { sumExact } from '../model/money.js';
import type { Grade, Profile } from './profile.js';

/** Execution score plus the indicator scores, exact to 4 decimals (scores carry at most 2). */
export function totalScore(fundsScore: number | null, indicatorScores: readonly (number | null)[]): number {
  return sumExact([fundsScore, ...indicatorScores]);
}

/** The grade a total earns under a profile; null for a missing total. */
export function gradeOf(total: number | null | undefined, profile: Profile): Grade | null {
  if (total == null || !Number.isFinite(total)) return null;
  for (const band of profile.grades) if (total >= band.min - 1e-9) return band.grade;
  return profile.grades[profile.grades.length - 1].grade;
}

/** Dataset view of T3: how many totals earn each grade, and the share of 优. */
export function gradeShare(
  totals: Iterable<number | null | undefined>,
  profile: Profile,
): { count: number; byGrade: Record<Grade, number>; excellentShare: number | null } {
  const byGrade: Record<Grade, number> = { 优: 0, 良: 0, 中: 0, 差: 0 };
  let count = 0;
  for (const t of totals) {
    const g = gradeOf(t, profile);
    if (g === null) continue;
    byGrade[g]++;
    count++;
  }
  return { count, byGrade, excellentShare: count ? byGrade['优'] / count : null };
}
