/**
 * 督办 (#/supervisions): the office's 督办 records with filters (级别, 状态, 单位) and colour tags; a unit sees its own,
 * leaders read. A row opens the record's drawer (history, response, 销号 / 退回, 督办单). `#/supervisions?open=<id>` opens
 * one directly (links from the table and notifications).
 */
import { Card, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { LADDER_LABELS } from '../../../../src/domain/chase/ladder';
import { SUPERVISION_STATUS_LABELS } from '../../../../src/domain/supervision/workflow';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href, navigate } from '../../router';
import { type SupervisionFilter, supervisionApi } from './supervision-api';
import { SupervisionDrawer } from './supervision-drawer';
import { type Level, SupervisionLevelTag, SupervisionStatusTag } from './supervision-tags';

type Item = ResponseOf<typeof API.supervisions>['items'][number];

export default function SupervisionsPage({ openId }: { openId: string | null }) {
  const [level, setLevel] = useState<Level | undefined>(undefined);
  const [status, setStatus] = useState<SupervisionFilter['status']>(undefined);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const filter: SupervisionFilter = {
    ...(level ? { level } : {}),
    ...(status ? { status } : {}),
    ...(orgId ? { orgId } : {}),
  };
  const list = useApi(() => supervisionApi.list(filter), [filter]);
  // Units to filter by: those of the unfiltered list (kept while filtering).
  const all = useApi(() => supervisionApi.list({}), []);
  const units = [...new Map((all.data?.items ?? []).map((i) => [i.orgId, i.unit])).entries()];
  const setOpen = (id: string | null) =>
    navigate(id ? `/supervisions?open=${encodeURIComponent(id)}` : '/supervisions');

  const columns: ColumnsType<Item> = [
    {
      title: '级别',
      key: 'level',
      width: 120,
      render: (_, r) => <SupervisionLevelTag level={r.level} testId={`supervision-level-${r.id}`} />,
    },
    {
      title: '项目',
      key: 'project',
      render: (_, r) => (
        <div>
          <a onClick={() => setOpen(r.id)} data-testid={`supervision-open-${r.id}`}>
            {r.projectCode} {r.projectName}
          </a>
          <div className="muted" style={{ fontSize: 12 }}>
            {r.programmeName}
            {r.roundName ? ` · ${r.roundName}` : ''}
          </div>
        </div>
      ),
    },
    { title: '责任单位', dataIndex: 'unit', width: 140 },
    {
      title: '督办事由',
      dataIndex: 'reason',
      render: (v: string) => <div className="cell-text">{v}</div>,
    },
    { title: '反馈期限', dataIndex: 'responseDueDate', width: 110 },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, r) => <SupervisionStatusTag status={r.status} overdue={r.overdue} />,
    },
    {
      title: '发起时间',
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <div data-testid="supervisions-page">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          督办
        </Typography.Title>
        <Space wrap>
          <Select
            allowClear
            placeholder="全部级别"
            style={{ width: 140 }}
            value={level}
            onChange={setLevel}
            options={(['yellow', 'red', 'listed'] as const).map((l) => ({ value: l, label: LADDER_LABELS[l] }))}
            data-testid="supervision-filter-level"
          />
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            value={status}
            onChange={setStatus}
            options={(['open', 'responded', 'closed'] as const).map((s) => ({
              value: s,
              label: SUPERVISION_STATUS_LABELS[s],
            }))}
            data-testid="supervision-filter-status"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部单位"
            style={{ width: 180 }}
            value={orgId}
            onChange={setOrgId}
            options={units.map(([value, label]) => ({ value, label }))}
            data-testid="supervision-filter-unit"
          />
        </Space>
      </Space>
      {list.data ? (
        <Space style={{ marginBottom: 12 }} size="large" data-testid="supervision-counts">
          {(['yellow', 'red', 'listed'] as const).map((l) => (
            <Card size="small" key={l}>
              <Statistic title={`未销号${LADDER_LABELS[l]}`} value={list.data?.openCounts[l] ?? 0} />
            </Card>
          ))}
        </Space>
      ) : null}
      {list.error ? <ErrorBlock error={list.error} onRetry={() => void list.reload()} /> : null}
      <Table<Item>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无督办记录' }}
        data-testid="supervisions-table"
        onRow={(r) => ({ 'data-testid': `supervision-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      />
      {openId ? (
        <SupervisionDrawer
          id={openId}
          onClose={() => setOpen(null)}
          onChanged={() => {
            void list.reload();
            void all.reload();
          }}
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        督办由催办规则按级别自动发起（黄色督办单 → 红色督办单 → 挂牌督办），督查室也可在
        <a href={href('rounds')}>汇总表</a>
        或项目页手动发起。单位书面反馈整改措施和完成时限后，由督查室销号或退回。
      </Typography.Paragraph>
    </div>
  );
}
