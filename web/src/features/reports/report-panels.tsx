/** Read-only panels of the report page: the project card, 上期填报, and the version history. */
import { Card, Descriptions, Empty, Timeline, Tooltip, Typography } from 'antd';
import { formatCnDate, periodTargetLabel } from '../../../../src/domain/plan/periods';
import { FIELD_COMMENT_LABELS, type FieldCommentKey } from '../../../../src/domain/review/report-diff';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { ProjectTags } from '../../components/project-tags';
import { StatusTag } from '../../components/status-tag';
import { href } from '../../router';

const ACTION_LABELS: Record<string, string> = {
  create: '生成',
  save: '保存草稿',
  submit: '提交',
  return: '退回',
  approve: '审核通过',
  publish: '发布',
  revoke: '撤销审核',
  import: '导入',
  'office-import': '督查室导入版本',
};

const dash = (v: string | null | undefined) =>
  v?.trim() ? <span className="pre-wrap">{v}</span> : <span className="muted">—</span>;

export function ProjectCard({ detail }: { detail: ReportDetail }) {
  const { project, round, report } = detail;
  return (
    <Card
      size="small"
      title={
        <span>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            {project.code}
          </Typography.Text>
          <Tooltip title="查看项目全年进展">
            <a href={href('projects', project.id)} data-testid="project-page-link">
              <span data-testid="project-name">{project.name}</span>
            </a>
          </Tooltip>
        </span>
      }
      extra={<StatusTag status={report.status} testId="report-status" />}
      style={{ marginBottom: 12 }}
      data-testid="project-card"
    >
      <div style={{ marginBottom: 8 }}>
        <ProjectTags levels={project.levels} flags={project.flags} />
        {project.type && <Typography.Text type="secondary">{project.type}</Typography.Text>}
        {project.matter && <Typography.Text type="secondary"> ｜ 所属实事：{project.matter}</Typography.Text>}
      </div>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        styles={{ label: { width: 130, whiteSpace: 'nowrap' } }}
      >
        <Descriptions.Item label="年度目标" span={2}>
          {dash(project.annualTarget)}
        </Descriptions.Item>
        <Descriptions.Item label={periodTargetLabel(round.periodKey)} span={2}>
          {dash(project.periodTarget)}
        </Descriptions.Item>
        {project.shareNote?.trim() ? (
          <Descriptions.Item label="本单位分担任务" span={2}>
            {dash(project.shareNote)}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="牵头责任单位">{dash(project.leadUnits.join('、'))}</Descriptions.Item>
        <Descriptions.Item label="协办单位">{dash(project.assistUnits.join('、'))}</Descriptions.Item>
        {project.cohostUnits.length > 0 ? (
          <Descriptions.Item label="区共同主办单位" span={2}>
            {project.cohostUnits.join('、')}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="填报单位">{report.unit.name}</Descriptions.Item>
        <Descriptions.Item label="填报批次">
          {round.name}（截至{formatCnDate(round.asOf)}，{formatCnDate(round.dueDate)}前报送）
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function PreviousReport({ detail }: { detail: ReportDetail }) {
  const prev = detail.previous;
  const unitOf = new Map(detail.indicators.map((i) => [i.id, i]));
  return (
    <Card size="small" title="上期填报" data-testid="previous-report" style={{ marginBottom: 12 }}>
      {!prev ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有上期填报（本年度首期或上期未填报）" />
      ) : (
        <>
          <div className="previous-block">
            <Typography.Text strong>{prev.periodLabel}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {prev.roundName}
            </Typography.Text>{' '}
            <StatusTag status={prev.status} />
          </div>
          {(
            [
              ['落实情况', prev.progressText],
              ['进度自评', prev.selfAssessment],
              ['存在问题', prev.problems],
              ['下一步工作', prev.nextSteps],
            ] as const
          ).map(([label, value]) => (
            <div className="previous-block" key={label}>
              <div className="previous-label">{label}</div>
              <div className="cell-text">{dash(value)}</div>
            </div>
          ))}
          {prev.values.length > 0 && (
            <div className="previous-block">
              <div className="previous-label">指标数值</div>
              {prev.values.map((v) => {
                const ind = unitOf.get(v.indicatorId);
                return (
                  <div key={v.indicatorId} className="cell-text">
                    {ind?.name ?? v.indicatorId}：{v.value == null ? '未填' : `${v.value}${ind?.unit ?? ''}`}
                  </div>
                );
              })}
            </div>
          )}
        </>
      )}
    </Card>
  );
}

const ACTION_COLORS: Record<string, string> = {
  return: 'orange',
  approve: 'green',
  submit: 'blue',
  publish: 'purple',
  revoke: 'red',
};

export function ReportHistory({ detail }: { detail: ReportDetail }) {
  const rows = [...detail.history].sort((a, b) => b.versionNo - a.versionNo);
  return (
    <Card size="small" title="版本记录" data-testid="report-history">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未保存过" />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={rows.map((h) => ({
            key: h.versionNo,
            color: ACTION_COLORS[h.action] ?? 'gray',
            content: (
              <div data-testid={`history-${h.versionNo}`}>
                <div>
                  <Typography.Text strong>第 {h.versionNo} 版</Typography.Text> · {ACTION_LABELS[h.action] ?? h.action}{' '}
                  <StatusTag status={h.status} />
                </div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {h.by ?? '—'} · {new Date(h.at).toLocaleString('zh-CN', { hour12: false })}
                </div>
                {h.comment && (
                  <div className="cell-text">
                    {h.action === 'revoke' ? '撤销原因' : '意见'}：{h.comment}
                  </div>
                )}
                {Object.entries(h.fieldComments ?? {}).map(([k, v]) => (
                  <div key={k} className="cell-text" data-testid={`history-field-comment-${h.versionNo}-${k}`}>
                    {FIELD_COMMENT_LABELS[k as FieldCommentKey] ?? k}：{v}
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
