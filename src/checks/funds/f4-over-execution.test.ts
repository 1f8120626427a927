import { makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { f4OverExecution } from './f4-over-execution.js';

const total = (annualBudget: number, executed: number) => makeForm({ funds: { total: { annualBudget, executed } } });

testRule(f4OverExecution, {
  valid: [
    { name: 'executed below budget', form: total(100000, 95000) },
    { name: 'executed equal to budget', form: total(100000, 100000) },
    { name: 'zero budget (F2 reports it)', form: total(0, 0) },
  ],
  invalid: [
    {
      name: 'seeds 002#4: 1,500,000 against 150,000',
      form: total(150000, 1500000),
      findings: [
        {
          path: 'funds.total.executed',
          params: { rate: 1000, executed: 1500000, budget: 150000 },
          message: '执行率 1000.00% 超过 100%（全年执行数 1,500,000 大于全年预算数 150,000）',
        },
      ],
    },
    {
      name: '797.92%',
      form: total(100000, 797920),
      findings: [{ message: '执行率 797.92% 超过 100%（全年执行数 797,920 大于全年预算数 100,000）' }],
    },
    { name: 'one fen over', form: total(100000, 100000.01), findings: [{ params: { rate: 100.01 } }] },
  ],
});
