/**
 * 账号安全 (安全管理员): every account's security state — locked, must change its password, password age, last
 * login, open sessions, failed attempts — with 重置密码 (a temporary password shown once), 锁定/解锁 and 强制下线.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { LIMITS } from '../../../../src/shared/limits';
import { ROLE_LABELS } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { formatTime } from '../account/account-page';

type Account = ResponseOf<typeof API.securityAccounts>[number];

function StateTags({ a }: { a: Account }) {
  return (
    <Space size={4} wrap>
      {!a.active && <Tag>已停用</Tag>}
      {a.locked && <Tag color="red">已锁定</Tag>}
      {a.mustChangePassword && <Tag color="orange">待改密码</Tag>}
      {a.failedLogins >= LIMITS.loginAttackFailures ? (
        <Tag color="red">疑似被猜密码（失败 {a.failedLogins} 次）</Tag>
      ) : (
        a.failedLogins >= LIMITS.loginMaxFailures && <Tag color="volcano">失败 {a.failedLogins} 次</Tag>
      )}
      {a.active && !a.locked && !a.mustChangePassword && a.failedLogins < LIMITS.loginMaxFailures && (
        <Tag color="green">正常</Tag>
      )}
    </Space>
  );
}

export default function SecurityPage() {
  const { message, modal } = App.useApp();
  const accounts = useApi(() => api.securityAccounts(), []);
  const [filter, setFilter] = useState('');
  const [temporary, setTemporary] = useState<{ username: string; password: string } | null>(null);
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (accounts.data ?? []).filter(
      (a) => !f || a.username.toLowerCase().includes(f) || a.displayName.toLowerCase().includes(f),
    );
  }, [accounts.data, filter]);

  const attacked = (accounts.data ?? []).filter((a) => a.failedLogins >= LIMITS.loginAttackFailures);
  const act = (title: string, content: string, run: () => Promise<void>) =>
    modal.confirm({
      title,
      content,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        try {
          await run();
          await accounts.reload();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const columns: ColumnsType<Account> = [
    {
      title: '账号',
      dataIndex: 'username',
      render: (_, a) => (
        <span>
          <Typography.Text strong>{a.username}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{a.displayName}</Typography.Text>
        </span>
      ),
    },
    { title: '角色', dataIndex: 'role', render: (r: Account['role']) => ROLE_LABELS[r] },
    { title: '状态', key: 'state', render: (_, a) => <StateTags a={a} /> },
    {
      title: '上次登录',
      key: 'last',
      render: (_, a) => (a.lastLoginAt ? `${formatTime(a.lastLoginAt)}（${a.lastLoginIp ?? '—'}）` : '从未登录'),
    },
    {
      title: '密码修改于',
      dataIndex: 'passwordChangedAt',
      render: (v: string | null, a) => (
        <span>
          {v ? formatTime(v) : '创建后未改'}
          {a.passwordExpiresAt && (
            <>
              <br />
              <Typography.Text type="secondary">有效至 {formatTime(a.passwordExpiresAt)}</Typography.Text>
            </>
          )}
        </span>
      ),
    },
    { title: '在线会话', dataIndex: 'sessions', align: 'right' },
    {
      title: '操作',
      key: 'actions',
      render: (_, a) =>
        a.self ? (
          <Typography.Text type="secondary">本人（在“我的账号”修改密码）</Typography.Text>
        ) : (
          <Space size={4} wrap>
            <Button
              size="small"
              data-testid={`reset-${a.username}`}
              onClick={() =>
                act(
                  `重置 ${a.displayName} 的密码？`,
                  '将生成临时密码，该账号所有会话立即退出，下次登录须修改密码。',
                  async () => {
                    const r = await api.resetPassword(a.id);
                    setTemporary({ username: r.username, password: r.temporaryPassword });
                  },
                )
              }
            >
              重置密码
            </Button>
            <Button
              size="small"
              danger={!a.locked}
              data-testid={`lock-${a.username}`}
              onClick={() =>
                act(
                  a.locked ? `解锁 ${a.displayName}？` : `锁定 ${a.displayName}？`,
                  a.locked ? '解锁后该账号可再次登录。' : '锁定后该账号不能登录，所有会话立即退出。',
                  async () => {
                    await api.lockAccount(a.id, !a.locked);
                    void message.success(a.locked ? '已解锁' : '已锁定');
                  },
                )
              }
            >
              {a.locked ? '解锁' : '锁定'}
            </Button>
            <Button
              size="small"
              disabled={a.sessions === 0}
              onClick={() =>
                act(`让 ${a.displayName} 强制下线？`, '该账号在所有设备上的会话立即结束。', async () => {
                  const r = await api.endAccountSessions(a.id);
                  void message.success(`已结束 ${r.sessionsEnded} 个会话`);
                })
              }
            >
              强制下线
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          账号安全
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="按用户名或姓名查找"
            aria-label="按用户名或姓名查找"
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: 240 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void accounts.reload()}>
            刷新
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        安全管理员负责密码重置、账号锁定与强制下线；账号的新建、角色与单位由系统管理员维护，审计日志由审计管理员查阅（三员分立）。每项操作都记入审计日志。
      </Typography.Paragraph>
      {attacked.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="attack-warning"
          title={`${attacked.map((a) => a.displayName).join('、')}：自上次成功登录以来密码错误已达 ${LIMITS.loginAttackFailures} 次以上，疑似有人猜测密码。请联系本人核实，必要时重置密码或锁定账号；详情可请审计管理员查阅审计日志。`}
        />
      )}
      {accounts.error ? (
        <ErrorBlock error={accounts.error} onRetry={accounts.reload} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={accounts.loading}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="security-accounts"
        />
      )}
      <Modal
        open={temporary !== null}
        title="临时密码（只显示这一次）"
        onCancel={() => setTemporary(null)}
        onOk={() => setTemporary(null)}
        okText="我已记下"
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {temporary && (
          <>
            <Alert
              type="warning"
              showIcon
              title="请通过安全的方式（当面或电话）告知本人；关闭后无法再次查看。对方登录后须立即修改密码。"
              style={{ marginBottom: 12 }}
            />
            <Typography.Paragraph>
              账号：<Typography.Text strong>{temporary.username}</Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: temporary.password }}>
              临时密码：
              <Typography.Text code data-testid="temporary-password">
                {temporary.password}
              </Typography.Text>
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </div>
  );
}
