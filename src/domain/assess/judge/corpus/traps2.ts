/**
 * Traps, second set (written for this project after probing real tables; no seed text): preliminary work (掌握, 摸排,
 * 申报, 方案设计, 选址, 总投资), restated targets heading a sentence, distributions, 包括…在内, completion phrases that are
 * plans or shares, and matching across unit wordings (户/家庭, 个/点位, 台/部; never 人/人次, 栋/台).
 */
import { type CorpusCase, c } from './case';

/** Trap statements, second set. */
export const traps2: CorpusCase[] = [
  // knowing, planning, applying: nothing counted is done yet
  c('t2-01', '摸清6个小区加装意愿情况，下步启动设计。', '6 个 other', {
    target: '为6个小区加装电梯',
    asOf: '2024-06-30',
    ratio: null,
    status: null,
  }),
  c('t2-02', '向上级申报示范街区8条，力争年底评选通过不少于5条。', '8 条 other; 5 条 other', {
    target: '创建示范街区5条',
    asOf: '2024-08-31',
    ratio: null,
    status: null,
  }),
  c('t2-03', '已梳理问题清单23项，完成整改19项，其余4项预计11月底前整改到位。', '23 项 other; 19 项 cum; 4 项 other', {
    target: '整改问题23项',
    asOf: '2024-09-30',
    ratio: 19 / 23,
    status: '超序时进度',
  }),
  c('t2-04', '掌握辖区5家养老机构运营情况，督促落实整改。', '5 家 other', {
    target: '完成5家养老机构消防改造',
    asOf: '2024-06-30',
    ratio: null,
  }),
  c('t2-05', '已上报候选项目15个，待评审。', '15 个 other', { target: '实施微实事项目10个', ratio: null }),
  // checking and selecting: the checks were done, but they are not the target's object
  c('t2-06', '累计摸排独居老人412户，已为其中186户安装紧急呼叫设备。', '412 户 cum; 186 户 cum', {
    target: '为300户独居老人安装紧急呼叫设备',
    asOf: '2024-08-31',
    ratio: 0.62,
    status: '滞后',
  }),
  c('t2-07', '排查燃气安全隐患96处，已整改81处。', '96 处 cum; 81 处 cum', {
    target: '整改燃气安全隐患100处',
    asOf: '2024-06-30',
    ratio: 0.81,
    status: '超序时进度',
  }),
  c('t2-08', '对接养老服务商4家，签订合作协议2份。', '4 家 cum; 2 份 cum', {
    target: '建设社区养老服务点6个',
    asOf: '2024-06-30',
    ratio: null,
  }),
  c('t2-09', '走访辖区企业85家，收集用工需求1,200个。', '85 家 cum; 1200 个 cum', {
    target: '走访企业150家',
    asOf: '2024-06-30',
    ratio: 85 / 150,
    status: '超序时进度',
  }),
  c('t2-10', '已走访慰问困难家庭260户。', '260 户 cum', {
    target: '慰问困难家庭400户',
    asOf: '2024-06-30',
    ratio: 0.65,
    status: '超序时进度',
  }),
  // preparatory stages and budgets
  c('t2-11', '完成8个小区加装电梯方案设计，正在办理施工许可。', '8 个 cum', {
    target: '为8个小区加装电梯',
    asOf: '2024-09-30',
    ratio: null,
  }),
  c('t2-12', '已完成12个点位选址，首批5个点位已建成投用。', '12 点位 cum; 5 点位 cum', {
    target: '建设充电点位20个',
    asOf: '2024-09-30',
    ratio: 0.25,
    status: '严重滞后',
  }),
  c('t2-13', '谋划储备项目30个，总投资5.2亿元；已完成投资1.6亿元。', '30 个 other; 5.2 亿元 money; 1.6 亿元 money', {
    target: '完成投资4亿元',
    asOf: '2024-06-30',
    ratio: 0.4,
    status: '滞后',
  }),
  c('t2-14', '项目概算1,850万元，已拨付资金620万元。', '1850 万元 money; 620 万元 money', {
    target: '完成投资1850万元',
    asOf: '2024-06-30',
    ratio: 620 / 1850,
    status: '滞后',
  }),
  c('t2-15', '已储备项目资金300万元。', '300 万元 money', { target: '完成投资500万元', ratio: null }),
  // restated targets heading a sentence or a line
  c('t2-16', '新建6个日间照料中心，现已有2个投入运营，4个正在装修。', '6 个 other; 2 个 cum; 4 个 other', {
    target: '新增日间照料中心6个',
    asOf: '2024-09-30',
    ratio: 1 / 3,
    status: '严重滞后',
  }),
  c(
    't2-17',
    '1.新增助餐点12个，目前3个已开餐，5个正在装修。\n2.新增日间照料中心4家，目前已有1家竣工，2家完成施工图设计。',
    '12 个 other; 3 个 cum; 5 个 other; 4 家 other; 1 家 cum; 2 家 cum',
    { target: '新增助餐点12个，新增日间照料中心4个', asOf: '2024-09-30', ratio: 0.25, status: '严重滞后' },
  ),
  c('t2-18', '全年目标为新增托位300个，截至目前已新增托位180个。', '300 个 other; 180 个 cum', {
    target: '新增托位300个',
    asOf: '2024-06-30',
    ratio: 0.6,
    status: '超序时进度',
  }),
  c('t2-19', '已新增托位220个（全年目标300个）。', '220 个 cum; 300 个 other', {
    target: '新增托位300个',
    asOf: '2024-09-30',
    ratio: 220 / 300,
    status: '滞后',
  }),
  // distributions and inclusive totals
  c('t2-20', '已建成社区食堂14个，分布在6个街道。', '14 个 cum; 6 个 other', {
    target: '建设社区食堂20个',
    asOf: '2024-06-30',
    ratio: 0.7,
    status: '超序时进度',
  }),
  c('t2-21', '包括东区、西区在内的9个站点已完成改造。', '9 个 cum', {
    target: '改造站点8个',
    asOf: '2024-06-30',
    ratio: 9 / 8,
    status: '超额完成',
  }),
  // completion phrases that are plans or shares
  // relabelled for issue 14: a share in words (七成) is the published ratio (was null, not completion)
  c('t2-22', '已完成全年任务的七成。', '', {
    target: '新增充电桩200个',
    asOf: '2024-09-30',
    ratio: 0.7,
    status: '滞后',
  }),
  c('t2-23', '主体结构已封顶，预计11月底全部完成。', '', { target: '新建社区体育公园1个', ratio: null }),
  // period vs cumulative, 人次 vs 人
  c('t2-24', '本月为老年人提供助浴服务260人次，1-8月累计服务1,940人次。', '260 人次 per; 1940 人次 cum', {
    target: '提供助浴服务3000人次',
    asOf: '2024-08-31',
    ratio: 1940 / 3000,
    status: '滞后',
  }),
  c('t2-25', '累计开展培训42场，参训群众3,150人次。', '42 场 cum; 3150 人次 cum', {
    target: '培训群众3000人',
    asOf: '2024-06-30',
    ratio: null,
  }),
  // unit wordings
  c('t2-26', '已为1,350个家庭提供上门服务。', '1350 个 cum', {
    target: '为2000户家庭提供上门服务',
    asOf: '2024-06-30',
    ratio: 0.675,
    status: '超序时进度',
  }),
  c('t2-27', '已为75部老旧电梯加装监测装置。', '75 部 cum', {
    target: '为120台老旧电梯加装监测装置',
    asOf: '2024-06-30',
    ratio: 0.625,
    status: '超序时进度',
  }),
  c('t2-28', '已签约加装电梯楼栋18栋。', '18 栋 cum', { target: '加装电梯30台', asOf: '2024-06-30', ratio: null }),
  c('t2-29', '线上线下配送文化活动2,600余场次。', '2600 场次 cum', {
    target: '配送文化活动5000场',
    asOf: '2024-06-30',
    ratio: 0.52,
    status: '超序时进度',
  }),
  c('t2-30', '已受理补贴申请560件，办结512件。', '560 件 cum; 512 件 cum', {
    target: '办理补贴申请800件',
    asOf: '2024-09-30',
    ratio: 0.64,
    status: '滞后',
  }),
];
