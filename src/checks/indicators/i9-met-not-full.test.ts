import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i9MetNotFull } from './i9-met-not-full.js';

testRule(i9MetNotFull, {
  valid: [
    { name: 'met with full marks', form: makeForm() },
    {
      name: 'missed with a proportional score',
      form: makeForm({ indicators: indicatorsWith({ 0: { actual: '5个', score: 10, deviation: '原因…' } }) }),
    },
    {
      name: 'qualitative deduction inside the band (I12)',
      form: makeForm({ indicators: indicatorsWith({ 5: { score: 9, deviation: '制度有待完善' } }) }),
    },
  ],
  invalid: [
    {
      name: 'seeds 000#0: 95 against >=90%, 9 of 10 even with a reason',
      form: makeForm({
        indicators: indicatorsWith({ 6: { target: '>=90%', actual: '95', score: 9, deviation: '原因：疫情影响…' } }),
      }),
      findings: [
        {
          path: 'indicators[6].score',
          params: { score: 9, weight: 10, hasDeviation: true },
          message: '第 7 行“服务对象满意度”已达目标（完成 95，目标 >=90%），应得满分 10，填报 9',
        },
      ],
    },
    {
      name: 'lower-is-better met but deducted',
      form: makeForm({ indicators: indicatorsWith({ 1: { target: '<=2次', actual: '0次', score: 12 } }) }),
      findings: [{ indicatorIndex: 1, params: { hasDeviation: false } }],
    },
  ],
});
