/** Columns of the consolidated table, in the order of the official form (seed 000), plus status and judgement. */

import { ProjectOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import { progressCell } from '../../../../src/domain/publish/progress-cell';
import type { ConsolidatedTable, TableRow } from '../../../../src/shared/api-types';
import { FindingsCount, formatRatio } from '../../components/findings-count';
import { ProjectTags } from '../../components/project-tags';
import { LightDot, StatusTag } from '../../components/status-tag';
import { href } from '../../router';
import { RowSupervision } from '../supervision/row-supervision';

const text = (v: string | null | undefined) =>
  v?.trim() ? <div className="cell-text">{v}</div> : <span className="muted">—</span>;
const units = (list: string[]) =>
  list.length ? <div className="cell-text">{list.join('\n')}</div> : <span className="muted" />;

/** 落实情况 + （进度自评）, exactly as the printed table writes it. */
export function progressWithAssessment(row: Pick<TableRow, 'progress' | 'selfAssessment'>): string {
  return progressCell(row.progress, row.selfAssessment);
}

export type ColumnOptions = {
  /** Link the project name to the report page (logged-in readers). */
  linkToReport: boolean;
  /** Show 填报单位 and 状态 (not on the public page). */
  showWorkflow: boolean;
  /** Extra last column (review buttons). */
  actions?: (row: TableRow) => ReactNode;
};

export function buildColumns(table: ConsolidatedTable, opts: ColumnOptions): ColumnsType<TableRow> {
  const hasComputed = table.rows.some(
    (r) => r.computedStatus != null || r.light != null || r.completionRatio != null || Boolean(r.findings?.length),
  );
  const cols: ColumnsType<TableRow> = [
    { title: '序号', dataIndex: 'seq', width: 56, align: 'center', fixed: 'left' },
    {
      title: '项目名称',
      key: 'name',
      width: 240,
      fixed: 'left',
      render: (_, r) => (
        <div>
          {opts.linkToReport ? (
            <a href={href('reports', r.reportId)} data-testid={`row-open-${r.reportId}`}>
              {r.name}
            </a>
          ) : (
            <Typography.Text strong>{r.name}</Typography.Text>
          )}
          {r.matter && (
            <div className="muted" style={{ fontSize: 12 }}>
              {r.matterNumber ? `第${r.matterNumber}项 ` : ''}
              {r.matter}
            </div>
          )}
          {r.cohostUnits.length > 0 && (
            <div className="muted" style={{ fontSize: 12 }}>
              （区共同主办单位：{r.cohostUnits.join('、')}）
            </div>
          )}
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 6 }}>
              {r.code}
            </Typography.Text>
            <ProjectTags levels={r.levels} flags={r.flags} />
            {opts.linkToReport && (
              <Tooltip title="查看项目全年进展">
                <a
                  href={href('projects', r.projectId)}
                  style={{ fontSize: 12, whiteSpace: 'nowrap' }}
                  data-testid={`project-link-${r.reportId}`}
                >
                  <ProjectOutlined /> 项目
                </a>
              </Tooltip>
            )}
          </div>
          {opts.showWorkflow && <RowSupervision row={r} mayRaise={table.abilities.review} />}
        </div>
      ),
    },
    { title: '年度目标', dataIndex: 'annualTarget', width: 200, render: text },
    { title: table.periodTargetLabel, dataIndex: 'periodTarget', width: 180, render: text },
    {
      title: (
        <span>
          截至{formatCnDate(table.round.asOf).replace(/^\d+年/, '')}落实情况+进度自评
          <br />
          <span style={{ fontWeight: 400, fontSize: 12 }}>(按计划推进/滞后/已完成)</span>
        </span>
      ),
      key: 'progress',
      width: 340,
      render: (_, r) => text(progressWithAssessment(r)),
    },
    { title: '存在问题', dataIndex: 'problems', width: 200, render: text },
    { title: '下一步工作', dataIndex: 'nextSteps', width: 220, render: text },
    { title: '牵头责任单位', dataIndex: 'leadUnits', width: 130, render: units },
    { title: '协办单位', dataIndex: 'assistUnits', width: 130, render: units },
  ];
  if (opts.showWorkflow) {
    cols.push(
      { title: '填报单位', dataIndex: 'unit', width: 130, render: (v: string) => <div className="cell-text">{v}</div> },
      {
        title: '状态',
        dataIndex: 'status',
        width: 90,
        render: (_, r) => (
          <Space orientation="vertical" size={2}>
            <StatusTag status={r.status} testId={`status-${r.reportId}`} />
            {r.late && (
              <Tooltip title="在报送截止日期之后提交">
                <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid={`late-${r.reportId}`}>
                  逾期
                </Tag>
              </Tooltip>
            )}
            {r.status === 'returned' && r.lastComment && (
              <Tooltip title={`审核意见：${r.lastComment}`}>
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  查看意见
                </Typography.Text>
              </Tooltip>
            )}
          </Space>
        ),
      },
    );
  }
  if (hasComputed) {
    cols.push(
      {
        title: '研判',
        key: 'computedStatus',
        width: 120,
        render: (_, r) => (
          <Space orientation="vertical" size={2}>
            <Tooltip title={r.reason ?? undefined}>
              <span data-testid={`light-${r.reportId}`}>
                <LightDot light={r.light} text={r.computedStatus} />
              </span>
            </Tooltip>
            <FindingsCount findings={r.findings} testId={`findings-${r.reportId}`} />
          </Space>
        ),
      },
      {
        title: '完成率',
        dataIndex: 'completionRatio',
        width: 80,
        align: 'right',
        render: (v: number | null | undefined) => formatRatio(v) ?? <span className="muted">—</span>,
      },
      {
        title: '差距(百分点)',
        dataIndex: 'gapPoints',
        width: 100,
        align: 'right',
        render: (v: number | null | undefined) =>
          v == null ? <span className="muted">—</span> : Math.round(v * 10) / 10,
      },
    );
  }
  if (opts.actions) {
    cols.push({ title: '操作', key: 'actions', width: 150, fixed: 'right', render: (_, r) => opts.actions?.(r) });
  }
  return cols;
}
