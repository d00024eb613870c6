/** 我的填报 (#/mine, #/rounds/:id/mine): a reporter's reports in a round; readers see all reports they may see. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Select, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import type { MyReportItem, RoundSummary } from '../../../../src/shared/api-types';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { StatusTag } from '../../components/status-tag';
import { href, navigate } from '../../router';
import { useAuth } from '../auth/auth-context';
import { useProgramme } from '../rounds/use-programme';
import { MyTasks } from './my-tasks';

const byNewest = (a: RoundSummary, b: RoundSummary) =>
  b.asOf.localeCompare(a.asOf) || b.periodKey.localeCompare(a.periodKey);

/** The round to show when none is named: the newest open one, else the newest. */
function defaultRound(rounds: RoundSummary[]): RoundSummary | undefined {
  return rounds.find((r) => r.status === 'open') ?? rounds[0];
}

/** The button of a row: fill in a draft, correct a returned report, otherwise look at it. */
const actionText = (r: MyReportItem) => (!r.abilities.save ? '查看' : r.status === 'returned' ? '修改' : '填报');

/** On a phone: one card per report instead of a six-column table. */
function ReportCards({ list, empty }: { list: MyReportItem[]; empty: string }) {
  if (!list.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul className="report-cards" data-testid="mine-cards">
      {list.map((r) => (
        <li key={r.reportId} data-testid={`mine-card-${r.code}`}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text type="secondary">{r.code}</Typography.Text>{' '}
              <a href={href('reports', r.reportId)} data-testid={`report-link-${r.code}`}>
                {r.name}
              </a>
            </div>
            <StatusTag status={r.status} testId={`mine-status-${r.code}`} />
          </div>
          <div className="muted" style={{ fontSize: 13 }}>
            {r.unit}
          </div>
          {r.lastComment ? (
            <Typography.Paragraph
              type={r.status === 'returned' ? 'warning' : 'secondary'}
              className="pre-wrap"
              style={{ margin: '4px 0' }}
            >
              审核意见：{r.lastComment}
            </Typography.Paragraph>
          ) : null}
          <Button
            type={r.abilities.save ? 'primary' : 'default'}
            href={href('reports', r.reportId)}
            block
            style={{ marginTop: 6 }}
            aria-label={`${actionText(r)}：${r.name}`}
          >
            {actionText(r)}
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** The round shown, and 刷新. */
function RoundPicker({
  phone,
  rounds,
  value,
  onReload,
}: {
  phone: boolean;
  rounds: RoundSummary[];
  value: string | undefined;
  onReload: () => void;
}) {
  return (
    <Space wrap style={phone ? { width: '100%' } : undefined}>
      <Select
        style={phone ? { width: 'calc(100vw - 120px)', maxWidth: 320 } : { minWidth: 240 }}
        placeholder="选择填报批次"
        aria-label="填报批次"
        value={value}
        options={rounds.map((r) => ({
          value: r.id,
          label: `${r.name}${r.status === 'open' ? '' : `（${r.stateLabel}）`}`,
        }))}
        onChange={(id: string) => navigate(`/rounds/${encodeURIComponent(id)}/mine`)}
        data-testid="mine-round-select"
      />
      <Button icon={<ReloadOutlined />} onClick={onReload}>
        刷新
      </Button>
    </Space>
  );
}

export default function MinePage({ roundId }: { roundId: string | null }) {
  const { me } = useAuth();
  const phone = Grid.useBreakpoint().md === false;
  const writer = me.abilities.fillReports;
  const { programme, error: pError, reload: pReload } = useProgramme();
  const rounds = useApi(programme ? () => api.rounds(programme.id) : null, [programme?.id]);
  const sorted = useMemo(() => [...(rounds.data ?? [])].sort(byNewest), [rounds.data]);
  const effective = roundId ?? defaultRound(sorted)?.id ?? null;
  const round = sorted.find((r) => r.id === effective);
  const items = useApi(effective ? () => api.myReports(effective) : null, [effective]);

  if (pError) return <ErrorBlock error={pError} onRetry={() => void pReload()} />;
  if (!roundId && rounds.loading) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;

  const list = items.data ?? [];
  const todo = list.filter((i) => i.status === 'draft' || i.status === 'returned').length;
  const returned = list.filter((i) => i.status === 'returned').length;

  const columns: ColumnsType<MyReportItem> = [
    { title: '编号', dataIndex: 'code', width: 100 },
    {
      title: '项目名称',
      dataIndex: 'name',
      render: (v: string, r) => (
        <a href={href('reports', r.reportId)} data-testid={`report-link-${r.code}`}>
          {v}
        </a>
      ),
    },
    { title: '填报单位', dataIndex: 'unit', width: 180 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (_, r) => <StatusTag status={r.status} testId={`mine-status-${r.code}`} />,
    },
    {
      title: '审核意见',
      dataIndex: 'lastComment',
      render: (v: string | null, r) =>
        v ? (
          <Typography.Text type={r.status === 'returned' ? 'warning' : 'secondary'} className="pre-wrap">
            {v}
          </Typography.Text>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: '操作',
      key: 'action',
      width: 90,
      render: (_, r) => (
        <Button
          size="small"
          type={r.abilities.save ? 'primary' : 'default'}
          href={href('reports', r.reportId)}
          aria-label={`${actionText(r)}：${r.name}`}
        >
          {actionText(r)}
        </Button>
      ),
    },
  ];

  return (
    <>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'flex-start',
          gap: 16,
          flexWrap: 'wrap',
        }}
      >
        <div>
          <h1 className="page-title">{writer ? '我的填报' : '填报情况'}</h1>
          <div className="page-subtitle">
            {round
              ? `${round.name} · 截至${formatCnDate(round.asOf)} · 请于${formatCnDate(round.dueDate)}前提交`
              : (programme?.name ?? '')}
            {writer && me.units.length > 0 ? ` · ${me.units.map((u) => u.name).join('、')}` : ''}
          </div>
        </div>
        <RoundPicker phone={phone} rounds={sorted} value={round?.id} onReload={() => void items.reload()} />
      </div>
      {writer && roundId === null && <MyTasks />}
      {!effective ? (
        <Card>
          <Empty description="还没有填报批次" />
        </Card>
      ) : items.error ? (
        <ErrorBlock error={items.error} onRetry={() => void items.reload()} />
      ) : (
        <Card
          size="small"
          styles={{ body: { padding: 0 } }}
          title={
            writer ? (
              <span data-testid="mine-summary">
                共 {list.length} 项，待填报/修改 {todo} 项
                {returned ? <Typography.Text type="warning">（其中 {returned} 项被退回）</Typography.Text> : null}
              </span>
            ) : (
              `共 ${list.length} 份填报`
            )
          }
        >
          {phone ? (
            <ReportCards list={list} empty={writer ? '本批次没有需要您单位填报的项目' : '暂无填报'} />
          ) : (
            <Table<MyReportItem>
              rowKey="reportId"
              size="middle"
              loading={items.loading}
              columns={columns}
              dataSource={list}
              pagination={list.length > 50 ? { pageSize: 50 } : false}
              locale={{ emptyText: writer ? '本批次没有需要您单位填报的项目' : '暂无填报' }}
              data-testid="mine-table"
            />
          )}
        </Card>
      )}
    </>
  );
}
