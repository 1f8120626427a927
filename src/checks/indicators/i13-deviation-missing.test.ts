import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i13DeviationMissing } from './i13-deviation-missing.js';

testRule(i13DeviationMissing, {
  valid: [
    { name: 'full marks, no deviation needed', form: makeForm() },
    {
      name: 'deduction explained',
      form: makeForm({ indicators: indicatorsWith({ 0: { actual: '6个', score: 12, deviation: 'OA平台6月关闭，下半年不需维护' } }) }),
    },
  ],
  invalid: [
    {
      name: 'deduction without a reason',
      form: makeForm({ indicators: indicatorsWith({ 5: { score: 9 } }) }),
      findings: [
        {
          path: 'indicators[5].deviation',
          indicatorIndex: 5,
          params: { score: 9, weight: 10 },
          message: '第 6 行“长效管理机制健全性”得分 9 低于分值 10，但未填写偏差原因分析及改进措施',
        },
      ],
    },
    { name: 'whitespace is not a reason', form: makeForm({ indicators: indicatorsWith({ 1: { score: 0, deviation: '  ' } }) }), findings: [{ indicatorIndex: 1 }] },
  ],
});
