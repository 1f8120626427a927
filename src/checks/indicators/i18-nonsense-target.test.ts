import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i18NonsenseTarget } from './i18-nonsense-target.js';

const row0 = (level3: string, target: string, actual = '0') =>
  makeForm({ indicators: indicatorsWith({ 0: { level3, target, actual } }) });

testRule(i18NonsenseTarget, {
  valid: [
    { name: 'ordinary targets', form: makeForm() },
    { name: '=0 for a failure count (seeds 001#1)', form: row0('故障处理', '=0 次') },
    { name: '=0 for incidents (seeds 004#2)', form: row0('意外事件发生数', '=0') },
    { name: '>100% for a non-rate', form: row0('用户增长', '>=120%', '130%') },
  ],
  invalid: [
    {
      name: '=0 for 保障日常工作开展',
      form: row0('保障日常工作开展', '=0'),
      findings: [
        {
          path: 'indicators[0].target',
          params: { why: 'zero-target' },
          message: '第 1 行“保障日常工作开展”年度指标值“=0”不合理：目标为 0 却不是故障、事故等应为零的事项',
        },
      ],
    },
    { name: '>=0 is always met', form: row0('完成数量', '>=0个', '5个'), findings: [{ params: { why: 'trivial-target' } }] },
    { name: 'a rate above 100%', form: row0('验收合格率', '>=120%', '120%'), findings: [{ params: { why: 'over-100' } }] },
    { name: 'seeds 001#1: =项目管理完成度', form: row0('项目管理', '=项目管理完成度', '完成'), findings: [{ params: { why: 'comparator-text' } }] },
  ],
});
