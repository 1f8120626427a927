import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i14FullMarksNotCompleted } from './i14-full-marks-not-completed.js';

testRule(i14FullMarksNotCompleted, {
  valid: [
    { name: 'full marks, no deviation', form: makeForm() },
    { name: 'deduction explained as not completed', form: makeForm({ indicators: indicatorsWith({ 0: { actual: '5个', score: 10, deviation: '未完成全部采购' } }) }) },
    { name: 'full marks with an improvement note', form: makeForm({ indicators: indicatorsWith({ 0: { deviation: '继续推进工作' } }) }) },
  ],
  invalid: [
    {
      name: 'seeds 002#2: 没有完成工作人员配备数量 with 10 of 10',
      form: makeForm({
        indicators: indicatorsWith({
          0: { level3: '工作人员配备数量', target: '<=45人', actual: '42人', deviation: '没有完成工作人员配备数量' },
        }),
      }),
      findings: [
        {
          path: 'indicators[0].deviation',
          params: { score: 20, excerpt: '没有完成工作人员配备数量' },
          message: '第 1 行“工作人员配备数量”得满分 20，但偏差原因写“没有完成工作人员配备数量”',
        },
      ],
    },
  ],
});
