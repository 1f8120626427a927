import { makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { g2ActualCopied } from './g2-actual-copied.js';

testRule(g2ActualCopied, {
  valid: [
    { name: 'actual outcome differs', form: makeForm() },
    { name: 'expected blank (G1)', form: makeForm({ goals: { expected: null, actual: '完成' } }) },
    { name: 'actual blank', form: makeForm({ goals: { actual: null } }) },
  ],
  invalid: [
    {
      name: 'seeds 002#1: 完成既定目标 twice',
      form: makeForm({ goals: { expected: '完成既定目标', actual: '完成既定目标' } }),
      findings: [{ path: 'goals.actual', message: '实际完成情况与预期目标完全相同，疑似照抄' }],
    },
    {
      name: 'same text, different punctuation and spaces',
      form: makeForm({ goals: { expected: '市残联OA平台安全、稳定运行。', actual: '市残联OA平台安全，稳定运行' } }),
      findings: [{ path: 'goals.actual' }],
    },
  ],
});
