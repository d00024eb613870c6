/**
 * 组织机构 (系统管理员): the tree of organisations in the administrator's scope — 政府 → 街道 → 社区, 区直部门, 人大 and
 * other bodies — with 新建, 编辑 (name, short name, kind, parent, aliases), 合并 (an alias learned from an import: every
 * reference moves to the target), 停用/启用 and 删除 (only what nothing refers to).
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { ORG_KIND_LABELS, OrgInputSchema } from '../../../../src/shared/contract/admin';
import { ORG_KINDS, type OrgKind } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { type AdminOrg, adminApi, type FieldErrors, fieldStatus, serverErrors, validate } from './admin-api';

type Node = AdminOrg & { children?: Node[] };

/** The flat list as a tree (an organisation whose parent is out of scope is a root). */
export function orgTree(orgs: readonly AdminOrg[]): Node[] {
  const byId = new Map<string, Node>(orgs.map((o) => [o.id, { ...o }]));
  const roots: Node[] = [];
  for (const o of byId.values()) {
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), o];
    else roots.push(o);
  }
  return roots;
}

/** "东湖街道" with its ancestors for pickers: 测试区人民政府 / 东湖街道. */
function pathName(o: AdminOrg, byId: Map<string, AdminOrg>): string {
  const names = [o.name];
  let p = o.parentId ? byId.get(o.parentId) : undefined;
  for (let guard = 0; p && guard < 20; guard++) {
    names.unshift(p.name);
    p = p.parentId ? byId.get(p.parentId) : undefined;
  }
  return names.join(' / ');
}

type Editing = { org: AdminOrg | null; parentId: string | null };
type FormValues = {
  name: string;
  shortName: string;
  kind: OrgKind | undefined;
  parentId: string | null;
  aliases: string[];
};

