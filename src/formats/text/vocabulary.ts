/**
 * Words for synthetic 自评表 (`jixiao gen`): Shanghai district departments and units, project
 * names, indicator names with their target notations, goal and deviation phrases. Modelled on
 * the published forms in samples/ (普陀, 宝山, 市残联). No entry contains a space, a tab or 总体
 * (a leaked 总体 is one of the export artefacts the renderer imitates).
 */

export const DISTRICTS = [
  '黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区',
  '宝山区', '嘉定区', '浦东新区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区',
] as const;

/** One line of work: who does it and what its projects, indicators and goals talk about. */
export interface Domain {
  /** 主管部门 after 上海市X区. */
  departments: readonly string[];
  /** 实施单位 after 上海市X区 (the department itself is also used). */
  units: readonly string[];
  /** What a project is about: 视频会议系统, 政务公开. */
  objects: readonly string[];
  /** Project-name endings: 运行维护费, 升级改造项目. */
  activities: readonly string[];
  /** Short nouns for indicator names: 设备, 系统. */
  things: readonly string[];
  /** Who is served, for 满意度 and 知晓率 rows. */
  people: readonly string[];
  /** Benefits, for goals and 效益 rows (verb phrases, no punctuation). */
  benefits: readonly string[];
  /** Tasks, for goals (verb phrases, no punctuation). */
  tasks: readonly string[];
}

