import { describe, expect, it } from 'vitest';
import { defineProfile, Profile, profileFor, profiles } from './profile.js';

describe('profiles', () => {
  it('validates every registered profile against the schema', () => {
    for (const p of Object.values(profiles)) expect(Profile.safeParse(p).success, p.id).toBe(true);
  });

  it('keys each profile by its id', () => {
    for (const [id, p] of Object.entries(profiles)) expect(p.id).toBe(id);
  });

  it('national: 10 + 50/30/10, bands 0.8/0.6, grades 90/80/60, thresholds 1.3 / 60% / 0.95', () => {
    const p = profiles.national;
    expect(p.executionWeight).toBe(10);
    expect(p.execution).toEqual({ mode: 'linear' });
    expect(p.level1Weights?.map((g) => g.weight)).toEqual([50, 30, 10]);
    expect(p.totalWeight).toBe(100);
    expect(p.qualitativeBands).toEqual({ achieved: 0.8, partial: 0.6 });
    expect(p.grades.map((g) => [g.grade, g.min])).toEqual([
      ['优', 90],
      ['良', 80],
      ['中', 60],
      ['差', 0],
    ]);
    expect(p.overAchievementRatio).toBe(1.3);
    expect(p.lowExecutionRatio).toBe(0.6);
    expect(p.fullMarksShare).toBe(0.95);
    expect(p.tolerance).toMatchObject({ rate: 0.01, score: 0.005, total: 0.01 });
    expect(p.zeroBudget).toBe('zero');
  });

  it('hubei: execution weight 20', () => {
    expect(profiles.hubei.executionWeight).toBe(20);
  });

  it('hebei: execution 20, 产出 40, 效益 + 满意度 40, bands 0.8/0.5', () => {
    const p = profiles.hebei;
    expect(p.executionWeight).toBe(20);
    expect(p.level1Weights).toEqual([
      { sections: ['产出指标', '成本指标'], weight: 40 },
      { sections: ['效益指标', '满意度指标'], weight: 40 },
    ]);
    expect(p.qualitativeBands).toEqual({ achieved: 0.8, partial: 0.5 });
  });

  it('jiangxi: banded execution score', () => {
    expect(profiles.jiangxi.execution.mode).toBe('banded');
  });

  it('profileFor falls back to national', () => {
    expect(profileFor('hebei').id).toBe('hebei');
    expect(profileFor('nowhere').id).toBe('national');
    expect(profileFor(null).id).toBe('national');
  });

  it('defineProfile validates overrides', () => {
    expect(() => defineProfile(profiles.national, { id: 'x', name: 'x', executionWeight: -1 })).toThrow();
    expect(defineProfile(profiles.national, { id: 'x', name: 'x', overAchievementRatio: 1.5 }).overAchievementRatio).toBe(1.5);
  });

  it('is plain JSON (the API can send it)', () => {
    expect(JSON.parse(JSON.stringify(profiles.national))).toEqual(profiles.national);
  });
});
