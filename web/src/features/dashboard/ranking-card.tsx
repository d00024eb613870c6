/** 单位排名: each component's points, the total, and 扣分明细 per unit (one round or the year to date). */
import { Card, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';

export type UnitScore = ResponseOf<typeof API.ranking>['units'][number];
type ComponentDef = ResponseOf<typeof API.ranking>['components'][number];

/** The deductions of one unit, each with the rows it is about. */
export function Deductions({ u }: { u: UnitScore }) {
  if (!u.deductions.length) return <Typography.Text type="secondary">无扣分</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }} data-testid={`deductions-${u.orgId}`}>
      {u.deductions.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a unit's deductions are a fixed list
        <li key={i}>
          <Tag>{d.label}</Tag>
          <Typography.Text type="danger">−{d.points}分</Typography.Text> {d.why}
          {d.rows.length ? (
            <Typography.Text type="secondary">
              （
              {d.rows.slice(0, 6).map((r, j) => (
                <span key={`${r.reportId ?? ''}|${r.roundId ?? ''}|${r.code}`}>
                  {j ? '、' : ''}
                  {r.reportId ? <a href={`#/reports/${encodeURIComponent(r.reportId)}`}>{r.code}</a> : r.code}
                </span>
              ))}
              {d.rows.length > 6 ? `等${d.rows.length}项` : ''}）
            </Typography.Text>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Columns of a score table: rank, unit (its rows in the table), each component, total. */
export function scoreColumns(components: ComponentDef[]): ColumnsType<UnitScore> {
  return [
    { title: '排名', dataIndex: 'rank', width: 64, fixed: 'left' },
    {
      title: '单位',
      dataIndex: 'unit',
      width: 140,
      render: (v: string, u) => (u.drill.href ? <a href={u.drill.href}>{v}</a> : v),
    },
    ...components.map((c) => ({
      key: c.key,
      title: `${c.label}（${c.weight}）`,
      width: 110,
      render: (_: unknown, u: UnitScore) => u.components.find((x) => x.key === c.key)?.points ?? '—',
    })),
    {
      title: '总分',
      dataIndex: 'total',
      width: 80,
      fixed: 'right',
      render: (v: number) => <strong>{v}</strong>,
    },
  ];
}

export function RankingCard({ programmeId, roundId }: { programmeId: string; roundId: string | null }) {
  const [period, setPeriod] = useState<'round' | 'year'>('round');
  const ranking = useApi(
    () => api.ranking({ programme: programmeId, period, ...(roundId ? { round: roundId } : {}) }),
    [programmeId, roundId, period],
  );
  return (
    <Card
      size="small"
      title="单位排名"
      data-testid="ranking"
      extra={
        <Space>
          <Segmented
            size="small"
            value={period}
            onChange={(v) => setPeriod(v as 'round' | 'year')}
            options={[
              { label: '本期', value: 'round' },
              { label: '年度累计', value: 'year' },
            ]}
          />
          <a href={`#/scores?programme=${encodeURIComponent(programmeId)}`}>考核评分</a>
        </Space>
      }
    >
      {ranking.error ? (
        <ErrorBlock error={ranking.error} onRetry={ranking.reload} />
      ) : !ranking.data ? (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            公式：{ranking.data.components.map((c) => `${c.label}${c.weight}分（${c.formula}）`).join('；')}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="orgId"
            columns={scoreColumns(ranking.data.components)}
            dataSource={ranking.data.units}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (u) => <Deductions u={u} />, rowExpandable: () => true }}
            data-testid="ranking-table"
          />
        </>
      )}
    </Card>
  );
}