export const DOMAINS: readonly Domain[] = [
  {
    departments: ['科学技术委员会', '大数据中心', '政务服务办公室'],
    units: ['政务网管理中心', '大数据中心', '信息化服务中心', '电子政务服务中心'],
    objects: ['视频会议系统', '政务外网', '电子政务云', '数据共享交换平台', '政务服务平台', '机房基础设施', '网络安全防护', '公共数据目录', '办公自动化系统', '社保卡设备'],
    activities: ['运行维护费', '升级改造项目', '建设项目', '运维经费', '等级保护测评', '服务费', '第三方评估'],
    things: ['设备', '系统', '平台', '服务器', '网络链路', '终端'],
    people: ['系统使用人员', '相关委办局', '办事群众', '使用单位'],
    benefits: ['提升政务服务效率', '保障系统安全稳定运行', '降低故障频次', '改善市民办事体验', '促进数据共享和业务协同', '降低人力运维成本'],
    tasks: ['完成设备的更新换代及安装调试', '做好系统日常运行维护', '开展网络安全等级保护测评', '完成平台功能升级', '及时处置各类故障', '完成数据资源目录编制'],
  },
  {
    departments: ['人民政府办公室'],
    units: ['人民政府办公室', '人民政府外事办公室', '合作交流办公室', '机关事务管理局'],
    objects: ['政务公开', '政务信息化全过程管理', '督查', '调研', '外事接待', '对口支援', '政策解读', '区政府综合业务', '政府公报'],
    activities: ['业务经费', '工作经费', '专项经费', '第三方评估', '标准化规范化建设', '宣传推广项目'],
    things: ['评估', '接待', '公报', '文稿', '活动'],
    people: ['相关群众', '相关方', '综合业务人员', '主管部门'],
    benefits: ['提高政府透明度', '提升政府工作效能', '促进部门工作提质增效', '增进社会公众对政府工作的认同', '巩固对口地区脱贫攻坚成果'],
    tasks: ['定期发布政府公报', '开展政务公开监测评估', '落实援建资金项目', '组织政府开放月活动', '开展重点工作跟踪督查', '做好外事接待工作'],
  },
  {
    departments: ['城市运行管理中心', '城市网格化综合管理中心', '城市管理行政执法局'],
    units: ['城市运行管理中心', '城市网格化综合管理中心', '城市管理行政执法大队'],
    objects: ['12345热线', '城管通', '视频会商系统', '分平台', '网格化管理平台', '物业服务', '城运着装', '大数据智能分析系统'],
    activities: ['运行维护费', '服务费', '工作经费', '建设项目', '专项经费', '更换'],
    things: ['系统', '平台', '工单', '终端', '点位'],
    people: ['办公人员', '市民', '工作人员', '一线队员'],
    benefits: ['保障市民服务热线有序进行', '提升城市运行效能', '推动解决市民身边的急难愁盼问题', '保障系统平稳运行', '提升市民满意度'],
    tasks: ['保障系统全天候正常运行', '完成热线工单受理和派单', '做好设备运行维护', '完成系统建设并正常使用', '开展业务培训'],
  },
  {
    departments: ['体育局'],
    units: ['体育事业管理中心', '青少年业余体校', '体育场馆管理中心', '体育局'],
    objects: ['全民健身设施', '社区健身苑点', '体育场馆', '青少年体育培训', '全民健身赛事', '市民运动会'],
    activities: ['维护更新', '运行管理费', '专项经费', '项目', '购买服务经费'],
    things: ['健身苑点', '场馆', '赛事', '培训', '器材'],
    people: ['市民', '参赛人员', '参训学员', '健身群众'],
    benefits: ['提高市民身体素质', '丰富群众体育生活', '提升全民健身公共服务水平', '推动体育事业发展'],
    tasks: ['完成健身苑点器材更新', '举办区级全民健身赛事', '开展青少年体育培训', '做好体育场馆日常运营'],
  },
  {
    departments: ['文化和旅游局'],
    units: ['图书馆', '文化馆', '文物保护管理所', '文化和旅游局'],
    objects: ['公共文化服务', '文献资源', '非遗保护', '群众文化活动', '文物保护', '旅游宣传推广'],
    activities: ['购置经费', '专项经费', '活动经费', '项目', '配送服务费'],
    things: ['文献', '活动', '展览', '讲座', '场馆'],
    people: ['读者', '参与群众', '市民游客', '服务对象'],
    benefits: ['丰富市民文化生活', '提升公共文化服务效能', '保护传承非物质文化遗产', '扩大区域文化影响力'],
    tasks: ['完成文献资源采购入藏', '组织群众文化活动', '开展非遗展示展演', '完成文物保护修缮'],
  },
  {
    departments: ['民政局'],
    units: ['社区事务受理服务中心', '养老服务指导中心', '社会福利院', '民政局'],
    objects: ['社区养老服务', '老年助餐点', '养老服务补贴', '社区事务受理', '社会救助', '婚姻登记'],
    activities: ['运营补贴', '专项经费', '购买服务经费', '项目', '工作经费'],
    things: ['助餐点', '服务', '补贴', '床位'],
    people: ['老年人', '服务对象', '办事群众', '救助对象'],
    benefits: ['满足老年人就近用餐需求', '提升养老服务质量', '保障困难群众基本生活', '提高社区事务办理便利度'],
    tasks: ['完成助餐点建设', '按时足额发放补贴', '开展养老服务质量监测', '做好社区事务受理服务'],
  },
  {
    departments: ['卫生健康委员会'],
    units: ['疾病预防控制中心', '社区卫生服务中心', '卫生健康委员会', '卫生监督所'],
    objects: ['公共卫生服务', '健康促进', '预防接种', '慢性病防治', '卫生监督执法', '家庭医生签约服务'],
    activities: ['专项经费', '项目', '工作经费', '宣传经费'],
    things: ['接种', '筛查', '宣传', '检测'],
    people: ['居民', '服务对象', '签约居民', '就诊患者'],
    benefits: ['提升居民健康素养', '降低重点传染病发病率', '提高基本公共卫生服务均等化水平'],
    tasks: ['开展健康教育宣传', '完成重点人群筛查', '做好预防接种服务', '开展卫生监督抽检'],
  },
  {
    departments: ['绿化和市容管理局'],
    units: ['绿化管理所', '市容环境卫生管理所', '林业站', '绿化和市容管理局'],
    objects: ['公共绿地养护', '生活垃圾分类', '公共厕所运维', '行道树修剪', '景观灯光', '林地管护'],
    activities: ['养护经费', '运维经费', '专项经费', '项目', '服务费'],
    things: ['绿地', '公厕', '设施', '树木', '点位'],
    people: ['市民', '周边居民', '服务对象'],
    benefits: ['改善城市环境面貌', '提高生活垃圾分类实效', '提升市容环境质量', '助力生态文明建设'],
    tasks: ['完成公共绿地日常养护', '开展垃圾分类宣传指导', '做好公厕保洁运维', '完成行道树修剪'],
  },
  {
    departments: ['人力资源和社会保障局'],
    units: ['就业促进中心', '社会保险事业管理中心', '职业技能鉴定所', '人力资源和社会保障局'],
    objects: ['职业技能培训', '就业援助', '社保卡服务', '创业指导', '劳动保障监察'],
    activities: ['补贴经费', '专项经费', '工作经费', '项目', '购买服务经费'],
    things: ['培训', '岗位', '设备', '服务'],
    people: ['参训人员', '求职人员', '服务对象', '用人单位'],
    benefits: ['提升劳动者就业能力', '促进重点人群就业', '保障劳动者合法权益'],
    tasks: ['开展职业技能培训', '组织专场招聘会', '做好就业困难人员援助', '完成设备定期维护'],
  },
  {
    departments: ['教育局'],
    units: ['教育信息中心', '青少年活动中心', '教师进修学院', '教育局'],
    objects: ['教育信息化', '校园安全', '教师培训', '青少年科技活动', '学生资助'],
    activities: ['专项经费', '项目', '运维经费', '建设项目'],
    things: ['培训', '活动', '设备', '课程'],
    people: ['师生', '参训教师', '学生家长'],
    benefits: ['提升教育教学质量', '保障校园安全', '促进教育均衡发展'],
    tasks: ['完成教师专业培训', '开展青少年科技活动', '做好校园安防设施维护'],
  },
  {
    departments: ['应急管理局', '民防办公室'],
    units: ['应急管理局', '民防办公室', '防汛防台指挥部办公室'],
    objects: ['防汛物资', '应急演练', '民防工程维护', '应急指挥平台', '安全生产宣传'],
    activities: ['储备经费', '专项经费', '项目', '运维经费'],
    things: ['物资', '工程', '演练', '设施'],
    people: ['参演单位', '居民', '相关单位'],
    benefits: ['提升突发事件应急处置能力', '保障人民群众生命财产安全', '增强市民安全意识'],
    tasks: ['完成防汛物资储备', '组织综合应急演练', '开展民防工程维护管理', '做好应急指挥平台运维'],
  },
];

