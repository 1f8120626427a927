import { makeForm, makeIndicator } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i16DuplicateRows } from './i16-duplicate-rows.js';

const a = makeIndicator({ level3: '物业管理人员配备', target: '=2人', actual: '2人', weight: 10, score: 10 });
const b = makeIndicator({ level2: '质量指标', level3: '物业管理等考核合格率', target: '=100%', actual: '100%', weight: 10, score: 10 });

testRule(i16DuplicateRows, {
  valid: [
    { name: 'distinct rows', form: makeForm() },
    { name: 'same name, different target', form: makeForm({ indicators: [a, { ...a, target: '=3人' }] }) },
  ],
  invalid: [
    {
      name: 'seeds 002#1: every row twice',
      form: makeForm({ indicators: [a, a, b, b] }),
      findings: [
        {
          path: 'indicators[1].level3',
          indicatorIndex: 1,
          params: { row: 2, first: 1 },
          message: '第 2 行与第 1 行重复（物业管理人员配备，=2人）',
        },
        { indicatorIndex: 3, params: { row: 4, first: 3 } },
      ],
    },
  ],
});
