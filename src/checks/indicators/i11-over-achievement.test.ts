import { indicatorsWith, makeForm } from '../../model/testing.js';
import { profiles, defineProfile } from '../../scoring/profile.js';
import { testRule } from '../rule-tester.js';
import { i11OverAchievement } from './i11-over-achievement.js';

const row0 = (target: string, actual: string, deviation: string | null = null) =>
  makeForm({ indicators: indicatorsWith({ 0: { target, actual, deviation } }) });

testRule(i11OverAchievement, {
  valid: [
    { name: '125% of target', form: row0('>=80%', '100%') },
    { name: '170% with an explanation', form: row0('>=10个', '17', '新增评价任务，目标偏低，明年调整') },
    { name: 'lower-is-better far below target', form: row0('<=10次', '1次') },
    { name: 'qualitative', form: row0('合规', '合规') },
    { name: 'threshold raised to 2.0', form: row0('>=10个', '17'), profile: defineProfile(profiles.national, { id: 'x', name: 'x', overAchievementRatio: 2 }) },
  ],
  invalid: [
    {
      name: 'seeds 001#6: 17 against >=10个',
      form: row0('>=10个', '17'),
      findings: [
        {
          path: 'indicators[0].deviation',
          params: { ratio: 170, threshold: 130 },
          message: '第 1 行“完成数量”完成值 17 达目标 >=10个 的 170%（≥ 130%），未说明原因，目标可能定得过低',
        },
      ],
    },
    { name: 'exactly 130%', form: row0('=10个', '13个'), findings: [{ params: { ratio: 130 } }] },
  ],
});
