import { makeForm, makeIndicator } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i19RepeatedDeviation } from './i19-repeated-deviation.js';

const rows = (deviations: (string | null)[]) =>
  deviations.map((deviation, i) => makeIndicator({ level3: `指标${i + 1}`, weight: 10, score: deviation ? 8 : 10, deviation }));

testRule(i19RepeatedDeviation, {
  valid: [
    { name: 'no deviations', form: makeForm() },
    { name: 'twice is not boilerplate', form: makeForm({ indicators: rows(['继续推进工作', '继续推进工作', null]) }) },
    { name: 'different texts', form: makeForm({ indicators: rows(['原因甲', '原因乙', '原因丙']) }) },
  ],
  invalid: [
    {
      name: 'seeds 001#1: 宽带偶尔略有波动 ×3',
      form: makeForm({ indicators: rows([null, '宽带偶尔略有波动', '宽带偶尔略有波动', '宽带偶尔略有波动']) }),
      findings: [
        {
          path: 'indicators[1].deviation',
          indicatorIndex: 1,
          params: { count: 3, rows: [2, 3, 4] },
          message: '3 行的偏差原因完全相同：“宽带偶尔略有波动”（第 2、3、4 行）',
        },
      ],
    },
    {
      name: 'seeds 002#8: 财政年初未安排资金 ×8',
      form: makeForm({ indicators: rows(Array(8).fill('财政年初未安排资金')) }),
      findings: [{ params: { count: 8 } }],
    },
  ],
});
