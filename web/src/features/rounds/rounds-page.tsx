/** 填报批次: the rounds of the selected programme, progress per round, a status chart, 开启填报批次 for staff. */
import { PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Progress, Row, Select, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { type HTMLAttributes, lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import type { RoundSummary } from '../../../../src/shared/api-types';
import { REPORT_STATUSES, type ReportStatus } from '../../../../src/shared/statuses';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href } from '../../router';
import { useAuth } from '../auth/auth-context';
import { OpenRoundModal } from './open-round-modal';
import { RoundActions, RoundStateBadge } from './round-actions';
import { ScheduleModal } from './schedule-modal';
import { useProgramme } from './use-programme';

const StatusChart = lazy(() => import('./status-chart'));

const byNewest = (a: RoundSummary, b: RoundSummary) =>
  b.asOf.localeCompare(a.asOf) || b.periodKey.localeCompare(a.periodKey);

function RoundStatus({ round }: { round: RoundSummary }) {
  const overdue =
    round.status === 'open' && dayjs().format('YYYY-MM-DD') > round.dueDate && round.handedIn < round.total;
  return <RoundStateBadge status={round.status} overdue={overdue} />;
}

export default function RoundsPage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const { programmes, programme, choose, loading: pLoading, error: pError, reload: pReload } = useProgramme();
  const rounds = useApi(programme ? () => api.rounds(programme.id) : null, [programme?.id]);
  const [selected, setSelected] = useState<string | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [scheduleOpen, setScheduleOpen] = useState(false);
  const sorted = useMemo(() => [...(rounds.data ?? [])].sort(byNewest), [rounds.data]);
  const current = sorted.find((r) => r.id === selected) ?? sorted[0];

  useEffect(() => {
    if (selected && !sorted.some((r) => r.id === selected)) setSelected(null);
  }, [sorted, selected]);

  const counts = useApi<Partial<Record<ReportStatus, number>>>(
    current
      ? async () => {
          if (current.abilities.readTable) return (await api.table(current.id)).counts;
          const items = await api.myReports(current.id);
          const c: Partial<Record<ReportStatus, number>> = {};
          for (const it of items) c[it.status] = (c[it.status] ?? 0) + 1;
          return c;
        }
      : null,
    [current?.id, current?.handedIn, current?.abilities.readTable],
  );

  if (pError) return <ErrorBlock error={pError} onRetry={() => void pReload()} />;
  if (pLoading && !programme) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (!programme) return <Empty description="尚未建立民生实事计划" />;

  const columns: ColumnsType<RoundSummary> = [
    {
      title: '期次 / 批次名称',
      dataIndex: 'periodLabel',
      render: (v: string, r) => (
        <div style={{ minWidth: 180 }}>
          <Typography.Text strong>{v}</Typography.Text>
          <div className="muted" style={{ fontSize: 12 }}>
            {r.name}
          </div>
        </div>
      ),
    },
    { title: '截至', dataIndex: 'asOf', width: 130, render: (v: string) => formatCnDate(v) },
    { title: '报送截止', dataIndex: 'dueDate', width: 130, render: (v: string) => formatCnDate(v) },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, r) => (
        <span data-testid={`round-status-${r.periodKey}`}>
          <RoundStatus round={r} />
        </span>
      ),
    },
    {
      title: '已报送/总数',
      key: 'progress',
      width: 170,
      render: (_, r) => (
        <Progress
          percent={r.total ? Math.round((r.handedIn / r.total) * 100) : 0}
          size="small"
          format={() => `${r.handedIn}/${r.total}`}
          status={r.total && r.handedIn === r.total ? 'success' : 'normal'}
          data-testid={`round-progress-${r.periodKey}`}
        />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 260,
      render: (_, r) => (
        <Space wrap onClick={(e) => e.stopPropagation()}>
          {r.abilities.readTable && (
            <a href={href('rounds', r.id, 'table')} data-testid={`round-table-${r.periodKey}`}>
              汇总表
            </a>
          )}
          <a href={href('rounds', r.id, 'mine')} data-testid={`round-mine-${r.periodKey}`}>
            {me.abilities.fillReports ? '我的填报' : '填报情况'}
          </a>
          {r.abilities.manage && r.status === 'open' && (
            <a href={href('rounds', r.id, 'chase')} data-testid={`round-chase-${r.periodKey}`}>
              催办
            </a>
          )}
          {r.actions.length > 0 && <RoundActions round={r} onChanged={() => void rounds.reload()} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          justifyContent: 'space-between',
          alignItems: 'flex-start',
          gap: 16,
        }}
      >
        <div>
          <h1 className="page-title">填报批次</h1>
          <div className="page-subtitle">
            {programme.name} · {programme.owner} · {programme.year}年
          </div>
        </div>
        <Space wrap>
          {programmes.length > 1 && (
            <Select
              style={{ minWidth: 260 }}
              value={programme.id}
              onChange={choose}
              options={programmes.map((p) => ({ value: p.id, label: `${p.year}年 ${p.name}` }))}
              data-testid="programme-select"
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void rounds.reload()}>
            刷新
          </Button>
          {programme.abilities.configure && (
            <Button icon={<SettingOutlined />} onClick={() => setScheduleOpen(true)} data-testid="schedule-settings">
              序时进度设置
            </Button>
          )}
          {programme.abilities.openRound && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModalOpen(true)} data-testid="open-round">
              开启填报批次
            </Button>
          )}
        </Space>
      </div>
      {rounds.error ? <ErrorBlock error={rounds.error} onRetry={() => void rounds.reload()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <Card size="small" title="本计划的填报批次" styles={{ body: { padding: 0 } }}>
            <Table<RoundSummary>
              rowKey="id"
              size="middle"
              loading={rounds.loading}
              columns={columns}
              dataSource={sorted}
              scroll={{ x: 860 }}
              pagination={sorted.length > 20 ? { pageSize: 20 } : false}
              locale={{
                emptyText: programme.abilities.openRound ? '还没有填报批次，点击“开启填报批次”开始' : '还没有填报批次',
              }}
              onRow={(r) =>
                ({
                  onClick: () => setSelected(r.id),
                  style: { cursor: 'pointer', background: r.id === current?.id ? '#f0f5ff' : undefined },
                  'data-testid': `round-row-${r.periodKey}`,
                }) as HTMLAttributes<HTMLElement>
              }
              data-testid="rounds-table"
            />
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          <Card size="small" title={current ? `报送状态 · ${current.name}` : '报送状态'}>
            {!current ? (
              <Empty description="暂无批次" />
            ) : counts.error ? (
              <ErrorBlock error={counts.error} onRetry={() => void counts.reload()} />
            ) : counts.data ? (
              <Suspense fallback={<Spin style={{ display: 'block', margin: '96px auto' }} />}>
                <StatusChart counts={counts.data} />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
                  {REPORT_STATUSES.filter((s) => counts.data?.[s]).length === 0
                    ? '本批次暂无填报记录。'
                    : `已报送 ${current.handedIn} / ${current.total}，截至 ${formatCnDate(current.asOf)}。`}
                </Typography.Paragraph>
              </Suspense>
            ) : (
              <Spin style={{ display: 'block', margin: '96px auto' }} />
            )}
          </Card>
        </Col>
      </Row>
      {modalOpen && (
        <OpenRoundModal
          open={modalOpen}
          programme={programme}
          onClose={() => setModalOpen(false)}
          onCreated={(r) => {
            setModalOpen(false);
            message.success(
              r.status === 'draft'
                ? `已新建填报批次“${r.name}”（未开启），开启后各单位方可填报`
                : `已开启填报批次“${r.name}”，共 ${r.total} 份待填报记录`,
            );
            setSelected(r.id);
            void rounds.reload();
          }}
        />
      )}
      {scheduleOpen && (
        <ScheduleModal
          open={scheduleOpen}
          programme={programme}
          onClose={() => setScheduleOpen(false)}
          onSaved={() => {
            setScheduleOpen(false);
            message.success('已保存，系统正在后台重新研判各项目');
            void pReload();
          }}
        />
      )}
    </>
  );
}
