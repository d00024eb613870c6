/** 通知: all of the user's notifications (reminders, 催办, 督办), newest first; mark one or all read. */
import { Card, Space, Typography } from 'antd';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { navigate } from '../../router';
import { chaseApi, type NotificationItem } from './chase-api';
import { NotificationList, ReadAllButton } from './notification-list';

export default function NotificationsPage() {
  const list = useApi(() => chaseApi.notifications(200), []);
  const open = async (n: NotificationItem) => {
    if (!n.readAt) await chaseApi.read(n.id);
    navigate(n.link);
  };
  if (list.error) return <ErrorBlock error={list.error} onRetry={() => void list.reload()} />;
  return (
    <Card
      loading={list.loading && !list.data}
      title={
        <Space>
          <h1 className="page-title" style={{ margin: 0 }}>
            我的通知
          </h1>
          <Typography.Text type="secondary" data-testid="notifications-unread">
            未读 {list.data?.unread ?? 0} 条
          </Typography.Text>
        </Space>
      }
      extra={
        <ReadAllButton
          disabled={!list.data?.unread}
          onClick={() => {
            void chaseApi.readAll().then(() => list.reload());
          }}
        />
      }
      data-testid="notifications-page"
    >
      <NotificationList items={list.data?.items ?? []} onOpen={(n) => void open(n)} />
    </Card>
  );
}
