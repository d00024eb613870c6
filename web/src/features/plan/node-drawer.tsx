/** The drawer of the plan editor: create or edit the selected category, matter or project (the project editor). */
import { Alert, Button, Drawer, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import {
  CategoryInputSchema,
  MatterInputSchema,
  type PlanTreeSchema,
  ProjectCreateSchema,
} from '../../../../src/shared/contract/plan';
import { PROJECT_TYPES } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { fieldErrors, issuesOf, planApi } from './plan-api';
import { ProjectEditor } from './project-editor';

type PlanTree = z.infer<typeof PlanTreeSchema>;

export type SelectedNode =
  | { kind: 'new-category' }
  | { kind: 'new-matter'; categoryId: string | null }
  | { kind: 'new-project'; matterId: string | null; parentId: string | null }
  | { kind: 'category'; id: string }
  | { kind: 'matter'; id: string }
  | { kind: 'project'; id: string };

type Props = {
  tree: PlanTree;
  node: SelectedNode;
  onSelect: (n: SelectedNode) => void;
  onClose: () => void;
  onChanged: () => void;
};

const TITLES: Record<SelectedNode['kind'], string> = {
  'new-category': '新增类别',
  'new-matter': '新增民生事项',
  'new-project': '新增项目',
  category: '类别',
  matter: '民生事项',
  project: '项目',
};

export function NodeDrawer(props: Props) {
  const { node, onClose } = props;
  return (
    <Drawer
      open
      width={node.kind === 'project' ? 900 : 520}
      title={TITLES[node.kind]}
      onClose={onClose}
      destroyOnHidden
      data-testid="plan-drawer"
    >
      {node.kind === 'project' ? (
        <ProjectEditor
          key={node.id}
          projectId={node.id}
          tree={props.tree}
          onChanged={props.onChanged}
          onSelect={props.onSelect}
          onClose={onClose}
        />
      ) : (
        <SimpleNodeForm key={JSON.stringify(node)} {...props} />
      )}
    </Drawer>
  );
}

type Values = {
  name?: string;
  number?: string;
  title?: string;
  goalText?: string;
  categoryId?: string | null;
  matterId?: string | null;
  code?: string;
  type?: string;
  annualTarget?: string;
};

/** Categories and matters (create and edit), and a new project's first fields. */
function SimpleNodeForm({ tree, node, onSelect, onClose, onChanged }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const category = node.kind === 'category' ? tree.categories.find((c) => c.id === node.id) : undefined;
  const matter = node.kind === 'matter' ? tree.matters.find((m) => m.id === node.id) : undefined;
  const record = category ?? matter;
  const programmeId = tree.programme.id;

  useEffect(() => {
    if (category) form.setFieldsValue({ name: category.name });
    if (matter) form.setFieldsValue(matter);
    if (node.kind === 'new-matter')
      form.setFieldsValue({ categoryId: node.categoryId ?? tree.categories.at(-1)?.id ?? null });
    if (node.kind === 'new-project')
      form.setFieldsValue({ matterId: node.matterId ?? tree.matters.at(-1)?.id ?? null, type: '工程类' });
  }, [form, category, matter, node, tree]);

  /** Validate with the contract's schema; highlight the fields; run the call; show the server's answer. */
  async function run<T>(schema: z.ZodType<T> | null, input: unknown, fn: (data: T) => Promise<unknown>) {
    form.setFields(Object.keys(form.getFieldsValue()).map((name) => ({ name, errors: [] })) as never);
    let data = input as T;
    if (schema) {
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        form.setFields(fieldErrors(parsed.error.issues) as never);
        return setError('请按提示修改标红的内容');
      }
      data = parsed.data;
    }
    setBusy(true);
    setError(null);
    try {
      const out = await fn(data);
      onChanged();
      return out;
    } catch (e) {
      form.setFields(fieldErrors(issuesOf(e)) as never);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const matterInputOf = (v: Values) => ({
    categoryId: v.categoryId ?? null,
    number: v.number ?? '',
    title: v.title ?? '',
    goalText: v.goalText ?? '',
  });
  const projectInputOf = (v: Values, parentId: string | null) => ({
    matterId: v.matterId ?? null,
    parentId,
    code: v.code ?? '',
    name: v.name ?? '',
    type: v.type ?? '',
    annualTarget: v.annualTarget ?? '',
  });
  const save = async () => {
    const v = form.getFieldsValue();
    switch (node.kind) {
      case 'new-category':
        return run(CategoryInputSchema, { name: v.name ?? '' }, async (d) => {
          const c = await planApi.createCategory(programmeId, d.name);
          onSelect({ kind: 'category', id: c.id });
        });
      case 'category':
        return run(CategoryInputSchema, { name: v.name ?? '' }, (d) => planApi.updateCategory(node.id, d));
      case 'new-matter':
        return run(MatterInputSchema, matterInputOf(v), async (d) => {
          const m = await planApi.createMatter(programmeId, d);
          onSelect({ kind: 'matter', id: m.id });
        });
      case 'matter':
        return run(MatterInputSchema, matterInputOf(v), (d) => planApi.updateMatter(node.id, d));
      case 'new-project':
        return run(ProjectCreateSchema, projectInputOf(v, node.parentId), async (d) => {
          const p = await planApi.createProject(programmeId, d);
          onSelect({ kind: 'project', id: p.id });
        });
      default:
        return undefined;
    }
  };

  const setStatus = (status: 'active' | 'inactive') =>
    node.kind === 'category'
      ? run(null, null, () => planApi.updateCategory(node.id, { status }))
      : node.kind === 'matter'
        ? run(null, null, () => planApi.updateMatter(node.id, { status }))
        : undefined;
  const remove = () =>
    run(null, null, async () => {
      if (node.kind === 'category') await planApi.deleteCategory(node.id);
      if (node.kind === 'matter') await planApi.deleteMatter(node.id);
      onClose();
    });

  const parentProject =
    node.kind === 'new-project' && node.parentId ? tree.projects.find((p) => p.id === node.parentId) : null;
  return (
    <div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="node-error" />}
      {parentProject && <Alert type="info" title={`新增“${parentProject.name}”的子项`} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical">
        {(node.kind === 'category' || node.kind === 'new-category') && (
          <Form.Item label="类别名称" name="name" required>
            <Input placeholder="如：一、民生保障" data-testid="category-name" />
          </Form.Item>
        )}
        {(node.kind === 'matter' || node.kind === 'new-matter') && (
          <>
            <Form.Item label="所属类别" name="categoryId">
              <Select
                allowClear
                options={tree.categories.map((c) => ({ value: c.id, label: c.name }))}
                data-testid="matter-category"
              />
            </Form.Item>
            <Form.Item label="事项序号" name="number" required>
              <Input style={{ width: 120 }} data-testid="matter-number" />
            </Form.Item>
            <Form.Item label="事项名称" name="title" required>
              <Input data-testid="matter-title" />
            </Form.Item>
            <Form.Item label="事项目标（正式文件照录）" name="goalText">
              <Input.TextArea autoSize={{ minRows: 3 }} data-testid="matter-goal" />
            </Form.Item>
          </>
        )}
        {node.kind === 'new-project' && (
          <>
            {!parentProject && (
              <Form.Item label="所属民生事项" name="matterId">
                <Select
                  allowClear
                  options={tree.matters.map((m) => ({ value: m.id, label: `${m.number}. ${m.title}` }))}
                  data-testid="project-matter"
                />
              </Form.Item>
            )}
            <Form.Item label="项目编号（照录，可稍后统一重新编号）" name="code">
              <Input style={{ width: 200 }} data-testid="project-code" />
            </Form.Item>
            <Form.Item label="项目名称" name="name" required>
              <Input data-testid="project-name" />
            </Form.Item>
            <Form.Item label="项目类型" name="type" required>
              <Select options={PROJECT_TYPES.map((t) => ({ value: t, label: t }))} data-testid="project-type" />
            </Form.Item>
            <Form.Item label="年度目标" name="annualTarget">
              <Input.TextArea autoSize={{ minRows: 2 }} data-testid="project-annual-target-input" />
            </Form.Item>
          </>
        )}
      </Form>
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="node-save">
          保存
        </Button>
        {record && (
          <Button
            onClick={() => void setStatus(record.status === 'inactive' ? 'active' : 'inactive')}
            data-testid="node-toggle-status"
          >
            {record.status === 'inactive' ? '重新启用' : '停用'}
          </Button>
        )}
        {record && (
          <Popconfirm
            title="确定删除？已有填报的不能删除，只能停用。"
            onConfirm={() => void remove()}
            okText="删除"
            cancelText="取消"
          >
            <Button danger data-testid="node-delete">
              删除
            </Button>
          </Popconfirm>
        )}
        {node.kind === 'category' && (
          <Button
            onClick={() => onSelect({ kind: 'new-matter', categoryId: node.id })}
            data-testid="category-add-matter"
          >
            在此类别下新增民生事项
          </Button>
        )}
        {node.kind === 'matter' && (
          <Button
            onClick={() => onSelect({ kind: 'new-project', matterId: node.id, parentId: null })}
            data-testid="matter-add-project"
          >
            在此事项下新增项目
          </Button>
        )}
      </Space>
    </div>
  );
}
