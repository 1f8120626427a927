import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i15ActualNegates } from './i15-actual-negates.js';

const row3 = (target: string, actual: string, score = 5) =>
  makeForm({ indicators: indicatorsWith({ 3: { target, actual, score, deviation: score < 5 ? '原因…' : null } }) });

testRule(i15ActualNegates, {
  valid: [
    { name: 'achieved', form: makeForm() },
    { name: 'not achieved and scored low', form: row3('合规', '未完成', 2) },
    { name: '无 for 无重大故障 confirms the target', form: row3('无重大故障', '无') },
    { name: '0 for 零事故', form: row3('零事故', '0') },
    { name: 'quantitative 0 is I8', form: row3('>=10个', '0') },
  ],
  invalid: [
    {
      name: '通过 expected, 无 achieved, full marks',
      form: row3('通过', '无'),
      findings: [
        {
          path: 'indicators[3].actual',
          params: { actual: '无', score: 5 },
          message: '第 4 行“成本控制有效性”实际完成值“无”表明未完成，却得满分 5',
        },
      ],
    },
    { name: '0 for 合理', form: row3('合理', '0'), findings: [{ indicatorIndex: 3 }] },
    { name: '尚未建立', form: row3('建立健全', '尚未建立'), findings: [{ indicatorIndex: 3 }] },
  ],
});
