import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i8ProportionalScore } from './i8-proportional-score.js';

const row0 = (target: string, actual: string, score: number, weight = 20) =>
  makeForm({ indicators: indicatorsWith({ 0: { target, actual, score, weight, deviation: '原因：…；措施：…' } }) });

testRule(i8ProportionalScore, {
  valid: [
    { name: 'target met, full marks', form: makeForm() },
    { name: 'seeds 001#0: 6 of 12 → 5 of 10', form: row0('>=12次', '6次', 5, 10) },
    { name: 'seeds 004#3: 90% of =100% → 13.5 of 15', form: row0('=100%', '90%', 13.5, 15) },
    { name: 'within 0.01', form: row0('>=3个', '2个', 6.66, 10) },
    { name: 'qualitative rows are I12', form: row0('合规', '基本合规', 13) },
  ],
  invalid: [
    {
      name: 'seeds 001#5: >=70% against >=80百分比 → 17.5, printed 15',
      form: row0('>=80百分比', '>=70%', 15),
      findings: [
        {
          path: 'indicators[0].score',
          params: { expected: 17.5, score: 15 },
          message: '第 1 行“完成数量”未达目标（完成 >=70%，目标 >=80百分比），按比例应得 17.5，填报 15',
        },
      ],
    },
    { name: 'seeds 002#8 pattern: 0 achieved yet full marks', form: row0('=15个', '0', 20), findings: [{ params: { expected: 0 } }] },
    { name: 'equal-to zero target missed', form: row0('=0次', '2次', 20), findings: [{ params: { expected: 0 } }] },
  ],
});
