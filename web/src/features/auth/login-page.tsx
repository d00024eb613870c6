/** 登录: username + password; the server's Chinese message is shown on failure. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { Me } from '../../../../src/shared/api-types';
import { LIMITS } from '../../../../src/shared/limits';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { CareModeSwitch } from '../../components/care-mode-switch';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    // Same rules as LoginSchema (kept out of the first bundle: zod loads with the forms that need it).
    const name = username.trim();
    if (!name) return setError('请输入用户名');
    if (!password) return setError('请输入密码');
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await api.login({ username: name, password }));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <main className="login-bg">
      <div style={{ position: 'fixed', top: 12, right: 12 }}>
        <CareModeSwitch />
      </div>
      <Card style={{ width: 400, maxWidth: 'calc(100vw - 24px)', boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={1} style={{ marginBottom: 4, color: '#9e1b1b', fontSize: 24 }}>
            实事 · 民生实事项目管理
          </Typography.Title>
          <Typography.Text type="secondary">督查室与各责任单位工作平台</Typography.Text>
        </div>
        <Form layout="vertical" onFinish={() => void submit()} requiredMark={false}>
          <Form.Item label="用户名" htmlFor="login-username">
            <Input
              id="login-username"
              prefix={<UserOutlined aria-hidden />}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              maxLength={LIMITS.usernameMax}
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item label="密码" htmlFor="login-password">
            <Input.Password
              id="login-password"
              prefix={<LockOutlined aria-hidden />}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              maxLength={LIMITS.passwordMax}
              data-testid="login-password"
            />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={error}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          <a href="#/public">查看公开信息（无需登录）</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
