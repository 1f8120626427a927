import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i3Taxonomy } from './i3-taxonomy.js';

testRule(i3Taxonomy, {
  valid: [
    { name: 'national template', form: makeForm() },
    { name: 'short labels 产出 / 数量', form: makeForm({ indicators: indicatorsWith({ 0: { level1: '产出', level2: '数量' } }) }) },
    {
      name: '101号 layout: 成本指标 as level-1',
      form: makeForm({ indicators: indicatorsWith({ 3: { level1: '成本指标', level2: '经济成本指标' } }) }),
    },
  ],
  invalid: [
    {
      name: 'benefit class under output',
      form: makeForm({ indicators: indicatorsWith({ 0: { level2: '社会效益指标' } }) }),
      findings: [
        {
          path: 'indicators[0].level2',
          params: { row: 1, level1: '产出指标', level2: '社会效益指标' },
          message: '第 1 行二级指标“社会效益指标”不属于一级指标“产出指标”',
        },
      ],
    },
    {
      name: 'unknown level-1',
      form: makeForm({ indicators: indicatorsWith({ 2: { level1: '管理指标' } }) }),
      findings: [{ messageId: 'I3.level1', path: 'indicators[2].level1' }],
    },
    {
      name: 'unknown level-2',
      form: makeForm({ indicators: indicatorsWith({ 2: { level2: '进度指标' } }) }),
      findings: [{ messageId: 'I3.level2', path: 'indicators[2].level2' }],
    },
  ],
});
