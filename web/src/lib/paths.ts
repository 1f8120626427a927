/** Human labels for field paths ("indicators[2].score" → "第 3 行“完成数量” 得分"). */
import type { Form } from '../../../src/model/form.js';

const FIELD: Record<string, string> = {
  year: '年度', projectName: '项目名称', department: '主管部门', implementingUnit: '实施单位',
  totalWeight: '总分分值', totalScore: '总分得分', 'goals.expected': '预期目标', 'goals.actual': '实际完成情况',
  level1: '一级指标', level2: '二级指标', level3: '三级指标', target: '年度指标值', actual: '实际完成值', weight: '分值', score: '得分', deviation: '偏差原因',
  initialBudget: '年初预算数', annualBudget: '全年预算数', executed: '全年执行数', rate: '执行率',
};
const FUND_ROW: Record<string, string> = { total: '年度资金总额', fiscal: '当年财政拨款', carryover: '上年结转资金', other: '其他资金' };

export function pathLabel(path: string, form?: Form | null): string {
  if (!path) return '整张表';
  const m = /^indicators\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (m) {
    const i = Number(m[1]);
    const name = form?.indicators[i]?.level3;
    return `第 ${i + 1} 行${name ? `“${name}”` : ''}${m[2] ? ` ${FIELD[m[2]] ?? m[2]}` : ''}`;
  }
  const f = /^funds\.(\w+)\.(\w+)$/.exec(path);
  if (f) return `${FUND_ROW[f[1]] ?? f[1]} ${FIELD[f[2]] ?? f[2]}`;
  return FIELD[path] ?? path;
}
