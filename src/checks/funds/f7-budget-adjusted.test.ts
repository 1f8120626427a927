import { makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { f7BudgetAdjusted } from './f7-budget-adjusted.js';

const budgets = (initialBudget: number | null, annualBudget: number) =>
  makeForm({ funds: { total: { initialBudget, annualBudget, executed: annualBudget } } });

testRule(f7BudgetAdjusted, {
  valid: [
    { name: 'unchanged', form: budgets(100000, 100000) },
    { name: 'cut by exactly 50%', form: budgets(100000, 50000) },
    { name: 'no initial budget', form: budgets(0, 50000) },
    { name: 'initial budget blank', form: budgets(null, 50000) },
  ],
  invalid: [
    {
      name: 'seeds 004#15: 405,000 → 605',
      form: budgets(405000, 605),
      findings: [
        {
          path: 'funds.total.annualBudget',
          params: { initial: 405000, annual: 605, change: -99.85, threshold: 50 },
          message: '全年预算数较年初预算数变动 -99.85%（405,000 → 605），超过 ±50%',
        },
      ],
    },
    { name: 'raised by 624%', form: budgets(100000, 724000), findings: [{ params: { change: 624 } }] },
  ],
});
