/** The header's bell: the unread count, a click opens the newest notifications (refreshed every minute). */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Popover, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../../router';
import { chaseApi, type NotificationList as List, type NotificationItem } from './chase-api';
import { NotificationList, ReadAllButton } from './notification-list';

export function NotificationBell() {
  const [data, setData] = useState<List | null>(null);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    chaseApi
      .notifications(10)
      .then(setData)
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, [load]);
  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    if (!n.readAt) setData(await chaseApi.read(n.id));
    navigate(n.link);
  };
  const content = (
    // On a phone the popover (right-aligned under the bell) must stay within the screen.
    <div
      style={{ width: 'min(360px, calc(100vw - 72px))', maxHeight: 420, overflow: 'auto' }}
      data-testid="notification-popover"
    >
      <NotificationList items={data?.items ?? []} onOpen={(n) => void openItem(n)} compact />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <a href="#/notifications" data-testid="notifications-all" onClick={() => setOpen(false)}>
          查看全部通知
        </a>
        <ReadAllButton
          disabled={!data?.unread}
          onClick={() => {
            void chaseApi.readAll().then(setData);
          }}
        />
      </Space>
    </div>
  );
  return (
    <Popover
      content={content}
      title="通知"
      trigger="click"
      open={open}
      onOpenChange={(v) => {
        setOpen(v);
        if (v) load();
      }}
      placement="bottomRight"
    >
      <span
        data-testid="notification-bell"
        title="通知"
        role="button"
        tabIndex={0}
        aria-label={`通知${data?.unread ? `（${data.unread} 条未读）` : ''}`}
        style={{ cursor: 'pointer', display: 'inline-flex' }}
      >
        <Badge count={data?.unread ?? 0} size="small" data-testid="notification-count" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </span>
    </Popover>
  );
}
