import { describe, expect, it } from 'vitest';
import { isGoalLabelFragment, isIndicatorLabelFragment, parseAmount, parsePercent, unwrapText } from './cells.js';

describe('parseAmount', () => {
  it.each([
    ['843,800', 843800], ['845900.00', 845900], ['0994000', 994000], ['17,095,328.2', 17095328.2], ['0', 0],
    ['10分', 10], ['', null], ['—', null], ['合规', null], ['12次', null], ['１２', 12],
  ])('%s → %s', (cell, want) => expect(parseAmount(cell)).toBe(want));
  it('reads percents', () => expect(parsePercent('99.76%')).toBe(99.76));
});

describe('unwrapText', () => {
  it.each([
    ['信息化项目管理服务推进工作 经费', '信息化项目管理服务推进工作经费'],
    ['平衡业务负载，确 保系统持续运行稳 定', '平衡业务负载，确保系统持续运行稳定'],
    ['热线工单受理及时率1 个工作日先行联系率工 单按时办结率', '热线工单受理及时率1个工作日先行联系率工单按时办结率'],
    ['=0 次', '=0 次'],
    ['原因：部分细节也需完善。 措施：学习规范', '原因：部分细节也需完善。 措施：学习规范'],
    ['Windows Server', 'Windows Server'],
  ])('%s', (cell, want) => expect(unwrapText(cell)).toBe(want));
});

describe('label fragments', () => {
  it('recognises pieces of vertical labels only', () => {
    expect(isGoalLabelFragment('年度 总体 目标')).toBe(true);
    expect(isGoalLabelFragment('目标')).toBe(true);
    expect(isGoalLabelFragment('完成目标任务')).toBe(false);
    expect(isIndicatorLabelFragment('效 指 标')).toBe(true);
    expect(isIndicatorLabelFragment('效益指标')).toBe(false);
  });
});
