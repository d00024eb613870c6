/** 公开信息 (#/public, #/public/:id): published rounds and their published rows. No login needed. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Empty, Spin, Table } from 'antd';
import { useMemo } from 'react';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import type { TableRow } from '../../../../src/shared/api-types';
import { api, type PublicRound } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href } from '../../router';
import { buildColumns } from '../table/table-columns';

function RoundList() {
  const rounds = useApi(() => api.publicRounds(), []);
  if (rounds.error) return <ErrorBlock error={rounds.error} onRetry={() => void rounds.reload()} />;
  return (
    <>
      <h1 className="page-title">公开信息</h1>
      <div className="page-subtitle">经督查室审核并发布的民生实事项目进展情况</div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<PublicRound>
          rowKey="id"
          loading={rounds.loading}
          dataSource={rounds.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="暂无已发布的信息" /> }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              render: (v: string, r) => (
                <a href={href('public', r.id)} data-testid={`public-round-${r.id}`}>
                  {v}
                </a>
              ),
            },
            { title: '实事计划', dataIndex: 'programme' },
            { title: '期次', dataIndex: 'periodLabel', width: 160 },
            { title: '截至', dataIndex: 'asOf', width: 160, render: (v: string) => formatCnDate(v) },
          ]}
          data-testid="public-rounds"
        />
      </Card>
    </>
  );
}

function PublishedTable({ roundId }: { roundId: string }) {
  const t = useApi(() => api.publicTable(roundId), [roundId]);
  const columns = useMemo(
    () => (t.data ? buildColumns(t.data, { linkToReport: false, showWorkflow: false }) : []),
    [t.data],
  );
  const back = (
    <a href="#/public">
      <ArrowLeftOutlined /> 公开信息
    </a>
  );
  if (t.error)
    return (
      <>
        {back}
        <ErrorBlock error={t.error} onRetry={() => void t.reload()} />
      </>
    );
  if (!t.data) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  const table = t.data;
  const scrollX = columns.reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 120), 0);
  return (
    <>
      {back}
      <h1 className="page-title" style={{ marginTop: 4 }}>
        {table.programme.name} {table.round.periodLabel}进展情况
      </h1>
      <div className="page-subtitle">
        {table.programme.owner} · 截至{formatCnDate(table.round.asOf)} · 共 {table.rows.length} 项已发布
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<TableRow>
          rowKey="reportId"
          size="small"
          bordered
          columns={columns}
          dataSource={table.rows}
          scroll={{ x: scrollX }}
          pagination={table.rows.length > 100 ? { defaultPageSize: 100, showSizeChanger: true } : false}
          data-testid="public-table"
        />
      </Card>
    </>
  );
}

export default function PublicPage({ roundId }: { roundId: string | null }) {
  return roundId ? <PublishedTable roundId={roundId} /> : <RoundList />;
}
