import { indicatorsWith, makeForm, makeIndicator } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i2ZeroWeight } from './i2-zero-weight.js';

testRule(i2ZeroWeight, {
  valid: [
    { name: 'positive weights', form: makeForm() },
    { name: 'weight not printed', form: makeForm({ indicators: indicatorsWith({ 0: { weight: null } }) }) },
  ],
  invalid: [
    {
      name: 'seeds 004#1: 防止返贫 worth 0',
      form: makeForm({
        indicators: [
          ...indicatorsWith({}),
          makeIndicator({ level1: '效益指标', level2: '社会效益指标', level3: '防止返贫', target: '防止', actual: '防止', weight: 0, score: 0 }),
        ],
      }),
      findings: [{ path: 'indicators[7].weight', indicatorIndex: 7, message: '第 8 行“防止返贫”分值为 0' }],
    },
  ],
});
