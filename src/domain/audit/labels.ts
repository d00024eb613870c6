/**
 * Chinese names of the audit log's action codes and entity kinds (the page, the CSV export). A code that is not
 * listed is shown as it is, so a new action never disappears from view.
 */

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  login: '登录',
  'login.fail': '登录失败',
  'login.attack': '疑似暴力破解',
  'login.locked': '账号锁定中登录',
  logout: '退出登录',
  'logout.all': '在所有设备上退出',
  'password.change': '修改密码',
  'password.change.fail': '修改密码失败',
  'password.reset': '重置密码',
  'user.lock': '锁定账号',
  'user.unlock': '解锁账号',
  'session.end': '强制下线',
  'report.save': '保存填报',
  'report.submit': '提交填报',
  'report.return': '退回填报',
  'report.approve': '审核通过',
  'report.publish': '发布填报',
  'round.open': '开启填报批次',
  'round.close': '关闭填报批次',
  'round.reopen': '重新开启填报批次',
  'round.create': '新建填报批次（未开启）',
  'round.archive': '归档填报批次',
  'round.extend': '延长报送截止日期',
  'round.reopenUnit': '为单位重新开放批次',
  'report.revoke': '撤销审核',
  'report.bulkApprove': '批量审核通过',
  'analysis.save': '保存滞后分析',
  'analysis.submit': '提交滞后分析',
  'analysis.return': '退回滞后分析',
  'analysis.approve': '审核通过滞后分析',
  'round.publish': '发布批次',
  'programme.schedule': '设置序时进度',
  'programme.chaseRules': '设置提醒、催办与督办规则',
  'chase.run': '提醒与催办（自动评估）',
  'round.chase': '一键催办',
  'notification.read': '通知标为已读',
  'notification.readAll': '通知全部标为已读',
  'indicator.adjust': '调整年度目标',
  'programme.create': '新建实事计划',
  'programme.update': '修改实事计划',
  'programme.renumber': '重新编号',
  'category.create': '新增类别',
  'category.update': '修改类别',
  'category.delete': '删除类别',
  'category.move': '调整类别顺序',
  'matter.create': '新增民生事项',
  'matter.update': '修改民生事项',
  'matter.delete': '删除民生事项',
  'matter.move': '调整民生事项位置',
  'project.create': '新增项目',
  'project.update': '修改项目',
  'project.deactivate': '停用项目',
  'project.delete': '删除项目',
  'project.move': '调整项目位置',
  'project.units': '设置责任单位',
  'project.indicators': '设置指标与分期目标',
  'project.grid': '批量编辑项目',
  'indicator.split': '分解目标到单位',
  'import.commit': '导入表格',
  'import.incomplete': '导入未全部完成',
  'import.target': '导入调整年度目标',
  'import.period-target': '导入修改期次目标',
  'import.flag-add': '导入增加项目标记',
  'import.flag-remove': '导入取消项目标记',
  'import.unit-add': '导入增加责任单位',
  'import.unit-remove': '导入移除责任单位',
  'import.office-version': '导入督查室版本',
  'programme.rollover': '结转到下一年度',
  'table.export': '导出汇总表',
  'audit.export': '导出审计日志',
  'audit.verify': '校验审计日志',
  'audit.purge': '清理过期审计日志',
  'system.setup': '系统初始化',
  'org.create': '新建单位',
  'org.update': '修改单位',
  'org.merge': '合并单位',
  'org.deactivate': '停用单位',
  'org.activate': '启用单位',
  'org.delete': '删除单位',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.deactivate': '停用账号',
  'user.activate': '启用账号',
  'user.bulkCreate': '批量新建账号',
  'supervision.raise': '发起督办',
  'supervision.upgrade': '督办升级',
  'supervision.respond': '督办反馈',
  'supervision.reject': '退回督办反馈',
  'supervision.close': '督办销号',
  'programme.evaluationRules': '设置排名与考核规则',
  'scores.export': '导出考核得分',
  'disclosure.publish': '发布到政务公开',
  'disclosure.correct': '政务公开勘误',
  'disclosure.settings': '修改政务公开默认设置',
  'disclosure.comment.approve': '通过公示期意见',
  'disclosure.comment.reject': '不予公开公示期意见',
  'supervision.form': '生成督办单',
  'oversight.group': '设立人大监督小组',
  'oversight.opinion': '提出督办建议',
  'oversight.answer': '答复督办建议',
  'yearEnd.confirm': '确认年度目标完成情况',
  'yearEnd.export': '导出年终总结清单',
  'vote.create': '设立满意度测评',
  'vote.cast': '满意度测评投票',
  'notify.webhook.create': '添加群机器人',
  'notify.webhook.update': '修改群机器人',
  'notify.webhook.deactivate': '停用群机器人',
  'notify.webhook.activate': '启用群机器人',
  'notify.webhook.test': '群机器人测试消息',
  'notify.delivery.retry': '重新发送消息',
};

export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  user: '账号',
  report: '填报',
  analysis: '滞后分析',
  round: '填报批次',
  programme: '实事计划',
  chase: '提醒与催办',
  notification: '通知',
  indicator: '指标',
  project: '项目',
  category: '类别',
  matter: '民生事项',
  organization: '单位',
  audit: '审计日志',
  system: '系统',
  supervision: '督办',
  oversight_group: '人大监督小组',
  oversight_opinion: '督办建议',
  vote: '满意度测评',
  notify_webhook: '群机器人',
  notification_delivery: '消息发送',
};

/** The Chinese name of an action code, or the code itself. */
export const auditActionLabel = (code: string): string => AUDIT_ACTION_LABELS[code] ?? code;

/** The Chinese name of an entity kind, or the kind itself. */
export const auditEntityLabel = (kind: string): string => AUDIT_ENTITY_LABELS[kind] ?? kind;

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** An ISO timestamp as Beijing time, `YYYY-MM-DD HH:mm:ss` (the original text when it is not a timestamp). */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The start of a filter bound as an ISO timestamp: a date (`YYYY-MM-DD`) is midnight Beijing time; `endOfDay` makes a
 * date an exclusive upper bound (the next midnight), so "to 2026-03-31" includes that whole day. Full timestamps are
 * taken as they are. Null when the text is neither.
 */
export function boundOf(text: string, endOfDay = false): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const t = Date.parse(`${text}T00:00:00+08:00`);
    if (Number.isNaN(t)) return null;
    return new Date(t + (endOfDay ? 86_400_000 : 0)).toISOString();
  }
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
