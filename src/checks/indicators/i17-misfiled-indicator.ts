import { defineRule, NO_ISSUES, type Issue } from '../define-rule.js';
import { canonicalLevel2, rowPath } from '../helpers.js';

interface Misfit {
  hint: string;
  /** level-2 classes the check applies to; null = any except `exceptLevel2`. */
  level2: readonly string[] | null;
  exceptLevel2?: string;
  name: RegExp;
  /** a name matching this is fine after all (a failure count is a quality measure). */
  unless?: RegExp;
}

// What a level-3 name says against where it is filed (seeds 002#0/#3/#4/#7; sample forms #21–26).
const MISFITS: readonly Misfit[] = [
  { hint: 'satisfaction-outside', level2: null, exceptLevel2: '服务对象满意度指标', name: /满意/ },
  {
    hint: 'count-under-quality',
    level2: ['质量指标', '时效指标'],
    name: /(?:数量|次数|个数|人数|套数|场次|户数|台数|件数|批次)$/,
    unless: /故障|事故|差错|投诉|失误|问题|违规|缺陷|返工|退回/,
  },
  {
    hint: 'not-ecological',
    level2: ['生态效益指标'],
    name: /^/,
    unless: /生态|环境|环保|绿色|节能|减排|低碳|碳|污染|排放|能耗|资源|节约|水|空气|大气|垃圾|废|植|林|绿化|噪|无纸化/,
  },
  { hint: 'quality-under-quantity', level2: ['数量指标'], name: /合格率|达标率|准确率|正确率|质量|优良率/ },
  { hint: 'timeliness-under-quantity', level2: ['数量指标'], name: /及时率|及时性|按时|按期|时效/ },
];

/** I17: a level-3 name that contradicts its level-2 class ("系统平稳运行" under 生态效益). */
export const i17MisfiledIndicator = defineRule({
  id: 'I17',
  severity: 'info',
  scope: 'indicator',
  description: { 'zh-CN': '三级指标内容应与所属二级指标相符', en: 'Level-3 name fits its level-2 class' },
  check({ rows }) {
    let out: Issue[] | null = null;
    for (const r of rows) {
      const name = r.row.level3;
      const l2 = canonicalLevel2(r.row.level2);
      if (!name || l2 === null) continue;
      for (const m of MISFITS) {
        if (m.level2 ? !m.level2.includes(l2) : l2 === m.exceptLevel2) continue;
        if (!m.name.test(name) || (m.unless && m.unless.test(name))) continue;
        (out ??= []).push({
          path: rowPath(r.index, 'level3'),
          indicatorIndex: r.index,
          params: { row: r.index + 1, name, level2: l2, hint: m.hint },
        });
        break;
      }
    }
    return out ?? NO_ISSUES;
  },
});
