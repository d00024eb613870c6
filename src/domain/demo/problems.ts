/** Lag reasons with problem text, measures (with deadlines) and subjective/objective causes. */

export type LagFit = 'road' | 'site' | 'works' | 'facility' | 'service';

/**
 * Placeholders: {n} {few} small numbers, {mo} months of delay, {p} a percentage, {a} {c} widths in metres,
 * {M1} the next month, {M2} the month after.
 */
export type LagReason = {
  key: string;
  /** Kinds of project the reason fits: road (道路/管网), site (other construction), works (工程 counted in units), facility (实物/点位), service. */
  fits: LagFit[];
  problem: string;
  next: string[];
  subjective: string;
  objective: string;
};

export const LAG_REASONS: LagReason[] = [
  {
    key: '管线迁改',
    fits: ['road', 'site'],
    problem: '施工范围内发现{few}条10kV电缆及给水管线，需迁改后方可施工，影响工期约{mo}个月。',
    next: [
      '会同供电、水务部门加快管线迁改，预计{M1}月底前完成迁改',
      '迁改完成后增加施工班组，实行两班倒作业，力争{M2}月底前恢复正常进度',
    ],
    subjective: '前期管线探测不够细致，对地下管线复杂程度预估不足。',
    objective: '管线迁改需产权单位审批，办理周期较长。',
  },
  {
    key: '征地拆迁',
    fits: ['road', 'site'],
    problem: '项目用地范围内尚有{n}处建（构）筑物未完成补偿协商，施工场地未能全部移交。',
    next: [
      '联合街道征拆专班逐户开展协商，力争{M1}月中旬前完成场地移交',
      '对已移交区域先行施工，{M2}月底前完成主体施工',
    ],
    subjective: '征拆工作启动偏晚，与权利人沟通不够充分。',
    objective: '部分权利人补偿诉求较高，协商难度较大。',
  },
  {
    key: '招标质疑',
    fits: ['road', 'site', 'works', 'facility'],
    problem: '施工招标过程中收到投标人质疑投诉，招标程序暂停{n}天，合同签订相应推迟。',
    next: ['配合招标主管部门尽快完成质疑处理，{M1}月上旬前签订施工合同', '合同签订后立即组织进场，压缩非关键工序工期'],
    subjective: '招标文件编制不够严谨，部分条款表述存在歧义。',
    objective: '质疑投诉处理需履行法定程序，耗时较长。',
  },
  {
    key: '资金未到位',
    fits: ['road', 'site', 'works', 'facility'],
    problem: '上级补助资金尚未下达，已到位资金仅占计划投资的{p}%，部分工程款无法按期支付。',
    next: ['积极对接财政部门，争取{M1}月底前落实剩余资金', '资金到位后督促施工单位增加投入，{M2}月底前追回工期'],
    subjective: '资金申报材料准备不够及时，跟踪催办力度不足。',
    objective: '上级资金下达批次调整，到位时间晚于预期。',
  },
  {
    key: '红线未退让',
    fits: ['road'],
    problem: '相邻地块项目未退让红线，现状施工宽度仅{a}米，较设计宽度少{c}米，部分路段无法施工。',
    next: ['提请区相关部门协调相邻项目退让红线，{M1}月底前完成围挡迁移', '先行完成其余路段施工，{M2}月底前全线贯通'],
    subjective: '对相邻项目建设进度跟踪不够，协调启动偏晚。',
    objective: '相邻项目土地手续尚未办结。',
  },
  {
    key: '设计变更',
    fits: ['road', 'site'],
    problem: '现场地质条件与勘察报告不符，需调整设计方案并重新评审，影响工期约{mo}个月。',
    next: ['督促设计单位{M1}月上旬前完成变更设计，同步开展预算评审', '变更批复后立即组织施工，{M2}月底前完成主体施工'],
    subjective: '前期勘察深度不足，设计方案对现场条件考虑不周。',
    objective: '现场地质条件复杂，存在不可预见因素。',
  },
  {
    key: '强降雨',
    fits: ['road', 'site'],
    problem: '受持续强降雨影响，累计{n}天无法正常施工，土方和基础工程进度滞后。',
    next: ['雨后增加施工班组和机械设备，实行两班倒作业', '力争{M2}月底前追回工期，确保年底前完工'],
    subjective: '施工组织安排对汛期影响考虑不足。',
    objective: '汛期降雨天数较往年明显偏多。',
  },
  {
    key: '场地未落实',
    fits: ['facility', 'works'],
    problem: '{few}个点位场地产权人意见未统一，需重新选址，建设进度受到影响。',
    next: ['会同社区工作站重新比选点位，{M1}月底前确定新址', '新址确定后同步开展装修和设备采购，{M2}月底前投入使用'],
    subjective: '前期选址论证不够充分，与产权人沟通不到位。',
    objective: '场地产权关系复杂，协调难度较大。',
  },
  {
    key: '采购流标',
    fits: ['service', 'facility'],
    problem: '服务采购项目流标{few}次，需重新组织采购，服务启动推迟约{mo}个月。',
    next: ['优化采购需求和评分标准，{M1}月中旬前完成重新采购', '服务商确定后加密服务频次，{M2}月底前追回进度'],
    subjective: '采购需求编制对市场供给情况调研不足。',
    objective: '符合资质的服务供应商数量较少。',
  },
  {
    key: '资金未到位',
    fits: ['service', 'facility'],
    problem: '项目资金尚未拨付到位，服务商垫资意愿不足，部分服务暂缓开展。',
    next: ['加快资金拨付流程，{M1}月底前拨付首期资金', '资金到位后督促服务商加快实施，{M2}月底前完成阶段任务'],
    subjective: '资金拨付流程跟进不够及时。',
    objective: '财政资金拨付需履行审批程序。',
  },
  {
    key: '参与度不足',
    fits: ['service'],
    problem: '部分服务对象参与意愿不高，报名人数低于预期，完成量仅为序时进度的{p}%。',
    next: ['加大宣传动员力度，联合社区网格员上门动员', '增加周末及夜间服务场次，力争{M2}月底前完成年度目标'],
    subjective: '宣传发动方式较为单一，精准动员不够。',
    objective: '服务对象分散，部分群众时间难以协调。',
  },
  {
    key: '数据对接',
    fits: ['service'],
    problem: '上级业务系统数据对接尚未完成，部分完成数据无法及时统计确认。',
    next: ['对接上级主管部门，{M1}月底前完成数据对接并补录数据', '建立线下台账与系统数据双核对机制'],
    subjective: '对系统切换影响预判不足，线下台账建立不及时。',
    objective: '上级业务系统升级改造，数据接口暂未开放。',
  },
];

/** Minor problems reported by engineering projects that are on schedule. */
export const MINOR_PROBLEMS = [
  '部分居民对施工噪声有意见，已调整作业时间并加强沟通。',
  '个别点位施工期间需临时占用人行道，已做好安全围蔽和绕行指引。',
  '局部施工涉及小区出入口，需与物业协调分时段施工。',
];
