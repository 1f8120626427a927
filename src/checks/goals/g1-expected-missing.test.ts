import { makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { g1ExpectedMissing } from './g1-expected-missing.js';

testRule(g1ExpectedMissing, {
  valid: [{ name: 'expected goal filled in', form: makeForm() }],
  invalid: [
    {
      name: 'null (seeds 001#5, 002#8)',
      form: makeForm({ goals: { expected: null } }),
      findings: [{ path: 'goals.expected', message: '年度总体目标的预期目标未填写' }],
    },
    { name: 'whitespace only', form: makeForm({ goals: { expected: ' \u3000 ' } }), findings: [{ path: 'goals.expected' }] },
  ],
});
