import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i7ActualComparator } from './i7-actual-comparator.js';

const actual = (a: string) => makeForm({ indicators: indicatorsWith({ 6: { actual: a } }) });

testRule(i7ActualComparator, {
  valid: [
    { name: '95%', form: actual('95%') },
    { name: 'qualitative text', form: actual('满意') },
    { name: '约95% (an estimate, still a value)', form: actual('约95%') },
    { name: 'a date', form: actual('2022年11月30日') },
  ],
  invalid: [
    {
      name: '>=85% (seeds 002#0)',
      form: actual('>=85%'),
      findings: [
        {
          path: 'indicators[6].actual',
          indicatorIndex: 6,
          message: '第 7 行“服务对象满意度”实际完成值“>=85%”写成了比较式，应填实际数值',
        },
      ],
    },
    { name: '=1个', form: actual('=1个'), findings: [{ indicatorIndex: 6 }] },
    { name: '<2小时', form: actual('<2小时'), findings: [{ indicatorIndex: 6 }] },
    { name: '平均>=75%', form: actual('平均>=75%'), findings: [{ indicatorIndex: 6 }] },
    { name: 'a range', form: actual('90%-95%'), findings: [{ indicatorIndex: 6 }] },
    { name: '<=2022年12月31日', form: actual('<=2022年12月31日'), findings: [{ indicatorIndex: 6 }] },
  ],
});
