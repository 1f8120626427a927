import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i6ActualMissing } from './i6-actual-missing.js';

testRule(i6ActualMissing, {
  valid: [
    { name: 'actuals filled in', form: makeForm() },
    { name: '无 is an answer (a negation), not a blank', form: makeForm({ indicators: indicatorsWith({ 3: { actual: '无' } }) }) },
  ],
  invalid: [
    {
      name: 'Minhang forms: every actual blank',
      form: makeForm({ indicators: indicatorsWith({ 0: { actual: null }, 1: { actual: '' } }) }),
      findings: [
        { path: 'indicators[0].actual', indicatorIndex: 0, message: '第 1 行“完成数量”实际完成值为空' },
        { path: 'indicators[1].actual', indicatorIndex: 1 },
      ],
    },
    {
      name: 'a dash',
      form: makeForm({ indicators: indicatorsWith({ 4: { actual: '—' } }) }),
      findings: [{ messageId: 'I6.placeholder', path: 'indicators[4].actual' }],
    },
  ],
});
