/**
 * FROZEN held-out cases for issue 14 (real-world prose shapes): written on 2026-12-02 before any engine change of that
 * issue, from the shapes noted in SOURCES.md (wording and numbers are this project's own). Never tune the engine on
 * these and never edit their labels to match the engine: `bench/judge-corpus.bench.ts` prints their scores as the
 * honest estimate. They are not asserted by corpus.test.ts (a held-out miss is a measurement, not a broken build).
 */
import { type CorpusCase, c } from './case';

/** Held-out statements in the shapes of other governments' progress tables and 通报. */
export const realworldHoldout: CorpusCase[] = [
  // a bare percentage is the whole progress cell
  c('rwh-01', '83%', '83 % pct', {
    target: '新建社区食堂12个',
    asOf: '2025-09-30',
    ratio: 0.83,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-02', '35%（滞后）', '35 % pct', {
    target: '改造老旧小区燃气管道40公里',
    asOf: '2025-06-30',
    ratio: 0.35,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-03', '61%（两个街道偏慢）', '61 % pct', {
    target: '新增公共充电桩800个',
    asOf: '2025-08-31',
    ratio: 0.61,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-04', '已完成2210人(47.5%)', '2210 人 cum; 47.5 % pct', {
    target: '为4650名困难老人提供居家上门服务',
    asOf: '2025-06-30',
    ratio: 0.475,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-05', '已为适龄学生开展免费窝沟封闭服务3865人，完成率104.6%。', '3865 人 cum; 104.6 % pct', {
    target: '为3695名适龄儿童开展窝沟封闭',
    asOf: '2025-09-30',
    ratio: 1.046,
    status: '超额完成',
    cls: 'complete',
  }),
  c('rwh-06', '累计发放助学金1180万元，占年度计划72.3%。', '1180 万元 money; 72.3 % pct', {
    target: '发放家庭经济困难学生资助资金1630万元',
    asOf: '2025-10-31',
    ratio: 0.723,
    status: '滞后',
    cls: 'behind',
  }),
  // fractions in words
  c('rwh-07', '各街道已完成改造任务的六成，其余正在施工。', '', {
    target: '完成50个小区雨污分流改造',
    asOf: '2025-07-31',
    ratio: 0.6,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-08', '已完成年度任务的八成。', '', {
    target: '新增托育机构托位1500个',
    asOf: '2025-11-30',
    ratio: 0.8,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-09', '工程量已过半，主体结构封顶。', '', {
    target: '建成区第二人民医院门诊综合楼',
    asOf: '2025-06-30',
    ratio: 0.5,
    status: '按序时推进',
    cls: 'onTrack',
  }),
  c('rwh-10', '已完成全年计划的三分之二。', '', {
    target: '培训家政服务人员3000人次',
    asOf: '2025-09-30',
    ratio: 2 / 3,
    status: '滞后',
    cls: 'behind',
  }),
  // standards are judged
  c('rwh-11', '1365元', '1365 元 money', {
    target: '城市低保标准不低于1520元/月',
    asOf: '2025-06-30',
    ratio: 0,
    status: '严重滞后',
    cls: 'severe',
  }),
  c('rwh-12', '全市低保标准已提高至每人每月1560元。', '1560 元 other', {
    target: '城市低保标准不低于1520元/月',
    asOf: '2025-06-30',
    ratio: 1,
    status: '已完成',
    cls: 'complete',
  }),
  c('rwh-38', '城乡低保标准已达590元/月，超过年度目标。', '590 元/月 other', {
    target: '城市低保标准提高到不低于580元/月',
    asOf: '2025-06-30',
    ratio: 1,
    status: '已完成',
    cls: 'complete',
  }),
  // names mixing letters and digits
  c('rwh-13', '已配置AED29台，覆盖社区公园、地铁站等公共场所。', '29 台 cum', {
    target: '在公共场所新增配置AED 40台',
    asOf: '2025-09-30',
    ratio: 29 / 40,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-14', '今年以来新建5G基站186个。', '186 个 cum', {
    target: '新建5G基站300个',
    asOf: '2025-06-30',
    ratio: 0.62,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-15', '已完成适龄女生HPV疫苗首针接种4769人（51.2%），第二针接种正在推进。', '4769 人 cum; 51.2 % pct', {
    target: '为9300名适龄女生免费接种HPV疫苗',
    asOf: '2025-09-30',
    ratio: 0.512,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-16', '已在G15沿线完成隔音屏障安装3.2公里。', '3.2 公里 cum', {
    target: '安装隔音屏障5公里',
    asOf: '2025-06-30',
    ratio: 0.64,
    status: '超序时进度',
    cls: 'ahead',
  }),
  // period amounts next to cumulative ones
  c('rwh-17', '本月发布就业服务信息9条，累计发布46条。', '9 条 per; 46 条 cum', {
    target: '全年发布就业岗位信息80条',
    asOf: '2025-06-30',
    ratio: 46 / 80,
    status: '超序时进度',
    cls: 'ahead',
  }),
  // status in the source's own words
  c('rwh-18', '按计划实施中，达到序时进度。', '', {
    target: '完成20所学校食堂明厨亮灶改造',
    asOf: '2025-06-30',
    ratio: null,
    status: null,
    cls: 'onTrack',
  }),
  c('rwh-19', '招标已完成，施工单位已进场（基本达到）', '', {
    target: '完成3处下穿通道积水点改造',
    asOf: '2025-06-30',
    ratio: null,
    status: null,
    cls: 'onTrack',
  }),
  c('rwh-20', '项目顺利推进，主体工程已完成。', '', {
    target: '建成区档案馆新馆',
    asOf: '2025-09-30',
    ratio: null,
    status: null,
    cls: 'onTrack',
  }),
  c('rwh-21', '正常', '', { target: '开展送医下乡义诊活动', asOf: '2025-06-30', cls: 'onTrack' }),
  c('rwh-22', '目前进度偏慢，正在协调管线迁改。', '', {
    target: '打通断头路3条',
    asOf: '2025-09-30',
    ratio: null,
    status: null,
    cls: 'behind',
  }),
  c('rwh-23', '欠序时较多，征地工作尚未完成。', '', {
    target: '建成镇级污水处理站2座',
    asOf: '2025-09-30',
    ratio: null,
    status: null,
    cls: 'severe',
  }),
  c('rwh-24', '未开工', '', { target: '开工建设中心敬老院1所', asOf: '2025-09-30', cls: 'behind' }),
  c('rwh-25', '超额完成序时进度', '', { target: '实施农村道路安保工程', asOf: '2025-09-30', cls: 'ahead' }),
  // the as-of date stated in the text
  c('rwh-27', '截至5月底，累计完成农村公路提档升级21公里。', '21 公里 cum', {
    target: '农村公路提档升级60公里',
    ratio: 0.35,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-28', '截至9月30日，已建成投用社区嵌入式托育点7个。', '7 个 cum', {
    target: '建成社区嵌入式托育点10个',
    ratio: 0.7,
    status: '滞后',
    cls: 'behind',
  }),
  // traditional characters
  c('rwh-29', '截至6月底，已新增養老床位320張，完成年度目標的64%。', '320 张 cum; 64 % pct', {
    target: '新增養老床位500張',
    asOf: '2025-06-30',
    ratio: 0.64,
    status: '超序时进度',
    cls: 'ahead',
  }),
  // restated target, then the count reached
  c('rwh-30', '新增优化公交线路35条，现已完成36条。', '35 条 other; 36 条 cum', {
    target: '新增优化公交线路35条',
    asOf: '2025-07-31',
    ratio: 36 / 35,
    status: '超额完成',
    cls: 'complete',
  }),
  c('rwh-31', '新建市政燃气管网60公里，已新建62.675公里。', '60 公里 other; 62.675 公里 cum', {
    target: '新建市政燃气管网60公里',
    asOf: '2025-07-31',
    ratio: 62.675 / 60,
    status: '超额完成',
    cls: 'complete',
  }),
  // 完成率 after a count (通报 style)
  c('rwh-32', '已发放困难残疾人生活补贴2539名，完成率100.27%。', '2539 名 cum; 100.27 % pct', {
    target: '为2532名困难残疾人发放生活补贴',
    asOf: '2025-09-30',
    ratio: 1.0027,
    status: '超额完成',
    cls: 'complete',
  }),
  c('rwh-33', '已建成2个，完成率200%。', '2 个 cum; 200 % pct', {
    target: '建设实体零工驿站1个',
    asOf: '2025-09-30',
    ratio: 2,
    status: '超额完成',
    cls: 'complete',
  }),
  c(
    'rwh-34',
    '126条中已完成治理120条（95%），其余6条预计10月底前完成。',
    '126 条 other; 120 条 cum; 95 % pct; 6 条 other',
    {
      target: '治理农村黑臭水体126条',
      asOf: '2025-09-30',
      ratio: 0.95,
      status: '超序时进度',
      cls: 'ahead',
    },
  ),
  c('rwh-35', '正在施工中（93%）', '93 % pct', {
    target: '建设引调水配套管网工程',
    asOf: '2025-09-30',
    ratio: 0.93,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-36', '已送戏230场（87%）', '230 场 cum; 87 % pct', {
    target: '送戏进村263场',
    asOf: '2025-09-30',
    ratio: 0.87,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-37', '项目形象进度为85.6%。', '85.6 % pct', {
    target: '建成市疾控中心业务楼',
    asOf: '2025-06-30',
    ratio: 0.856,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-39', '康复救助残疾儿童7804人，完成年度目标任务的70.9%。', '7804 人 cum; 70.9 % pct', {
    target: '为11000名残疾儿童提供康复救助',
    asOf: '2025-06-30',
    ratio: 0.709,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-40', '已完成投资4.74亿元，占年度计划的72.9%。', '4.74 亿元 money; 72.9 % pct', {
    target: '完成配电网改造投资6.5亿元',
    asOf: '2025-06-30',
    ratio: 0.729,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-41', '上半年已新增城镇就业43.91万人。', '439100 人 cum', {
    target: '城镇新增就业70万人',
    asOf: '2025-06-30',
    ratio: 439100 / 700000,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-42', '已改造1575户，正在施工4696户。', '1575 户 cum; 4696 户 other', {
    target: '完成困难残疾人家庭无障碍改造6000户',
    asOf: '2025-06-30',
    ratio: 1575 / 6000,
    status: '滞后',
    cls: 'behind',
  }),
  c('rwh-44', '已签约家庭医生服务对象13.6万人，占全年目标的68%（按序时推进）', '136000 人 cum; 68 % pct', {
    target: '家庭医生签约服务20万人',
    asOf: '2025-08-31',
    ratio: 0.68,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-45', '累计完成1,163户，占年任务之比为96.9%。', '1163 户 cum; 96.9 % pct', {
    target: '完成农村危房改造1200户',
    asOf: '2025-10-31',
    ratio: 0.969,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-48', '完成进度为88%', '88 % pct', {
    target: '建设省级示范合作社12家',
    asOf: '2025-07-31',
    ratio: 0.88,
    status: '超序时进度',
    cls: 'ahead',
  }),
  c('rwh-49', '项目已全面完工并交付使用（已完成）', '', {
    target: '建成区残疾人托养中心',
    asOf: '2025-10-31',
    ratio: 1,
    status: '已完成',
    cls: 'complete',
  }),
  c(
    'rwh-50',
    '已完工902户（77.1%），剩余268户正在抓紧施工，预计11月底全部完工。',
    '902 户 cum; 77.1 % pct; 268 户 other',
    {
      target: '完成1170户农村户厕改造',
      asOf: '2025-09-30',
      ratio: 0.771,
      status: '超序时进度',
      cls: 'ahead',
    },
  ),
];
