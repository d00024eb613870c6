/**
 * 催办看板 (#/rounds/:id/chase): per unit its state (未开始, 草稿, 已退回, 已报送, 逾期N天), completeness and timeliness
 * (应报, 已报, 按时), what was sent to whom and when, and one-click 催办 per unit or for all not handed in.
 */
import { BellOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href } from '../../router';
import { type ChaseBoardUnit, type ChaseResult, chaseApi, KIND_LABELS, LEVEL_COLOURS } from './chase-api';
import { ChaseRulesModal } from './chase-rules-modal';
import { formatAt } from './notification-list';

const STATE_COLOURS: Record<ChaseBoardUnit['state'], string> = {
  not_started: 'default',
  draft: 'processing',
  returned: 'warning',
  submitted: 'success',
  overdue: 'error',
};

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function History({ unit }: { unit: ChaseBoardUnit }) {
  if (!unit.history.length) return <Typography.Text type="secondary">尚未发送提醒或催办</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={unit.history}
      data-testid={`chase-history-${unit.orgId}`}
      renderItem={(h) => (
        <List.Item>
          <Space wrap size={6}>
            <Typography.Text type="secondary">{formatAt(h.at)}</Typography.Text>
            <Tag color={LEVEL_COLOURS[h.level] ?? 'default'}>{KIND_LABELS[h.kind] ?? h.kind}</Tag>
            <span>{h.title}</span>
            <span>→ {h.recipient}</span>
            <Typography.Text type="secondary">{h.readAt ? '已读' : '未读'}</Typography.Text>
            {h.channels.map((c) => (
              <Tag key={`${c.channel}-${c.target}`}>
                {c.channel}：{c.status}
              </Tag>
            ))}
          </Space>
        </List.Item>
      )}
    />
  );
}

export default function ChaseBoardPage({ roundId }: { roundId: string }) {
  const { message } = App.useApp();
  const board = useApi(() => chaseApi.board(roundId), [roundId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [rulesOpen, setRulesOpen] = useState(false);
  const chase = async (orgIds?: string[]) => {
    setBusy(orgIds?.[0] ?? 'all');
    try {
      const r: ChaseResult = await chaseApi.chase(roundId, orgIds);
      if (r.chased.length)
        message.success(`已催办 ${r.chased.map((c) => c.unit).join('、')}（${r.notifications} 条通知）`);
      else message.info(r.skipped.map((s) => `${s.unit}：${s.reason}`).join('；') || '没有需要催办的单位');
      await board.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  if (board.error) return <ErrorBlock error={board.error} onRetry={() => void board.reload()} />;
  const data = board.data;
  const open = data?.roundStatus === 'open';
  const columns: ColumnsType<ChaseBoardUnit> = [
    { title: '单位', dataIndex: 'unit', key: 'unit' },
    { title: '截止日期', dataIndex: 'dueDate', key: 'dueDate', width: 110 },
    {
      title: '状态',
      key: 'state',
      width: 110,
      render: (_, u) => (
        <Tag color={STATE_COLOURS[u.state]} data-testid={`chase-state-${u.orgId}`}>
          {u.stateLabel}
        </Tag>
      ),
    },
    { title: '应报', dataIndex: 'expected', key: 'expected', width: 70 },
    { title: '已报', dataIndex: 'handedIn', key: 'handedIn', width: 70 },
    { title: '按时', dataIndex: 'onTime', key: 'onTime', width: 70 },
    { title: '完整率', key: 'completeness', width: 90, render: (_, u) => pct(u.completeness) },
    { title: '及时率', key: 'timeliness', width: 90, render: (_, u) => pct(u.timeliness) },
    { title: '已发送', key: 'sent', width: 80, render: (_, u) => `${u.history.length} 条` },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, u) =>
        u.state !== 'submitted' && open ? (
          <Button
            size="small"
            icon={<BellOutlined />}
            loading={busy === u.orgId}
            onClick={() => void chase([u.orgId])}
            data-testid={`chase-unit-${u.orgId}`}
          >
            催办
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      loading={board.loading && !data}
      title={<span data-testid="chase-board-title">催办看板{data ? ` · ${data.roundName}` : ''}</span>}
      extra={
        <Space>
          <a href={href('rounds', roundId, 'table')}>汇总表</a>
          <Button
            icon={<SettingOutlined />}
            onClick={() => setRulesOpen(true)}
            disabled={!data}
            data-testid="chase-rules-open"
          >
            规则设置
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void board.reload()}>
            刷新
          </Button>
          <Button
            type="primary"
            icon={<BellOutlined />}
            disabled={!open}
            loading={busy === 'all'}
            onClick={() => void chase()}
            data-testid="chase-all"
          >
            一键催办全部未报送单位
          </Button>
        </Space>
      }
      data-testid="chase-board"
    >
      {data && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="chase-totals">
          <Descriptions.Item label="截止日期">{data.dueDate}</Descriptions.Item>
          <Descriptions.Item label="应报 / 已报 / 按时">
            {data.totals.expected} / {data.totals.handedIn} / {data.totals.onTime}
          </Descriptions.Item>
          <Descriptions.Item label="完整率 / 及时率">
            {pct(data.totals.completeness)} / {pct(data.totals.timeliness)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table
        rowKey="orgId"
        size="small"
        columns={columns}
        dataSource={data?.units ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (u) => <History unit={u} /> }}
        data-testid="chase-board-table"
        onRow={(u) => ({ 'data-testid': `chase-row-${u.orgId}` }) as React.HTMLAttributes<HTMLElement>}
      />
      {data && (
        <ChaseRulesModal
          programmeId={data.programmeId}
          open={rulesOpen}
          onClose={(saved) => {
            setRulesOpen(false);
            if (saved) void board.reload();
          }}
        />
      )}
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }} data-testid="chase-rules">
          规则：{data.rules.join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
