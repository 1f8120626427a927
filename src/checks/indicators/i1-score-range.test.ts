import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i1ScoreRange } from './i1-score-range.js';

testRule(i1ScoreRange, {
  valid: [
    { name: 'full marks', form: makeForm() },
    { name: 'zero', form: makeForm({ indicators: indicatorsWith({ 0: { score: 0, deviation: '未完成' } }) }) },
    { name: 'score missing', form: makeForm({ indicators: indicatorsWith({ 0: { score: null } }) }) },
  ],
  invalid: [
    {
      name: 'score above weight',
      form: makeForm({ indicators: indicatorsWith({ 1: { score: 16 } }) }),
      findings: [
        {
          path: 'indicators[1].score',
          indicatorIndex: 1,
          params: { row: 2, score: 16, weight: 15 },
          message: '第 2 行“验收合格率”得分 16 超出 0–15',
        },
      ],
    },
    { name: 'negative score', form: makeForm({ indicators: indicatorsWith({ 0: { score: -1 } }) }), findings: [{ indicatorIndex: 0 }] },
  ],
});
