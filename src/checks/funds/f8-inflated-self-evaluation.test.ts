import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { f8InflatedSelfEvaluation } from './f8-inflated-self-evaluation.js';

const spent = (executed: number, indicators = indicatorsWith({})) =>
  makeForm({ funds: { total: { annualBudget: 470000, executed } }, indicators });

testRule(f8InflatedSelfEvaluation, {
  valid: [
    { name: 'execution 95%', form: makeForm() },
    { name: 'execution exactly 60%', form: spent(282000) },
    {
      name: 'low execution, indicators 80/90',
      form: spent(11718, indicatorsWith({ 0: { actual: '5个', score: 10, deviation: '经费未到位' } })),
    },
    { name: 'zero budget (F2)', form: makeForm({ funds: { total: { annualBudget: 0, executed: 0 } } }) },
  ],
  invalid: [
    {
      name: 'seeds 004#14: 2.50% and 90/90',
      form: spent(11718),
      findings: [
        {
          path: 'funds.total.rate',
          params: { rate: 2.5, scores: 90, weights: 90, threshold: 60, share: 95 },
          message: '执行率仅 2.50%（低于 60%），指标得分却达 90/90（≥ 95%），自评可能虚高',
        },
      ],
    },
    {
      name: 'seeds 004#16: 44.64% and 89/90',
      form: spent(209800, indicatorsWith({ 5: { score: 9, deviation: '进一步完善改进健全制度' } })),
      findings: [{ params: { scores: 89 } }],
    },
  ],
});