/** City-level departments that publish the same form (市残联 in samples/001). */
export const CITY_DEPARTMENTS: readonly (readonly [department: string, unit: string, domain: number])[] = [
  ['上海市残疾人联合会', '上海市残疾人联合会信息中心', 0],
  ['上海市体育局', '上海市体育局', 3],
  ['上海市民政局', '上海市养老服务发展中心', 5],
  ['上海市绿化和市容管理局', '上海市林业总站', 7],
];

/** Level-2 class → indicator templates. `{t}` is a domain thing, `{p}` the people served. */
export type IndicatorKind = 'count' | 'percent' | 'lower' | 'time' | 'date' | 'qual' | 'satisfaction';

export interface IndicatorTemplate {
  name: string;
  kind: IndicatorKind;
  /** count/lower: unit and plausible targets; qual: the target words. */
  unit?: string;
  targets?: readonly number[];
  words?: readonly string[];
}

export const INDICATORS: Readonly<Record<string, readonly IndicatorTemplate[]>> = {
  数量指标: [
    { name: '{t}维护次数', kind: 'count', unit: '次', targets: [4, 12, 24, 52] },
    { name: '{t}巡检次数', kind: 'count', unit: '次', targets: [12, 24, 52, 180] },
    { name: '培训场次', kind: 'count', unit: '场', targets: [2, 4, 6, 10] },
    { name: '宣传活动场次', kind: 'count', unit: '场', targets: [3, 5, 10, 12] },
    { name: '服务人次', kind: 'count', unit: '人次', targets: [500, 1000, 3000, 5000] },
    { name: '{t}更新数量', kind: 'count', unit: '个', targets: [5, 10, 20, 50] },
    { name: '采购{t}数量', kind: 'count', unit: '套', targets: [1, 2, 15, 69] },
    { name: '印刷数量', kind: 'count', unit: '本', targets: [500, 1000, 2000] },
    { name: '全年值班天数', kind: 'count', unit: '天', targets: [250, 360, 365] },
    { name: '{t}建设完成率', kind: 'percent', targets: [90, 95, 100] },
    { name: '工作任务完成率', kind: 'percent', targets: [95, 100] },
    { name: '{t}覆盖率', kind: 'percent', targets: [80, 90, 100] },
    { name: '{t}维护工作完成情况', kind: 'qual', words: ['完成', '全部完成', '按计划完成'] },
  ],
  质量指标: [
    { name: '{t}验收合格率', kind: 'percent', targets: [95, 100] },
    { name: '{t}完好率', kind: 'percent', targets: [90, 95, 98] },
    { name: '全年故障次数', kind: 'lower', unit: '次', targets: [2, 3, 5] },
    { name: '数据准确率', kind: 'percent', targets: [95, 98, 100] },
    { name: '服务质量达标率', kind: 'percent', targets: [90, 95] },
    { name: '{t}运行质量', kind: 'qual', words: ['稳定', '良好', '平稳运行'] },
    { name: '资金使用合规性', kind: 'qual', words: ['合规'] },
    { name: '工作完成质量', kind: 'qual', words: ['良好', '达标', '符合要求'] },
    { name: '财务制度健全性', kind: 'qual', words: ['健全'] },
  ],
  时效指标: [
    { name: '项目完成及时率', kind: 'percent', targets: [90, 95, 100] },
    { name: '故障响应时间', kind: 'time' },
    { name: '完成时间', kind: 'date' },
    { name: '问题处理及时性', kind: 'qual', words: ['及时'] },
    { name: '款项拨付及时性', kind: 'qual', words: ['及时'] },
    { name: '{t}维护及时率', kind: 'percent', targets: [90, 95, 100] },
  ],
  成本指标: [
    { name: '成本控制有效性', kind: 'qual', words: ['有效'] },
    { name: '政府采购合规性', kind: 'qual', words: ['合规'] },
    { name: '成本合理性', kind: 'qual', words: ['合理'] },
    { name: '单次{t}维护成本', kind: 'lower', unit: '元', targets: [50, 200, 500, 2000] },
    { name: '预算执行偏差率', kind: 'lower', unit: '%', targets: [5, 10] },
  ],
  经济效益指标: [
    { name: '节约运维成本', kind: 'qual', words: ['有效', '节约'] },
    { name: '提高财政资金使用效益', kind: 'qual', words: ['提高'] },
    { name: '带动相关产业发展', kind: 'qual', words: ['促进', '带动'] },
    { name: '降低人力运维成本', kind: 'qual', words: ['降低'] },
  ],
  社会效益指标: [
    { name: '{p}知晓率', kind: 'percent', targets: [80, 85, 90] },
    { name: '{b}', kind: 'qual', words: ['提升', '有效', '持续推进'] },
    { name: '{t}可用性', kind: 'percent', targets: [95, 98, 99] },
    { name: '{t}稳定运行', kind: 'qual', words: ['稳定运行', '平稳运行'] },
    { name: '提升服务工作效率', kind: 'qual', words: ['提升'] },
  ],
  生态效益指标: [
    { name: '节能降耗', kind: 'qual', words: ['有效'] },
    { name: '环境效益', kind: 'qual', words: ['积极'] },
    { name: '无纸化办公推进', kind: 'qual', words: ['推进'] },
    { name: '绿色采购比例', kind: 'percent', targets: [30, 50] },
  ],
  可持续影响指标: [
    { name: '长效管理制度健全性', kind: 'qual', words: ['健全'] },
    { name: '长效管理机制建设完成度', kind: 'qual', words: ['健全', '完善'] },
    { name: '{t}可持续运行', kind: 'qual', words: ['持续'] },
    { name: '运维服务机制完善性', kind: 'qual', words: ['完善', '建立健全'] },
  ],
  服务对象满意度指标: [
    { name: '{p}满意度', kind: 'satisfaction' },
    { name: '相关群众满意度', kind: 'satisfaction' },
    { name: '使用单位满意度', kind: 'satisfaction' },
  ],
};

