import { near } from '../../model/money.js';
import { defineRule, NO_ISSUES } from '../define-rule.js';

/** F1: 年度资金总额 分值 is the profile's execution weight (10; Hubei/Hebei 20). */
export const f1ExecutionWeight = defineRule({
  id: 'F1',
  severity: 'warning',
  scope: 'funds',
  description: { 'zh-CN': '年度资金总额分值应为规定值（全国 10）', en: 'Execution row weight equals the profile weight (10)' },
  check({ form, profile }) {
    const weight = form.funds.total.weight;
    if (weight == null || near(weight, profile.executionWeight, 1e-9)) return NO_ISSUES;
    return [{ path: 'funds.total.weight', params: { weight, expected: profile.executionWeight } }];
  },
});
