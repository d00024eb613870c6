/** 各期进展: one block per round (newest first) with its period target and every visible unit's report, judged. */

import { Card, Empty, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import { isLagging } from '../../../../src/domain/publish/bulletin';
import type { ProjectDetail } from '../../../../src/shared/api-types';
import { supervisionFormUrl } from '../../api/endpoints';
import { FindingsCount, formatRatio } from '../../components/findings-count';
import { LightDot, StatusTag } from '../../components/status-tag';
import { href } from '../../router';
import { progressWithAssessment } from '../table/table-columns';

type Round = ProjectDetail['rounds'][number];
type Report = Round['reports'][number];

const muted = <span className="muted">—</span>;

/** 序时差 with its sign: +3.5 个百分点 ahead of schedule, -12 个百分点 behind. */
export function formatGap(v: number | null | undefined): string | null {
  if (v == null) return null;
  const n = Math.round(v * 10) / 10;
  return `${n > 0 ? '+' : ''}${n} 个百分点`;
}

const columns = (roundId: string, canExport: boolean): ColumnsType<Report> => [
  {
    title: '填报单位',
    dataIndex: 'unit',
    width: 130,
    fixed: 'left',
    render: (u: string) => <div className="cell-text">{u}</div>,
  },
  {
    title: '状态',
    dataIndex: 'status',
    width: 86,
    render: (_, r) => <StatusTag status={r.status} testId={`project-status-${r.reportId}`} />,
  },
  {
    title: '落实情况（进度自评）',
    key: 'progress',
    width: 340,
    render: (_, r) => {
      const t = progressWithAssessment(r);
      return t ? <div className="cell-text">{t}</div> : <span className="muted">未填报</span>;
    },
  },
  {
    title: '系统研判',
    key: 'computedStatus',
    width: 110,
    render: (_, r) => (
      <span data-testid={`project-light-${r.reportId}`}>
        <LightDot light={r.light} text={r.computedStatus} />
      </span>
    ),
  },
  {
    title: '完成率',
    dataIndex: 'completionRatio',
    width: 80,
    align: 'right',
    render: (v: number | null | undefined) => formatRatio(v) ?? muted,
  },
  {
    title: '序时差',
    dataIndex: 'gapPoints',
    width: 110,
    align: 'right',
    render: (v: number | null | undefined) => {
      const text = formatGap(v);
      if (!text) return muted;
      return <Typography.Text type={v != null && v < 0 ? 'danger' : undefined}>{text}</Typography.Text>;
    },
  },
  {
    title: '研判说明',
    dataIndex: 'reason',
    width: 260,
    render: (v: string | null | undefined) => (v ? <div className="cell-text">{v}</div> : muted),
  },
  {
    title: '提示',
    key: 'findings',
    width: 90,
    render: (_, r) => <FindingsCount findings={r.findings} testId={`project-findings-${r.reportId}`} />,
  },
  {
    title: '填报',
    key: 'open',
    width: 80,
    fixed: 'right',
    render: (_, r) => (
      <Space size={4} direction="vertical">
        <a href={href('reports', r.reportId)} data-testid={`project-report-${r.reportId}`}>
          查看
        </a>
        {canExport && isLagging(r) && (
          <a href={supervisionFormUrl(roundId, r.reportId)} download data-testid={`project-supervision-${r.reportId}`}>
            督办单
          </a>
        )}
      </Space>
    ),
  },
];

const scrollX = columns('', false).reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 120), 0);

function RoundBlock({ round, canExport }: { round: Round; canExport: boolean }) {
  return (
    <div data-testid={`project-round-${round.id}`} style={{ marginBottom: 16 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '4px 12px', marginBottom: 6 }}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {round.periodLabel}
        </Typography.Text>
        <Typography.Text type="secondary">截至{formatCnDate(round.asOf)}</Typography.Text>
        <Tooltip title={round.name}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {round.name}
          </Typography.Text>
        </Tooltip>
      </div>
      <div style={{ marginBottom: 6 }} data-testid={`project-round-target-${round.id}`}>
        <Typography.Text type="secondary">本期目标：</Typography.Text>
        {round.periodTarget.trim() ? <span className="pre-wrap">{round.periodTarget}</span> : muted}
      </div>
      <Table<Report>
        rowKey="reportId"
        size="small"
        bordered
        columns={columns(round.id, canExport)}
        dataSource={round.reports}
        pagination={false}
        scroll={{ x: scrollX }}
        onRow={(r) => ({ 'data-testid': `project-report-row-${r.reportId}` }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}

export function ProjectRounds({ rounds, canExport = false }: { rounds: Round[]; canExport?: boolean }) {
  return (
    <Card size="small" title="各期进展与研判" style={{ marginBottom: 12 }} data-testid="project-rounds">
      {rounds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有填报批次涉及本项目" />
      ) : (
        rounds.map((r) => <RoundBlock key={r.id} round={r} canExport={canExport} />)
      )}
    </Card>
  );
}
