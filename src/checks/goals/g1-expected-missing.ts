import { defineRule, NO_ISSUES } from '../define-rule.js';
import { isBlank } from '../helpers.js';

/** G1: 年度总体目标 · 预期目标 is required content of a self-evaluation (10号). */
export const g1ExpectedMissing = defineRule({
  id: 'G1',
  severity: 'warning',
  scope: 'goals',
  description: { 'zh-CN': '预期目标不应为空', en: 'Expected goal is filled in' },
  check({ form }) {
    return isBlank(form.goals.expected) ? [{ path: 'goals.expected', params: {} }] : NO_ISSUES;
  },
});
