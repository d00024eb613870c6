/** The 督办 records of one project, on the project page: 挂牌督办 when one is open, each record's level and state. */
import { Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/use-api';
import { useOptionalAuth } from '../auth/auth-context';
import { RaiseSupervisionButton } from './raise-modal';
import { supervisionApi } from './supervision-api';
import { SupervisionDrawer } from './supervision-drawer';
import { SupervisionLevelTag, SupervisionStatusTag } from './supervision-tags';

export function ProjectSupervision({ projectId, flags }: { projectId: string; flags: string[] }) {
  const auth = useOptionalAuth();
  const may = Boolean(auth?.me.abilities.readSupervisions);
  const list = useApi(may ? () => supervisionApi.list({ projectId }) : null, [projectId, may]);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  if (!may || (!items.length && !list.data?.canRaise)) return null;
  return (
    <div style={{ marginTop: 8 }} data-testid="project-supervision">
      <Space wrap size={4}>
        {hasOpenListed(items) && !flags.includes('listed_supervision') ? (
          <Tag color="volcano" data-testid="project-listed-supervision">
            挂牌督办
          </Tag>
        ) : null}
        <Typography.Text type="secondary">督办：</Typography.Text>
        {items.length === 0 ? <Typography.Text type="secondary">无</Typography.Text> : null}
        {items.map((s) => (
          <a key={s.id} onClick={() => setOpenId(s.id)} data-testid={`project-supervision-${s.id}`}>
            <SupervisionLevelTag level={s.level} />
            <SupervisionStatusTag status={s.status} overdue={s.overdue} />
            <span style={{ marginRight: 8 }}>{s.unit}</span>
          </a>
        ))}
        {list.data?.canRaise ? (
          <RaiseSupervisionButton projectId={projectId} onDone={() => void list.reload()} />
        ) : null}
      </Space>
      {openId ? (
        <SupervisionDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => void list.reload()} />
      ) : null}
    </div>
  );
}

/** True when one of the records is an open 挂牌督办 (the flag the project page adds to the plan's own). */
export const hasOpenListed = (items: { level: string; status: string }[]) =>
  items.some((s) => s.level === 'listed' && s.status !== 'closed');
