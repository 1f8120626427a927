import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i10LowerMissed } from './i10-lower-missed.js';

const lower = (actual: string, score: number) =>
  makeForm({ indicators: indicatorsWith({ 2: { target: '<=2小时', actual, score, deviation: '原因…' } }) });

testRule(i10LowerMissed, {
  valid: [
    { name: 'lower-is-better met', form: lower('1小时', 10) },
    { name: 'higher-is-better rows are I8', form: makeForm() },
  ],
  invalid: [
    {
      name: '3 h against ≤ 2 h, score 6 lies between 5 (linear) and 6.67 (T/A)',
      form: lower('3小时', 6),
      findings: [
        {
          path: 'indicators[2].score',
          params: { inverse: 6.67, linear: 5, score: 6 },
          message: '第 3 行“按期完成率”为反向指标且未达目标（完成 3小时，目标 <=2小时），两种算法得分为 6.67 和 5，请复核',
        },
      ],
    },
    {
      name: 'score 9 is outside both formulas',
      form: lower('3小时', 9),
      findings: [{ messageId: 'I10.outside', params: { min: 5, max: 6.67, score: 9 } }],
    },
  ],
});
