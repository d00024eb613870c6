/**
 * 首次使用 (first run): shown instead of the login page while the installation has no account. The government's
 * name and the first system administrator; the password policy's messages while typing; then the login page.
 */
import { Alert, Button, Card, Form, Input, List, Result, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { SetupSchema } from '../../../../src/shared/contract/admin';
import { LIMITS } from '../../../../src/shared/limits';
import { passwordProblems } from '../../../../src/shared/password-policy';
import { adminApi, type FieldErrors, fieldStatus, serverErrors, validate } from '../admin/admin-api';

type Values = { government: string; shortName: string; username: string; displayName: string; password: string };

export default function SetupPage({ onDone }: { onDone: () => void }) {
  const [v, setV] = useState<Values>({ government: '', shortName: '', username: '', displayName: '', password: '' });
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ government: string; username: string } | null>(null);
  const problems = useMemo(
    () => (v.password ? passwordProblems(v.password, { username: v.username, displayName: v.displayName }) : []),
    [v.password, v.username, v.displayName],
  );
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  async function submit() {
    const checked = validate(SetupSchema, { ...v, shortName: v.shortName || null });
    if (!checked.ok) return setErrors(checked.errors);
    if (problems.length) return setErrors({ password: problems[0]! });
    if (again !== v.password) return setErrors({ again: '两次输入的密码不一致' });
    setBusy(true);
    setErrors({});
    try {
      const r = await adminApi.setup(checked.value);
      setDone({ government: r.government.name, username: r.username });
    } catch (e) {
      setErrors(serverErrors(e));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <div className="login-bg">
        <Card style={{ width: 480 }}>
          <Result
            status="success"
            title="初始化完成"
            subTitle={`已建立“${done.government}”和系统管理员账号 ${done.username}。请用该账号登录，然后在“组织机构”中建立各单位，在“账号管理”中为各单位建账号。`}
            extra={
              <Button type="primary" onClick={onDone} data-testid="setup-login">
                去登录
              </Button>
            }
            data-testid="setup-done"
          />
        </Card>
      </div>
    );

  return (
    <div className="login-bg">
      <Card style={{ width: 480, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }} data-testid="setup-page">
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ marginBottom: 4, color: '#9e1b1b' }}>
            首次使用 · 系统初始化
          </Typography.Title>
          <Typography.Text type="secondary">
            系统中还没有任何账号：请填写本级政府名称并建立第一个系统管理员。
          </Typography.Text>
        </div>
        <Form layout="vertical" onFinish={() => void submit()} requiredMark={false}>
          <Form.Item label="政府名称" {...fieldStatus(errors, 'government')}>
            <Input
              value={v.government}
              onChange={set('government')}
              placeholder="如 龙华区人民政府"
              maxLength={LIMITS.shortText}
              data-testid="setup-government"
            />
          </Form.Item>
          <Form.Item label="简称（可选）" {...fieldStatus(errors, 'shortName')}>
            <Input
              value={v.shortName}
              onChange={set('shortName')}
              placeholder="如 龙华区"
              maxLength={50}
              data-testid="setup-short-name"
            />
          </Form.Item>
          <Form.Item label="管理员用户名" {...fieldStatus(errors, 'username')}>
            <Input
              value={v.username}
              onChange={set('username')}
              autoComplete="username"
              maxLength={LIMITS.usernameMax}
              data-testid="setup-username"
            />
          </Form.Item>
          <Form.Item label="管理员姓名" {...fieldStatus(errors, 'displayName')}>
            <Input
              value={v.displayName}
              onChange={set('displayName')}
              maxLength={100}
              data-testid="setup-display-name"
            />
          </Form.Item>
          <Form.Item
            label="密码"
            {...fieldStatus(errors, 'password')}
            extra={`至少${LIMITS.passwordMin}位，含大写字母、小写字母、数字、符号中的至少3类`}
          >
            <Input.Password
              value={v.password}
              onChange={set('password')}
              autoComplete="new-password"
              maxLength={LIMITS.passwordMax}
              data-testid="setup-password"
            />
          </Form.Item>
          {v.password && problems.length > 0 && (
            <List
              size="small"
              style={{ marginTop: -12, marginBottom: 12 }}
              dataSource={problems}
              renderItem={(p) => (
                <List.Item style={{ padding: '2px 0', border: 0 }}>
                  <Typography.Text type="warning">· {p}</Typography.Text>
                </List.Item>
              )}
              data-testid="setup-pw-problems"
            />
          )}
          <Form.Item label="再次输入密码" {...fieldStatus(errors, 'again')}>
            <Input.Password
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              autoComplete="new-password"
              maxLength={LIMITS.passwordMax}
              data-testid="setup-password-again"
            />
          </Form.Item>
          {errors._ && (
            <Alert type="error" showIcon title={errors._} style={{ marginBottom: 16 }} data-testid="setup-error" />
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
            完成初始化
          </Button>
        </Form>
      </Card>
    </div>
  );
}
