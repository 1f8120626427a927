import { describe, expect, it } from 'vitest';
import { profiles } from './profile.js';
import { gradeOf, gradeShare, totalScore } from './total.js';

describe('gradeOf (rules.md §2.5)', () => {
  it.each([
    [100, '优'],
    [90, '优'],
    [89.99, '良'],
    [80, '良'],
    [79.99, '中'],
    [60, '中'],
    [59.99, '差'],
    [0, '差'],
    [-1, '差'],
  ])('%d → %s', (total, grade) => {
    expect(gradeOf(total, profiles.national)).toBe(grade);
  });
  it('null total has no grade', () => {
    expect(gradeOf(null, profiles.national)).toBeNull();
  });
});

describe('totalScore', () => {
  it('adds exactly', () => {
    expect(totalScore(9.7, [9.7, 4.4, 13.5, 0.1, 0.2])).toBe(37.6);
    expect(totalScore(0.25, [90])).toBe(90.25);
  });
});

describe('gradeShare', () => {
  it('counts grades and the share of 优', () => {
    const s = gradeShare([100, 95, 85, 0, null], profiles.national);
    expect(s.count).toBe(4);
    expect(s.byGrade).toEqual({ 优: 2, 良: 1, 中: 0, 差: 1 });
    expect(s.excellentShare).toBe(0.5);
  });
});
