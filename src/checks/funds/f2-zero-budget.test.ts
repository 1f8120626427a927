import { makeForm } from '../../model/testing.js';
import { profiles } from '../../scoring/profile.js';
import { testRule } from '../rule-tester.js';
import { f2ZeroBudget } from './f2-zero-budget.js';

testRule(f2ZeroBudget, {
  valid: [
    { name: 'positive budget', form: makeForm() },
    {
      name: 'no amounts at all',
      form: makeForm({ funds: { total: { annualBudget: null, executed: null, rate: null, score: null } } }),
    },
  ],
  invalid: [
    {
      name: 'zero budget, nothing spent: expect 0% and 0',
      form: makeForm({ funds: { total: { initialBudget: 0, annualBudget: 0, executed: 0 } } }),
      findings: [
        {
          path: 'funds.total.annualBudget',
          params: { budget: 0, expectedRate: 0, expectedScore: 0 },
          message: '全年预算数为 0，执行率无法计算；应填执行率 0%、得分 0',
        },
      ],
    },
    {
      name: 'Zhejiang: spending against a zero budget counts as 100%',
      form: makeForm({ funds: { total: { initialBudget: 0, annualBudget: 0, executed: 500, rate: 100, score: 10 } } }),
      profile: profiles.zhejiang,
      findings: [{ params: { expectedRate: 100, expectedScore: 10 } }],
    },
    {
      name: 'budget missing while the execution is printed',
      form: makeForm({ funds: { total: { annualBudget: null, executed: 95000, rate: 95, score: 9.5 } } }),
      findings: [{ messageId: 'F2.missing', path: 'funds.total.annualBudget' }],
    },
  ],
});
