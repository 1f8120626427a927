import { makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { f6SubrowsSum } from './f6-subrows-sum.js';

testRule(f6SubrowsSum, {
  valid: [
    { name: 'fiscal row carries the total, the others 0 / blank', form: makeForm() },
    {
      name: 'split between appropriation and carry-over',
      form: makeForm({
        funds: {
          total: { initialBudget: 150, annualBudget: 150, executed: 120.5 },
          fiscal: { initialBudget: 100, annualBudget: 100, executed: 100 },
          carryover: { initialBudget: 50, annualBudget: 50, executed: 20.5 },
        },
      }),
    },
    {
      name: 'total column blank',
      form: makeForm({ funds: { total: { initialBudget: null }, fiscal: { initialBudget: null } } }),
    },
  ],
  invalid: [
    {
      name: 'seeds 001#0: 全年预算数 30,000 vs 99,000, 全年执行数 blank in every sub-row',
      form: makeForm({
        funds: {
          total: { initialBudget: 99000, annualBudget: 30000, executed: 27000 },
          fiscal: { initialBudget: 99000, annualBudget: 99000, executed: null },
        },
      }),
      findings: [
        {
          path: 'funds.total.annualBudget',
          params: { column: 'annualBudget', total: 30000, sum: 99000 },
          message: '年度资金总额的全年预算数 30,000 不等于其中各项之和 99,000',
        },
        {
          messageId: 'F6.blank',
          path: 'funds.fiscal.executed',
          params: { column: 'executed', total: 27000 },
          message: '其中各项的全年执行数均未填写，而年度资金总额为 27,000',
        },
      ],
    },
    {
      name: 'seeds 000#0: 年初预算数 0 in the sub-rows',
      form: makeForm({ funds: { fiscal: { initialBudget: 0 } } }),
      findings: [{ path: 'funds.total.initialBudget', params: { column: 'initialBudget', total: 100000, sum: 0 } }],
    },
  ],
});
