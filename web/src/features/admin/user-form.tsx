/**
 * 新建 / 编辑账号: username (new only), name, role, units with each unit's duty (联络员 / 分管领导; several units for a
 * reporter), phone, e-mail and, for a new account, an optional initial password (else a temporary one is generated
 * and shown once). Checked with the shared schemas; the field with a problem is highlighted with its message.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { CreateUserSchema, UNIT_DUTIES, type UnitDuty, UpdateUserSchema } from '../../../../src/shared/contract/admin';
import { LIMITS } from '../../../../src/shared/limits';
import { passwordProblems } from '../../../../src/shared/password-policy';
import { ROLE_LABELS, ROLES, type Role } from '../../../../src/shared/statuses';
import {
  type AdminOrg,
  type AdminUser,
  adminApi,
  type FieldErrors,
  fieldStatus,
  serverErrors,
  validate,
} from './admin-api';

type UnitRow = { key: number; orgId: string | undefined; duty: UnitDuty | null };
let nextKey = 1;
type Values = {
  username: string;
  displayName: string;
  role: Role;
  units: UnitRow[];
  phone: string;
  email: string;
  password: string;
};

export function UserForm({
  user,
  orgs,
  onClose,
  onSaved,
}: {
  user: AdminUser | null;
  orgs: AdminOrg[];
  onClose: () => void;
  onSaved: (user: AdminUser, temporaryPassword: string | null) => void;
}) {
  const [v, setV] = useState<Values>({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'reporter',
    units: user
      ? user.units.map((u) => ({ key: nextKey++, orgId: u.id, duty: u.duty }))
      : [{ key: nextKey++, orgId: undefined, duty: '联络员' }],
    phone: user?.phone ?? '',
    email: user?.email ?? '',
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const unitOptions = useMemo(
    () =>
      orgs
        .filter((o) => o.active || user?.units.some((u) => u.id === o.id))
        .map((o) => ({ value: o.id, label: o.name })),
    [orgs, user],
  );
  const problems = v.password ? passwordProblems(v.password, v) : [];
  const setUnit = (i: number, patch: Partial<UnitRow>) =>
    setV({ ...v, units: v.units.map((u, j) => (j === i ? { ...u, ...patch } : u)) });

  async function save() {
    const body = {
      displayName: v.displayName,
      role: v.role,
      units: v.units.filter((u) => u.orgId).map((u) => ({ orgId: u.orgId!, duty: u.duty })),
      phone: v.phone || null,
      email: v.email || null,
    };
    const checked = user
      ? validate(UpdateUserSchema, body)
      : validate(CreateUserSchema, { ...body, username: v.username, password: v.password || null });
    if (!checked.ok) return setErrors(checked.errors);
    if (problems.length) return setErrors({ password: problems[0]! });
    setBusy(true);
    setErrors({});
    try {
      if (user) onSaved(await adminApi.updateUser(user.id, body), null);
      else {
        const r = await adminApi.createUser({ ...body, username: v.username, password: v.password || null });
        onSaved(r.user, r.temporaryPassword);
      }
    } catch (e) {
      setErrors(serverErrors(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={user ? `编辑账号：${user.username}` : '新建账号'}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false} data-testid="user-form">
        {!user && (
          <Form.Item label="用户名" {...fieldStatus(errors, 'username')} extra="字母、数字、下划线、点或连字符">
            <Input
              value={v.username}
              onChange={(e) => setV({ ...v, username: e.target.value })}
              maxLength={LIMITS.usernameMax}
              data-testid="user-username"
            />
          </Form.Item>
        )}
        <Form.Item label="姓名" {...fieldStatus(errors, 'displayName')}>
          <Input
            value={v.displayName}
            onChange={(e) => setV({ ...v, displayName: e.target.value })}
            maxLength={100}
            data-testid="user-display-name"
          />
        </Form.Item>
        <Form.Item
          label="角色"
          {...fieldStatus(errors, 'role')}
          extra={
            user?.self ? '不能修改自己的角色（三员分立）' : '每个账号只有一个角色；安全管理员、审计管理员不属于任何单位'
          }
        >
          <Select
            value={v.role}
            disabled={user?.self}
            onChange={(role) => setV({ ...v, role })}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            data-testid="user-role"
          />
        </Form.Item>
        <Form.Item label="所属单位与职责" {...fieldStatus(errors, 'units')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {v.units.map((u, i) => (
              <Space key={u.key} style={{ width: '100%' }} align="start">
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  value={u.orgId}
                  onChange={(orgId) => setUnit(i, { orgId })}
                  options={unitOptions}
                  placeholder="选择单位"
                  style={{ width: 300 }}
                  disabled={user?.self}
                  data-testid={`user-unit-${i}`}
                />
                <Select
                  allowClear
                  value={u.duty ?? undefined}
                  onChange={(duty) => setUnit(i, { duty: duty ?? null })}
                  options={UNIT_DUTIES.map((d) => ({ value: d, label: d }))}
                  placeholder="职责"
                  style={{ width: 120 }}
                  data-testid={`user-duty-${i}`}
                />
                <Button
                  icon={<DeleteOutlined />}
                  disabled={user?.self}
                  onClick={() => setV({ ...v, units: v.units.filter((_, j) => j !== i) })}
                  aria-label="移除单位"
                />
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              disabled={user?.self}
              onClick={() => setV({ ...v, units: [...v.units, { key: nextKey++, orgId: undefined, duty: null }] })}
              data-testid="user-add-unit"
            >
              添加单位
            </Button>
          </Space>
        </Form.Item>
        <Space style={{ width: '100%' }} align="start">
          <Form.Item label="手机" {...fieldStatus(errors, 'phone')}>
            <Input
              value={v.phone}
              onChange={(e) => setV({ ...v, phone: e.target.value })}
              maxLength={11}
              style={{ width: 200 }}
              data-testid="user-phone"
            />
          </Form.Item>
          <Form.Item label="邮箱" {...fieldStatus(errors, 'email')}>
            <Input
              value={v.email}
              onChange={(e) => setV({ ...v, email: e.target.value })}
              maxLength={LIMITS.shortText}
              style={{ width: 300 }}
              data-testid="user-email"
            />
          </Form.Item>
        </Space>
        {!user && (
          <Form.Item
            label="初始密码（可不填）"
            {...fieldStatus(errors, 'password')}
            extra="不填则生成临时密码（仅显示一次）；无论哪种，首次登录都须修改密码"
          >
            <Input.Password
              value={v.password}
              onChange={(e) => setV({ ...v, password: e.target.value })}
              autoComplete="new-password"
              maxLength={LIMITS.passwordMax}
              data-testid="user-password"
            />
          </Form.Item>
        )}
        {problems.length > 0 && (
          <Typography.Text type="warning" style={{ display: 'block', marginTop: -12, marginBottom: 12 }}>
            {problems.join('；')}
          </Typography.Text>
        )}
        {errors._ && <Alert type="error" showIcon title={errors._} data-testid="user-form-error" />}
      </Form>
    </Modal>
  );
}
