/**
 * 账号管理 (系统管理员): accounts with filters (name, role, unit, state), 新建 (a temporary password shown once), 编辑
 * (role, units and duties, contact), 停用 (every session of the account ends at once) / 启用, and 批量建账号 from a
 * spreadsheet. Passwords are reset by the 安全管理员 (账号安全), not here.
 */
import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { formatTime } from '../account/account-page';
import { type AdminUser, adminApi } from './admin-api';
import { BulkUsersModal } from './bulk-users-modal';
import { UserForm } from './user-form';

type Filter = { q: string; role: Role | undefined; orgId: string | undefined; active: 'true' | 'false' | undefined };

export default function UsersPage() {
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState<Filter>({ q: '', role: undefined, orgId: undefined, active: undefined });
  const [q, setQ] = useState('');
  const users = useApi(
    () =>
      adminApi.users({
        ...(filter.q ? { q: filter.q } : {}),
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.orgId ? { orgId: filter.orgId } : {}),
        ...(filter.active ? { active: filter.active } : {}),
      }),
    [filter],
  );
  const orgs = useApi(() => adminApi.orgs(), []);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [bulk, setBulk] = useState(false);
  const [temporary, setTemporary] = useState<{ username: string; password: string } | null>(null);

  const toggle = (u: AdminUser) =>
    modal.confirm({
      title: u.active ? `停用账号 ${u.username}（${u.displayName}）？` : `启用账号 ${u.username}？`,
      content: u.active ? '停用后该账号立即退出所有设备，且不能再登录；历史记录保留。' : '启用后该账号可再次登录。',
      okText: u.active ? '停用' : '启用',
      okButtonProps: { danger: u.active },
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await adminApi.setUserActive(u.id, !u.active);
          message.success(u.active ? `已停用 ${u.username}，结束会话 ${r.sessionsEnded} 个` : `已启用 ${u.username}`);
          await users.reload();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const columns: ColumnsType<AdminUser> = [
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v: string, u) => (
        <span data-testid={`user-row-${v}`}>
          {v}
          {u.self && (
            <Tag color="blue" style={{ marginLeft: 6 }}>
              本人
            </Tag>
          )}
        </span>
      ),
    },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] ?? r },
    {
      title: '所属单位（职责）',
      dataIndex: 'units',
      render: (units: AdminUser['units']) =>
        units.length
          ? units.map((x) => (
              <Tag key={x.id} style={{ marginBottom: 2 }}>
                {x.name}
                {x.duty ? `（${x.duty}）` : ''}
              </Tag>
            ))
          : '全系统',
    },
    { title: '手机', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: '邮箱', dataIndex: 'email', render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'state',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
          {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
        </Space>
      ),
    },
    { title: '上次登录', dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatTime(v) : '从未登录') },
    {
      title: '操作',
      key: 'actions',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(u)} data-testid="user-edit">
            编辑
          </Button>
          {!u.self && (
            <Button type="link" size="small" danger={u.active} onClick={() => toggle(u)} data-testid="user-toggle">
              {u.active ? '停用' : '启用'}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (users.error && !users.data) return <ErrorBlock error={users.error} onRetry={() => void users.reload()} />;
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 16 }}>
        <div>
          <h1 className="page-title">账号管理</h1>
          <div className="page-subtitle">
            新建、编辑、停用账号，为填报人员指定单位（可多个）及职责。重置密码、解锁由安全管理员在
            <a href="#/security">“账号安全”</a>中办理。
          </div>
        </div>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void users.reload()}>
            刷新
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setBulk(true)} data-testid="users-bulk">
            批量建账号
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
            新建账号
          </Button>
        </Space>
      </div>
      <Space wrap style={{ marginBottom: 12 }} data-testid="users-filters">
        <Input.Search
          allowClear
          placeholder="姓名或用户名"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilter({ ...filter, q: v.trim() })}
          style={{ width: 200 }}
          data-testid="users-q"
        />
        <Select
          allowClear
          placeholder="角色"
          value={filter.role}
          onChange={(role) => setFilter({ ...filter, role })}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          style={{ width: 140 }}
          data-testid="users-role"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="单位"
          value={filter.orgId}
          onChange={(orgId) => setFilter({ ...filter, orgId })}
          options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          style={{ width: 220 }}
          data-testid="users-unit"
        />
        <Select
          allowClear
          placeholder="状态"
          value={filter.active}
          onChange={(active) => setFilter({ ...filter, active })}
          options={[
            { value: 'true', label: '启用' },
            { value: 'false', label: '已停用' },
          ]}
          style={{ width: 110 }}
          data-testid="users-active"
        />
      </Space>
      <Table<AdminUser>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个账号` }}
        data-testid="users-table"
      />
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          orgs={orgs.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(u, password) => {
            setEditing(null);
            message.success(`已保存账号 ${u.username}`);
            if (password) setTemporary({ username: u.username, password });
            void users.reload();
          }}
        />
      )}
      {bulk && <BulkUsersModal onClose={() => setBulk(false)} onCreated={() => void users.reload()} />}
      <Modal
        open={temporary !== null}
        title="临时密码（仅显示一次）"
        onCancel={() => setTemporary(null)}
        footer={
          <Button type="primary" onClick={() => setTemporary(null)}>
            我已记下
          </Button>
        }
      >
        {temporary && (
          <>
            <Alert type="warning" showIcon title="关闭后无法再次查看，请转交本人；首次登录须修改密码。" />
            <Typography.Paragraph style={{ marginTop: 12 }}>
              账号 <b>{temporary.username}</b> 的临时密码：
              <Typography.Text code copyable data-testid="user-temporary-password">
                {temporary.password}
              </Typography.Text>
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}
