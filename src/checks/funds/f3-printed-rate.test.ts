import { makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { f3PrintedRate } from './f3-printed-rate.js';

const total = (annualBudget: number, executed: number, rate: number) =>
  makeForm({ funds: { total: { annualBudget, executed, rate } } });

testRule(f3PrintedRate, {
  valid: [
    { name: 'ceiling-rounded 97.10% for 97.0900…% (seeds 001#2)', form: total(539524, 523824, 97.1) },
    { name: 'half-up 97.09% for the same ratio', form: total(539524, 523824, 97.09) },
    { name: '100.00% for 99.9917% (seeds 004#0)', form: total(1200000, 1199900, 100) },
    { name: 'uncapped 1000.00% (seeds 002#4)', form: total(150000, 1500000, 1000) },
    { name: '44.04% for 44.0478%: within 0.01 pp', form: total(255000, 112322.02, 44.04) },
    { name: 'zero budget printed 0%', form: total(0, 0, 0) },
    { name: 'rate not printed', form: makeForm({ funds: { total: { rate: null } } }) },
  ],
  invalid: [
    {
      name: '96% printed for 95%',
      form: total(100000, 95000, 96),
      findings: [
        {
          path: 'funds.total.rate',
          params: { printed: 96, expected: 95 },
          message: '执行率填报 96%，按全年执行数 95,000 ÷ 全年预算数 100,000 计算应为 95.00%',
        },
      ],
    },
    { name: '44.03% for 44.0478%', form: total(255000, 112322.02, 44.03), findings: [{ params: { expected: 44.05 } }] },
    { name: 'rate capped at 100% although 1000%', form: total(150000, 1500000, 100), findings: [{ params: { expected: 1000 } }] },
    { name: 'zero budget printed 5%', form: total(0, 0, 5), findings: [{ params: { printed: 5, expected: 0 } }] },
  ],
});
