/**
 * 修改密码: the current password, the new one twice, the policy's messages while typing (the server's own rules from
 * src/shared/password-policy.ts), then the server's verdict (history, current password).
 */
import { Alert, Button, Form, Input, List, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Me } from '../../../../src/shared/api-types';
import { LIMITS } from '../../../../src/shared/limits';
import { PASSWORD_HISTORY, passwordProblems } from '../../../../src/shared/password-policy';
import { errorMessage, setCsrfToken } from '../../api/client';
import { api } from '../../api/endpoints';

export function ChangePasswordForm({ me, onChanged }: { me: Me; onChanged: (me: Me, sessionsEnded: number) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = useMemo(
    () => (next ? passwordProblems(next, { username: me.username, displayName: me.displayName }) : []),
    [next, me.username, me.displayName],
  );
  const mismatch = again.length > 0 && again !== next;

  async function submit() {
    if (!current) return setError('请输入当前密码');
    if (!next) return setError('请输入新密码');
    if (problems.length) return setError('新密码不符合要求，请按提示修改');
    if (next !== again) return setError('两次输入的新密码不一致');
    setBusy(true);
    setError(null);
    try {
      const res = await api.changePassword({ currentPassword: current, newPassword: next });
      setCsrfToken(res.me.csrfToken);
      onChanged(res.me, res.sessionsEnded);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <Form layout="vertical" onFinish={() => void submit()} requiredMark={false} style={{ maxWidth: 420 }}>
      <Form.Item label="当前密码" htmlFor="pw-current">
        <Input.Password
          id="pw-current"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          autoComplete="current-password"
          maxLength={LIMITS.passwordMax}
          data-testid="pw-current"
        />
      </Form.Item>
      <Form.Item
        label="新密码"
        htmlFor="pw-new"
        validateStatus={next && problems.length ? 'warning' : undefined}
        extra={`至少${LIMITS.passwordMin}位，含大写字母、小写字母、数字、符号中的至少3类；不能与最近${PASSWORD_HISTORY}次的密码相同`}
      >
        <Input.Password
          id="pw-new"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          autoComplete="new-password"
          maxLength={LIMITS.passwordMax}
          data-testid="pw-new"
        />
      </Form.Item>
      {next && problems.length > 0 && (
        <List
          size="small"
          style={{ marginTop: -12, marginBottom: 12 }}
          dataSource={problems}
          renderItem={(p) => (
            <List.Item style={{ padding: '2px 0', border: 0 }}>
              <Typography.Text type="warning">· {p}</Typography.Text>
            </List.Item>
          )}
          data-testid="pw-problems"
        />
      )}
      <Form.Item
        label="再次输入新密码"
        htmlFor="pw-again"
        validateStatus={mismatch ? 'error' : undefined}
        help={mismatch ? '两次输入的新密码不一致' : undefined}
      >
        <Input.Password
          id="pw-again"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          autoComplete="new-password"
          maxLength={LIMITS.passwordMax}
          data-testid="pw-again"
        />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="pw-error" />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="pw-submit">
        修改密码
      </Button>
    </Form>
  );
}
