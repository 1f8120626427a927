import { makeForm } from '../../model/testing.js';
import { profiles } from '../../scoring/profile.js';
import { testRule } from '../rule-tester.js';
import { f5ExecutionScore } from './f5-execution-score.js';

const total = (annualBudget: number, executed: number, score: number) =>
  makeForm({ funds: { total: { annualBudget, executed, score } } });

testRule(f5ExecutionScore, {
  valid: [
    { name: '44.0478% → 4.40 from the unrounded ratio (seeds 004#13)', form: total(255000, 112322.02, 4.4) },
    { name: 'over-execution capped at 10 (seeds 002#4)', form: total(150000, 1500000, 10) },
    { name: '2.4932% → 0.25 (seeds 004#14)', form: total(470000, 11718, 0.25) },
    { name: 'Jiangxi band: 95% → 7', form: total(100000, 95000, 7), profile: profiles.jiangxi },
    { name: 'zero budget scores 0', form: total(0, 0, 0) },
  ],
  invalid: [
    {
      name: '10 for 95%',
      form: total(100000, 95000, 10),
      findings: [
        {
          path: 'funds.total.score',
          params: { printed: 10, expected: 9.5, weight: 10 },
          message: '执行率得分填报 10，按执行率 95.00% 计算应为 9.5（分值 10）',
        },
      ],
    },
    { name: '4.41: score taken from a rounded-up rate', form: total(255000, 112322.02, 4.41), findings: [{ params: { expected: 4.4 } }] },
    {
      name: 'uncapped 100 for 1000%',
      form: total(150000, 1500000, 100),
      findings: [{ params: { printed: 100, expected: 10 } }],
    },
    {
      name: 'Jiangxi: linear 9.5 where the band gives 7',
      form: total(100000, 95000, 9.5),
      profile: profiles.jiangxi,
      findings: [{ params: { expected: 7 } }],
    },
  ],
});