function OrgForm({
  editing,
  orgs,
  onClose,
  onSaved,
}: {
  editing: Editing;
  orgs: AdminOrg[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const o = editing.org;
  const [v, setV] = useState<FormValues>({
    name: o?.name ?? '',
    shortName: o?.shortName ?? '',
    kind: (o?.kind as OrgKind | undefined) ?? (editing.parentId ? 'street' : 'government'),
    parentId: o ? o.parentId : editing.parentId,
    aliases: o?.aliases ?? [],
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const byId = useMemo(() => new Map(orgs.map((x) => [x.id, x])), [orgs]);
  const parents = orgs
    .filter((x) => x.active && x.id !== o?.id)
    .map((x) => ({ value: x.id, label: pathName(x, byId) }));

  async function save() {
    const checked = validate(OrgInputSchema, { ...v, shortName: v.shortName || null });
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    setErrors({});
    try {
      if (o) await adminApi.updateOrg(o.id, checked.value);
      else await adminApi.createOrg(checked.value);
      onSaved();
    } catch (e) {
      setErrors(serverErrors(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={o ? `编辑单位：${o.name}` : '新建单位'}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false} data-testid="org-form">
        <Form.Item label="名称" {...fieldStatus(errors, 'name')}>
          <Input
            value={v.name}
            onChange={(e) => setV({ ...v, name: e.target.value })}
            placeholder="如 东湖街道办事处"
            data-testid="org-name"
          />
        </Form.Item>
        <Form.Item label="简称" {...fieldStatus(errors, 'shortName')}>
          <Input
            value={v.shortName}
            onChange={(e) => setV({ ...v, shortName: e.target.value })}
            data-testid="org-short-name"
          />
        </Form.Item>
        <Form.Item label="类型" {...fieldStatus(errors, 'kind')}>
          <Select
            value={v.kind}
            onChange={(kind) => setV({ ...v, kind })}
            options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
            data-testid="org-kind"
          />
        </Form.Item>
        <Form.Item label="上级单位" {...fieldStatus(errors, 'parentId')} extra="不选即为顶级单位（如本级政府、人大）">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={v.parentId ?? undefined}
            onChange={(parentId) => setV({ ...v, parentId: parentId ?? null })}
            options={parents}
            placeholder="顶级单位"
            data-testid="org-parent"
          />
        </Form.Item>
        <Form.Item
          label="别名"
          {...fieldStatus(errors, 'aliases')}
          extra="导入表格时，写成这些名称的单位都认作本单位（输入后回车）"
        >
          <Select
            mode="tags"
            value={v.aliases}
            onChange={(aliases) => setV({ ...v, aliases })}
            tokenSeparators={['、', ',', '，']}
            notFoundContent={null}
            data-testid="org-aliases"
          />
        </Form.Item>
        {errors._ && <Alert type="error" showIcon title={errors._} data-testid="org-form-error" />}
      </Form>
    </Modal>
  );
}

function MergeForm({
  source,
  orgs,
  onClose,
  onMerged,
}: {
  source: AdminOrg;
  orgs: AdminOrg[];
  onClose: () => void;
  onMerged: (text: string) => void;
}) {
  const [targetId, setTargetId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const byId = useMemo(() => new Map(orgs.map((x) => [x.id, x])), [orgs]);
  const targets = orgs
    .filter((x) => x.active && x.id !== source.id)
    .map((x) => ({ value: x.id, label: pathName(x, byId) }));

  async function merge() {
    if (!targetId) return setError('请选择并入的单位');
    setBusy(true);
    setError(null);
    try {
      const r = await adminApi.mergeOrg(source.id, targetId);
      const moved = Object.entries(r.moved)
        .map(([k, n]) => `${k}${n}条`)
        .join('、');
      onMerged(`已将“${source.name}”并入“${r.target.name}”${moved ? `，移动了${moved}` : ''}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`合并单位：${source.name}`}
      okText="合并"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void merge()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        “{source.name}”的全部账号、项目责任、指标、填报和下级单位将移到所选单位；“{source.name}”
        {source.aliases.length ? `及其别名（${source.aliases.join('、')}）` : ''}
        记为所选单位的别名，以后导入时自动识别；“{source.name}”随后停用（保留历史记录）。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="并入的单位" validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={targetId}
            onChange={setTargetId}
            options={targets}
            placeholder="选择单位"
            data-testid="merge-target"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function OrgsPage() {
  const { message, modal } = App.useApp();
  const orgs = useApi(() => adminApi.orgs(), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [merging, setMerging] = useState<AdminOrg | null>(null);
  const [showInactive, setShowInactive] = useState(true);
  const list = orgs.data ?? [];
  const tree = useMemo(() => orgTree(showInactive ? list : list.filter((o) => o.active)), [list, showInactive]);

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      await orgs.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: ColumnsType<Node> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, o) => (
        <span data-testid={`org-row-${o.name}`}>
          {o.active ? name : <Typography.Text type="secondary">{name}</Typography.Text>}
          {o.shortName && (
            <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
              （{o.shortName}）
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 150, render: (k: OrgKind) => ORG_KIND_LABELS[k] ?? k },
    {
      title: '别名',
      dataIndex: 'aliases',
      render: (a: string[]) =>
        a.map((x) => (
          <Tag key={x} style={{ marginBottom: 2 }}>
            {x}
          </Tag>
        )),
    },
    { title: '账号', dataIndex: 'users', width: 70 },
    { title: '引用', dataIndex: 'references', width: 70 },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 300,
      render: (_, o) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing({ org: o, parentId: o.parentId })}
            data-testid="org-edit"
          >
            编辑
          </Button>
          {o.active && (
            <Button
              type="link"
              size="small"
              onClick={() => setEditing({ org: null, parentId: o.id })}
              data-testid="org-add-child"
            >
              新建下级
            </Button>
          )}
          {o.active && (
            <Button type="link" size="small" onClick={() => setMerging(o)} data-testid="org-merge">
              合并到…
            </Button>
          )}
          <Button
            type="link"
            size="small"
            onClick={() =>
              void act(
                () => adminApi.setOrgActive(o.id, !o.active),
                o.active ? `已停用“${o.name}”` : `已启用“${o.name}”`,
              )
            }
            data-testid="org-toggle"
          >
            {o.active ? '停用' : '启用'}
          </Button>
          {o.users === 0 && o.references === 0 && !o.children?.length && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({
                  title: `删除“${o.name}”？`,
                  content: '只有没有账号、项目、填报等引用的单位才能删除。',
                  okText: '删除',
                  okButtonProps: { danger: true },
                  cancelText: '取消',
                  onOk: () => act(() => adminApi.deleteOrg(o.id), `已删除“${o.name}”`),
                })
              }
              data-testid="org-delete"
            >
              删除
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (orgs.error && !orgs.data) return <ErrorBlock error={orgs.error} onRetry={() => void orgs.reload()} />;
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 16 }}>
        <div>
          <h1 className="page-title">组织机构</h1>
          <div className="page-subtitle">
            本级政府 → 街道 →
            社区，区直部门，人大等其他单位。导入表格时按名称和别名识别单位；已被引用的单位不能删除，可停用或合并。
          </div>
        </div>
        <Space wrap>
          <Button onClick={() => setShowInactive(!showInactive)} data-testid="orgs-toggle-inactive">
            {showInactive ? '隐藏已停用' : '显示已停用'}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void orgs.reload()}>
            刷新
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ org: null, parentId: null })}
            data-testid="org-create"
          >
            新建单位
          </Button>
        </Space>
      </div>
      <Table<Node>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tree}
        loading={orgs.loading}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={tree.length}
        data-testid="orgs-table"
      />
      {editing && (
        <OrgForm
          editing={editing}
          orgs={list}
          onClose={() => setEditing(null)}
          onSaved={() => {
            message.success('已保存');
            setEditing(null);
            void orgs.reload();
          }}
        />
      )}
      {merging && (
        <MergeForm
          source={merging}
          orgs={list}
          onClose={() => setMerging(null)}
          onMerged={(text) => {
            message.success(text);
            setMerging(null);
            void orgs.reload();
          }}
        />
      )}
    </>
  );
}
