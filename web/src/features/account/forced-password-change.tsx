/** The only page of a user who must change the password (first login, after a reset, expired). */
import { Button, Card, Typography } from 'antd';
import { useAuth } from '../auth/auth-context';
import { ChangePasswordForm } from './change-password-form';

const WHY = {
  first: '这是您首次登录，请先设置自己的密码。',
  reset: '您的密码已被安全管理员重置，请先设置新密码。',
  expired: '您的密码已过期，请先修改密码。',
} as const;

export default function ForcedPasswordChange() {
  const { me, logout, replaceMe } = useAuth();
  return (
    <div className="login-bg">
      <Card style={{ width: 460, maxWidth: 'calc(100vw - 24px)', boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          请修改密码
        </Typography.Title>
        <Typography.Paragraph data-testid="forced-why">
          {me.displayName}，{me.mustChangePassword ? WHY[me.mustChangePassword] : ''}
        </Typography.Paragraph>
        <ChangePasswordForm me={me} onChanged={(m) => replaceMe(m)} />
        <Button type="link" style={{ paddingLeft: 0, marginTop: 8 }} onClick={() => void logout()}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}
