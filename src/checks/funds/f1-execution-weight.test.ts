import { makeForm } from '../../model/testing.js';
import { profiles } from '../../scoring/profile.js';
import { testRule } from '../rule-tester.js';
import { f1ExecutionWeight } from './f1-execution-weight.js';

testRule(f1ExecutionWeight, {
  valid: [
    { name: 'national weight 10', form: makeForm() },
    { name: 'Hubei weight 20', form: makeForm({ funds: { total: { weight: 20 } } }), profile: profiles.hubei },
    { name: 'weight not printed (the parser reports it)', form: makeForm({ funds: { total: { weight: null } } }) },
  ],
  invalid: [
    {
      name: 'weight 20 under the national profile',
      form: makeForm({ funds: { total: { weight: 20 } } }),
      findings: [{ path: 'funds.total.weight', params: { weight: 20, expected: 10 }, message: '年度资金总额分值为 20，应为 10' }],
    },
    {
      name: 'weight 10 under Hebei',
      form: makeForm(),
      profile: profiles.hebei,
      findings: [{ params: { weight: 10, expected: 20 } }],
    },
  ],
});
