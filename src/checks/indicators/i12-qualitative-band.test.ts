import { indicatorsWith, makeForm } from '../../model/testing.js';
import { profiles } from '../../scoring/profile.js';
import { testRule } from '../rule-tester.js';
import { i12QualitativeBand } from './i12-qualitative-band.js';

const row5 = (actual: string, score: number) =>
  makeForm({ indicators: indicatorsWith({ 5: { target: '健全', actual, score, deviation: '原因…' } }) });

testRule(i12QualitativeBand, {
  valid: [
    { name: 'achieved, full marks', form: makeForm() },
    { name: 'achieved, 9 of 10 (seeds 000#0)', form: row5('健全', 9) },
    { name: 'achieved, lower edge 8', form: row5('健全', 8) },
    { name: 'partly achieved, 7 of 10', form: row5('基本健全', 7) },
    { name: 'not achieved, 3 of 10', form: row5('未建立', 3) },
    { name: 'not achieved with full marks is I15', form: row5('未完成', 10) },
    { name: 'unreadable actual', form: row5('一季度一次', 2) },
    { name: 'Hebei: partly achieved from 50%', form: row5('基本健全', 5), profile: profiles.hebei },
  ],
  invalid: [
    {
      name: 'seeds 001#1: 稳定 for 系统全年稳定运行, 3 of 5',
      form: makeForm({
        indicators: indicatorsWith({ 3: { target: '系统全年稳定运行', actual: '稳定', score: 3, deviation: '宽带偶尔略有波动' } }),
      }),
      findings: [
        {
          path: 'indicators[3].score',
          params: { grade: 'achieved', min: 4, max: 5, band: '[4, 5]' },
          message: '第 4 行“成本控制有效性”定性评价为达成年度指标（稳定），得分 3 不在 [4, 5] 区间',
        },
      ],
    },
    { name: 'seeds 001#3: 基本完成 with 8 of 10', form: row5('基本完成', 8), findings: [{ params: { grade: 'partial', band: '[6, 8)' } }] },
    { name: 'not achieved with 7 of 10', form: row5('未完成', 7), findings: [{ params: { grade: 'not', band: '[0, 6)' } }] },
  ],
});
