import { indicatorsWith, makeForm } from '../../model/testing.js';
import { profiles } from '../../scoring/profile.js';
import { testRule } from '../rule-tester.js';
import { i4Level1Weights } from './i4-level1-weights.js';

const shifted = indicatorsWith({ 0: { weight: 15, score: 15 }, 4: { weight: 25, score: 25 } }); // 产出 45, 效益 35

testRule(i4Level1Weights, {
  valid: [
    { name: '50 / 30 / 10', form: makeForm() },
    { name: 'Hubei fixes no level-1 weights', form: makeForm({ indicators: shifted }), profile: profiles.hubei },
    {
      name: 'Hebei 40 / 40',
      form: makeForm({ indicators: indicatorsWith({ 0: { weight: 10, score: 10 } }) }),
      profile: profiles.hebei,
    },
  ],
  invalid: [
    {
      name: '产出 45 and 效益 35',
      form: makeForm({ indicators: shifted }),
      findings: [
        { path: 'indicators', params: { sections: ['产出指标', '成本指标'], actual: 45, expected: 50 }, message: '产出指标、成本指标分值合计 45，应为 50' },
        { params: { sections: ['效益指标'], actual: 35, expected: 30 } },
      ],
    },
    {
      name: 'no satisfaction indicator',
      form: makeForm({ indicators: indicatorsWith({}).slice(0, 6) }),
      findings: [{ params: { sections: ['满意度指标'], actual: 0, expected: 10 } }],
    },
  ],
});
