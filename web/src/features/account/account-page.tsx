/** 我的账号: who I am, when I last logged in, my password (change it), my recent logins and failed attempts. */
import { App, Card, Descriptions, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ROLE_LABELS } from '../../../../src/shared/statuses';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { useAuth } from '../auth/auth-context';
import { ChangePasswordForm } from './change-password-form';

const LOGIN_ACTIONS: Record<string, { text: string; color?: string }> = {
  login: { text: '登录成功', color: 'green' },
  'login.fail': { text: '密码错误', color: 'red' },
  'login.locked': { text: '账号锁定时登录', color: 'red' },
  logout: { text: '退出' },
  'logout.all': { text: '在所有设备上退出' },
  'password.change': { text: '修改密码', color: 'blue' },
  'password.reset': { text: '密码被重置', color: 'orange' },
};

export const formatTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export default function AccountPage() {
  const { me, replaceMe } = useAuth();
  const { message } = App.useApp();
  const history = useApi(() => api.loginHistory(), []);
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的账号
      </Typography.Title>
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
          <Descriptions.Item label="角色">{ROLE_LABELS[me.role]}</Descriptions.Item>
          <Descriptions.Item label="所属单位">{me.units.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="上次登录">
            <span data-testid="last-login">
              {me.lastLogin ? `${formatTime(me.lastLogin.at)}（${me.lastLogin.ip ?? '地址未知'}）` : '首次登录'}
              {me.lastLogin?.failedSince ? `，此后有 ${me.lastLogin.failedSince} 次密码错误的尝试` : ''}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="密码有效期至">
            {me.passwordExpiresAt ? formatTime(me.passwordExpiresAt) : '长期有效'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="修改密码">
        <ChangePasswordForm
          me={me}
          onChanged={(m, ended) => {
            replaceMe(m);
            void message.success(ended ? `密码已修改，其他设备上的 ${ended} 个会话已退出` : '密码已修改');
            void history.reload();
          }}
        />
      </Card>
      <Card size="small" title="最近的登录记录">
        {history.error ? (
          <ErrorBlock error={history.error} onRetry={history.reload} />
        ) : (
          <Table
            size="small"
            rowKey={(r) => `${r.at}-${r.action}-${r.ip}`}
            loading={history.loading}
            dataSource={history.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '时间', dataIndex: 'at', render: (v: string) => formatTime(v) },
              {
                title: '事件',
                dataIndex: 'action',
                render: (a: string) => <Tag color={LOGIN_ACTIONS[a]?.color}>{LOGIN_ACTIONS[a]?.text ?? a}</Tag>,
              },
              { title: '地址', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          如有不是您本人的登录或失败尝试，请立即修改密码并联系安全管理员。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