/** Qualitative actual values that mean "achieved" (rules §2.4.4). */
export const ACHIEVED = ['符合', '完成', '达成'] as const;
/** Prefixes of a partly achieved qualitative actual. */
export const PARTLY = ['基本', '部分'] as const;

export const CAUSES = [
  '受疫情影响，项目采购及建设进度有所滞后',
  '部分设备老化，故障率偏高',
  '宽带偶尔略有波动',
  '部分工作因人员调整未能按计划开展',
  '需求变更导致开发周期延长',
  '供应商交付延迟',
  '部分评估结果不够精确',
  '年初预算安排与实际需求存在偏差',
  '各网点现场情况不断变化，管理制度存在滞后性',
  '项目前期调研不够充分',
] as const;

export const MEASURES = [
  '加强项目进度管理，提前做好各项准备工作',
  '加快设备更新，提高运维响应能力',
  '继续推进工作，根据业务要求提升办理体验',
  '完善管理制度，强化过程监督',
  '加强与供应商沟通协调，确保按期交付',
  '加强统计方法，多人数据核验',
  '及时根据实际情况修订完善管理制度',
  '做好项目规划，识别可能存在的风险并做好应急措施',
] as const;

export const ACTUAL_GOALS = [
  '已完成',
  '完成既定目标',
  '按计划完成了相关工作。',
  '按要求完成了年度工作。',
] as const;

/** The goal text of an unfunded project (samples/002 #8, #9). */
export const UNFUNDED = '财政年初未安排资金';
