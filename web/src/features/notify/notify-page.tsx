/**
 * 消息通道 (the programme's office): the 企业微信/钉钉 group robots of the programme and of its units (add, modify,
 * test, deactivate), which server channels are configured, and the deliveries — failures first, with 重新发送.
 */
import { PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href, navigate } from '../../router';
import { useProgramme } from '../rounds/use-programme';
import { type Delivery, type DeliveryStatus, notifyApi, type Webhook } from './notify-api';
import { WebhookModal } from './webhook-modal';

const STATUS_COLOURS: Record<DeliveryStatus, string> = {
  queued: 'processing',
  sent: 'success',
  failed: 'error',
  skipped: 'default',
};

function webhookColumns(actions: {
  test: (w: Webhook) => Promise<void>;
  edit: (w: Webhook) => void;
  toggle: (w: Webhook) => Promise<void>;
}): ColumnsType<Webhook> {
  return [
    {
      title: '名称',
      key: 'name',
      render: (_, w) => (
        <span>
          {w.name} {!w.active && <Tag>已停用</Tag>}
        </span>
      ),
    },
    { title: '发到', key: 'scope', render: (_, w) => (w.scope === 'unit' ? (w.orgName ?? '单位') : '本计划工作群') },
    { title: '类型', dataIndex: 'kindLabel', key: 'kind' },
    {
      title: '地址',
      key: 'url',
      responsive: ['md'],
      render: (_, w) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {w.urlMasked}
        </Typography.Text>
      ),
    },
    {
      title: '加签',
      key: 'secret',
      width: 70,
      render: (_, w) => (w.kind === 'dingtalk' ? (w.hasSecret ? '已设置' : '未设置') : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 290,
      render: (_, w) => (
        <Space wrap size={4}>
          <Button
            size="small"
            icon={<SendOutlined />}
            disabled={!w.active}
            onClick={() => void actions.test(w)}
            data-testid={`webhook-test-${w.id}`}
          >
            发送测试消息
          </Button>
          <Button size="small" onClick={() => actions.edit(w)} data-testid={`webhook-edit-${w.id}`}>
            修改
          </Button>
          {w.active ? (
            <Popconfirm
              title="停用此群机器人？"
              description="停用后不再向该群发送提醒与催办，记录保留，可再启用。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => actions.toggle(w)}
            >
              <Button size="small" danger data-testid={`webhook-deactivate-${w.id}`}>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => void actions.toggle(w)} data-testid={`webhook-activate-${w.id}`}>
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];
}

function deliveryColumns(retry: (d: Delivery) => Promise<void>): ColumnsType<Delivery> {
  return [
    {
      title: '时间',
      key: 'at',
      width: 140,
      render: (_, d) => dayjs(d.sentAt ?? d.createdAt).format('MM-DD HH:mm'),
    },
    { title: '通道', dataIndex: 'channelLabel', key: 'channel', width: 80 },
    {
      title: '发给',
      key: 'to',
      render: (_, d) => d.webhookName ?? `${d.recipient}${d.orgName ? `（${d.orgName}）` : ''}`,
    },
    { title: '消息', key: 'title', render: (_, d) => <a href={`#${d.link}`}>{d.title}</a> },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, d) => (
        <div>
          <Tag color={STATUS_COLOURS[d.status]}>{d.statusLabel}</Tag>
          {d.attempts > 1 && <span className="muted">尝试{d.attempts}次</span>}
          {d.lastError && (
            <div className="muted" style={{ fontSize: 12 }} data-testid={`delivery-error-${d.id}`}>
              {d.lastError}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '',
      key: 'retry',
      width: 100,
      render: (_, d) =>
        d.status === 'failed' && (
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={() => void retry(d)}
            data-testid={`delivery-retry-${d.id}`}
          >
            重新发送
          </Button>
        ),
    },
  ];
}

function Deliveries({ programmeId }: { programmeId: string }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('failed');
  const list = useApi(() => notifyApi.deliveries(programmeId, status === 'all' ? null : status), [programmeId, status]);
  const retry = async (d: Delivery) => {
    try {
      await notifyApi.retry(d.id);
      message.success('已重新加入发送队列');
      await list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card
      title="发送记录"
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as DeliveryStatus | 'all')}
          options={[
            { value: 'failed', label: '发送失败' },
            { value: 'queued', label: '待发送' },
            { value: 'sent', label: '已发送' },
            { value: 'skipped', label: '未发送' },
            { value: 'all', label: '全部' },
          ]}
          data-testid="deliveries-status"
        />
      }
    >
      {list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Delivery>
          rowKey="id"
          size="small"
          loading={list.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={deliveryColumns(retry)}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: status === 'failed' ? '没有发送失败的消息' : '没有记录' }}
          data-testid="deliveries-list"
        />
      )}
    </Card>
  );
}

export default function NotifyPage({ programmeId }: { programmeId: string | null }) {
  const { message, modal } = App.useApp();
  const { programmes, programme, choose } = useProgramme();
  const id = programmeId ?? programme?.id ?? null;
  const hooks = useApi(id ? () => notifyApi.webhooks(id) : null, [id]);
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const name = programmes.find((p) => p.id === id)?.name;

  const test = async (w: Webhook) => {
    try {
      const r = await notifyApi.test(w.id);
      if (r.ok) message.success(r.message);
      else modal.error({ title: '测试消息未能发送', content: r.message });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const toggle = async (w: Webhook) => {
    try {
      await notifyApi.setActive(w.id, !w.active);
      message.success(w.active ? `已停用“${w.name}”` : `已启用“${w.name}”`);
      await hooks.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (hooks.error) return <ErrorBlock error={hooks.error} onRetry={hooks.reload} />;
  const data = hooks.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="notify-page">
      <Card
        title={<span className="page-title">消息通道{name ? ` · ${name}` : ''}</span>}
        extra={
          <Space>
            {programmes.length > 1 && (
              <Select
                value={id ?? undefined}
                style={{ minWidth: 200 }}
                options={programmes.map((p) => ({ value: p.id, label: p.name }))}
                onChange={(v: string) => {
                  choose(v);
                  navigate(href('/programmes', v, 'notify'));
                }}
                aria-label="实事计划"
              />
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="webhook-add">
              添加群机器人
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          提醒、催办和督办通知总会出现在系统内的消息中心；在此添加企业微信或钉钉群机器人后，还会同时发到本计划的工作群或各单位的工作群。
        </Typography.Paragraph>
        {data && (
          <Alert
            style={{ marginBottom: 12 }}
            type={data.channels.email ? 'success' : 'info'}
            showIcon
            data-testid="notify-channels"
            message={
              <span>
                邮件：
                {data.channels.email ? '已配置，发往账号登记的邮箱' : '未配置（由系统管理员设置 SMTP_URL 后启用）'}
                ；短信：{data.channels.sms ? '已接入' : '未接入'}
              </span>
            }
          />
        )}
        <Table<Webhook>
          rowKey="id"
          size="small"
          loading={hooks.loading}
          pagination={false}
          columns={webhookColumns({ test, edit: setEditing, toggle })}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '还没有群机器人' }}
          data-testid="webhooks-list"
        />
      </Card>
      {id && <Deliveries programmeId={id} />}
      {id && editing && (
        <WebhookModal
          programmeId={id}
          units={data?.units ?? []}
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => void hooks.reload()}
        />
      )}
    </Space>
  );
}
