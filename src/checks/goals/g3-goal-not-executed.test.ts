import { makeForm, makeIndicator } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { g3GoalNotExecuted } from './g3-goal-not-executed.js';

const seeds004n14 =
  '原预算计划40万元用于目标管理购买第三方评估，因年初疫情闭环管理期间未开展招标，全部精力投入到疫情防控督查，目标管理工作暂停。';

testRule(g3GoalNotExecuted, {
  valid: [
    { name: 'outcome reports completion', form: makeForm() },
    {
      name: 'seeds 002#8: 未安排资金 and every indicator scored 0',
      form: makeForm({
        goals: { actual: '财政年初未安排资金' },
        indicators: [makeIndicator({ weight: 90, score: 0, actual: '0', deviation: '财政年初未安排资金' })],
      }),
    },
  ],
  invalid: [
    {
      name: 'seeds 004#14: 未开展 … 暂停, indicators 90/90',
      form: makeForm({ goals: { actual: seeds004n14 } }),
      findings: [
        {
          path: 'goals.actual',
          params: { keyword: '未开展', scores: 90, weights: 90 },
          message: '实际完成情况提到“未开展”，但指标得分达 90/90',
        },
      ],
    },
    { name: '项目取消', form: makeForm({ goals: { actual: '该项目年中取消' } }), findings: [{ params: { keyword: '取消' } }] },
  ],
});
