import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i5TargetPlaceholder } from './i5-target-placeholder.js';

testRule(i5TargetPlaceholder, {
  valid: [
    { name: 'real targets', form: makeForm() },
    { name: 'qualitative target', form: makeForm({ indicators: indicatorsWith({ 0: { target: '完成', actual: '完成' } }) }) },
  ],
  invalid: [
    {
      name: 'seeds 004#13: 指标目标值',
      form: makeForm({ indicators: indicatorsWith({ 0: { level3: '接待及出访工作完成数', target: '指标目标值', actual: '完成' } }) }),
      findings: [
        {
          messageId: 'I5.placeholder',
          path: 'indicators[0].target',
          message: '第 1 行“接待及出访工作完成数”年度指标值“指标目标值”是占位符，未填实际目标',
        },
      ],
    },
    { name: 'XX%', form: makeForm({ indicators: indicatorsWith({ 1: { target: 'XX%' } }) }), findings: [{ messageId: 'I5.placeholder' }] },
    { name: '—', form: makeForm({ indicators: indicatorsWith({ 1: { target: '—' } }) }), findings: [{ messageId: 'I5.placeholder' }] },
    {
      name: 'empty',
      form: makeForm({ indicators: indicatorsWith({ 2: { target: null } }) }),
      findings: [{ path: 'indicators[2].target', message: '第 3 行“按期完成率”年度指标值为空' }],
    },
  ],
});
