import { makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { t2TotalScore } from './t2-total-score.js';

testRule(t2TotalScore, {
  valid: [
    { name: '9.5 + 90 = 99.5', form: makeForm() },
    { name: 'within 0.01', form: makeForm({ totalScore: 99.51 }) },
    { name: 'total not printed', form: makeForm({ totalScore: null }) },
  ],
  invalid: [
    {
      name: 'printed 98',
      form: makeForm({ totalScore: 98 }),
      findings: [
        {
          path: 'totalScore',
          params: { printed: 98, funds: 9.5, indicators: 90, recomputed: 99.5 },
          message: '总分得分 98 不等于执行率得分 9.5 加指标得分之和 90（= 99.5）',
        },
      ],
    },
  ],
});
