import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { t1TotalWeight } from './t1-total-weight.js';

testRule(t1TotalWeight, {
  valid: [
    { name: '10 + 90 = 100', form: makeForm() },
    { name: 'total weight not printed', form: makeForm({ totalWeight: null }) },
  ],
  invalid: [
    {
      name: 'printed 90',
      form: makeForm({ totalWeight: 90 }),
      findings: [{ path: 'totalWeight', params: { printed: 90, expected: 100, recomputed: 100 } }],
    },
    {
      name: 'indicator weights add up to 95',
      form: makeForm({ indicators: indicatorsWith({ 0: { weight: 25, score: 25 } }), totalWeight: 100 }),
      findings: [
        {
          params: { printed: 100, recomputed: 105 },
          message: '总分分值 100 应为 100，且应等于执行分值与指标分值之和 105',
        },
      ],
    },
  ],
});
