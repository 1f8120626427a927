import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { t3Grade } from './t3-grade.js';

testRule(t3Grade, {
  valid: [{ name: 'no total printed', form: makeForm({ totalScore: null }) }],
  invalid: [
    {
      name: 'every form gets its grade',
      form: makeForm(),
      findings: [{ path: 'totalScore', params: { total: 99.5, grade: '优' }, message: '总分 99.5，评级为优' }],
    },
    {
      name: 'the rules would grade lower',
      form: makeForm({ indicators: indicatorsWith({ 0: { target: '>=10个', actual: '1个' }, 1: { actual: '10%' } }) }),
      findings: [
        {
          messageId: 'T3.differs',
          params: { grade: '优', suggestedGrade: '中' },
          message: '总分 99.5，评级为优；按规则重算约 68.08，评级应为中',
        },
      ],
    },
  ],
});
