import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { rowName, rowPath } from '../helpers.js';

// Things whose target may legitimately be zero (failures, incidents, complaints …).
const ZERO_OK_RE = /故障|事故|投诉|差错|失误|事件|违规|违纪|问题|风险|漏洞|缺陷|延误|超支|返贫|逾期|案件|伤亡|损失|退回|整改|泄露|泄密|中断|信访|纠纷|不合格|安全|污染|误|错|扣分|处罚|通报/;
const RATE_NAME_RE = /率|满意度/;

/**
 * I18: a target that cannot measure anything: "≥ 0" (always met), "= 0" for a task
 * ("保障日常工作开展"), a rate above 100%, or a comparator followed by words ("=项目管理完成度").
 */
export const i18NonsenseTarget = defineRule({
  id: 'I18',
  severity: 'info',
  scope: 'indicator',
  description: { 'zh-CN': '年度指标值应有实际意义', en: 'Target is meaningful for the indicator' },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const t = r.suggestion.target;
      const name = r.row.level3 ?? '';
      let why: string | null = null;
      if (t.kind === 'quantity') {
        if (t.value === 0 && t.op === '>=') why = 'trivial-target';
        else if (t.value === 0 && t.op !== '>' && !ZERO_OK_RE.test(name)) why = 'zero-target';
        else if (t.percent && t.value > 100 && t.op !== '<=' && t.op !== '<' && RATE_NAME_RE.test(name))
          why = 'over-100';
      } else if (t.kind === 'text' && t.op !== undefined) {
        why = 'comparator-text';
      }
      if (why === null) continue;
      (out ??= []).push({
        path: rowPath(r.index, 'target'),
        indicatorIndex: r.index,
        params: { row: r.index + 1, name: rowName(r.row), target: r.row.target ?? '', why },
      });
    }
    return out ?? NO_ISSUES;
  },
});
