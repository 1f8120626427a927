import { indicatorsWith, makeForm } from '../../model/testing.js';
import { testRule } from '../rule-tester.js';
import { i17MisfiledIndicator } from './i17-misfiled-indicator.js';

const row = (i: number, level2: string, level3: string) =>
  makeForm({ indicators: indicatorsWith({ [i]: { level2, level3 } }) });

testRule(i17MisfiledIndicator, {
  valid: [
    { name: 'default table', form: makeForm() },
    { name: 'failure count is a quality measure', form: row(1, '质量指标', '全年故障次数') },
    { name: '环境效益 under 生态效益', form: row(4, '生态效益指标', '环境效益') },
    { name: 'satisfaction under satisfaction', form: row(6, '服务对象满意度指标', '群众满意度') },
  ],
  invalid: [
    {
      name: 'seeds 002#0: 系统维护次数 under 质量指标',
      form: row(1, '质量指标', '系统维护次数'),
      findings: [
        {
          path: 'indicators[1].level3',
          params: { hint: 'count-under-quality', level2: '质量指标' },
          message: '第 2 行三级指标“系统维护次数”与二级指标“质量指标”不符：数量类指标不应放在质量或时效指标下',
        },
      ],
    },
    { name: 'seeds 002#3: 软件升级套数 under 时效指标', form: row(2, '时效指标', '软件升级套数'), findings: [{ params: { hint: 'count-under-quality' } }] },
    { name: 'seeds 002#0: 系统平稳运行 under 生态效益指标', form: row(4, '生态效益指标', '系统平稳运行'), findings: [{ params: { hint: 'not-ecological' } }] },
    { name: '满意度 under 社会效益', form: row(4, '社会效益指标', '群众满意度'), findings: [{ params: { hint: 'satisfaction-outside' } }] },
    { name: 'seeds 004#16: 任务完成质量 under 数量指标', form: row(0, '数量指标', '任务完成质量'), findings: [{ params: { hint: 'quality-under-quantity' } }] },
  ],
});
