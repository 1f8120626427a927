import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i20NonstandardTarget } from './i20-nonstandard-target.js';

const target = (t: string, actual = '12次') => makeForm({ indicators: indicatorsWith({ 0: { target: t, actual } }) });

testRule(i20NonstandardTarget, {
  valid: [
    { name: '>=10个', form: makeForm() },
    { name: '不少于12次 (a comparator in words)', form: target('不少于12次') },
    { name: '95%以上', form: target('95%以上', '96%') },
    { name: 'qualitative', form: target('合规', '合规') },
    { name: 'a deadline date', form: target('2022年12月31日时间', '符合') },
  ],
  invalid: [
    {
      name: 'seeds 001#2: 12次',
      form: target('12次'),
      findings: [
        {
          path: 'indicators[0].target',
          params: { why: 'no-comparator', reading: '≥ 12 次' },
          message: '第 1 行“完成数量”年度指标值“12次”写法不规范（未写比较符），按“≥ 12 次”评分',
        },
      ],
    },
    { name: '100%（按实）', form: target('100%（按实）', '100%'), findings: [{ params: { why: 'no-comparator', reading: '≥ 100%' } }] },
    { name: '约20万车次', form: target('约20万车次', '21万车次'), findings: [{ params: { why: 'approximate', reading: '≥ 20 万车次' } }] },
    { name: '平均>=75%', form: target('平均>=75%', '80%'), findings: [{ params: { why: 'label', reading: '≥ 75%' } }] },
  ],
});
