/** A list of the user's notifications: newest first, unread in bold, a click opens the linked page and marks it read. */
import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { KIND_LABELS, LEVEL_COLOURS, type NotificationItem } from './chase-api';

export function formatAt(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function NotificationList({
  items,
  onOpen,
  compact,
}: {
  items: NotificationItem[];
  onOpen: (n: NotificationItem) => void;
  compact?: boolean;
}) {
  if (!items.length) return <Empty description="暂无通知" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="notification-list"
      renderItem={(n) => (
        <List.Item
          key={n.id}
          data-testid="notification-item"
          data-unread={n.readAt ? 'false' : 'true'}
          style={{ cursor: 'pointer', alignItems: 'flex-start' }}
          onClick={() => onOpen(n)}
        >
          <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
            {/* The link makes the notice reachable by keyboard; a click anywhere on the row does the same. */}
            <a
              href={`#${n.link}`}
              className="notification-link"
              onClick={(e) => {
                e.preventDefault();
                e.stopPropagation();
                onOpen(n);
              }}
              data-testid="notification-link"
            >
              <Tag color={LEVEL_COLOURS[n.level] ?? 'default'} style={{ marginInlineEnd: 6 }}>
                {KIND_LABELS[n.kind] ?? '通知'}
              </Tag>
              <Typography.Text strong={!n.readAt} style={{ color: 'inherit' }}>
                {n.readAt ? '' : <span className="sr-only">（未读）</span>}
                {n.title}
              </Typography.Text>
            </a>
            {!compact && (
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                {n.body}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatAt(n.createdAt)}
              {n.readAt ? ' · 已读' : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function ReadAllButton({ onClick, disabled }: { onClick: () => void; disabled: boolean }) {
  return (
    <Button size="small" type="link" onClick={onClick} disabled={disabled} data-testid="notifications-read-all">
      全部标为已读
    </Button>
  );
}
