/**
 * The project editor of 计划编制: basic facts (code, name, levels, flags, type, annual target), units in roles, indicators
 * with annual and period targets and 形象进度 milestones, and the split of a target across units. Every save sends the
 * version it read; a 409 (someone else saved first) shows a reload button — nothing is overwritten silently.
 */
import { Alert, Button, Checkbox, Form, Input, InputNumber, Popconfirm, Select, Space, Spin, Switch, Tabs } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { splitProblem } from '../../../../src/domain/plan/split-target';
import {
  IndicatorsInputSchema,
  type PlanProject,
  type PlanTreeSchema,
  ProjectUpdateSchema,
  SplitInputSchema,
  UnitsInputSchema,
} from '../../../../src/shared/contract/plan';
import {
  INDICATOR_KIND_LABELS,
  INDICATOR_KINDS,
  PROJECT_FLAG_LABELS,
  PROJECT_FLAGS,
  PROJECT_LEVELS,
  PROJECT_TYPES,
  UNIT_ROLE_LABELS,
  UNIT_ROLES,
} from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { SelectedNode } from './node-drawer';
import { fieldErrors, isConflict, issuesOf, planApi } from './plan-api';

type PlanTree = z.infer<typeof PlanTreeSchema>;

/** The period keys of a year in the programme's cadence. */
export const periodKeysOf = (year: number, cadence: string): string[] =>
  cadence === 'monthly'
    ? Array.from({ length: 12 }, (_, i) => `${year}-M${String(i + 1).padStart(2, '0')}`)
    : Array.from({ length: 4 }, (_, i) => `${year}-Q${i + 1}`);
export const periodShort = (key: string) =>
  key.includes('-Q') ? `${'一二三四'[Number(key.slice(-1)) - 1]}季度` : `${Number(key.slice(-2))}月`;

type Saver = (fn: () => Promise<PlanProject>, form?: ReturnType<typeof Form.useForm>[0]) => Promise<void>;

export function ProjectEditor({
  projectId,
  tree,
  onChanged,
  onSelect,
  onClose,
}: {
  projectId: string;
  tree: PlanTree;
  onChanged: () => void;
  onSelect: (n: SelectedNode) => void;
  onClose: () => void;
}) {
  const p = useApi(() => planApi.project(projectId), [projectId]);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const project = p.data;
  if (p.error && !project) return <Alert type="error" showIcon title={errorMessage(p.error)} />;
  if (!project) return <Spin />;

  const save: Saver = async (fn, form) => {
    setError(null);
    setConflict(false);
    try {
      p.setData(await fn());
      onChanged();
    } catch (e) {
      if (form) form.setFields(fieldErrors(issuesOf(e)) as never);
      setConflict(isConflict(e) && /已被他人修改/.test(errorMessage(e)));
      setError(errorMessage(e));
    }
  };
  const common = { project, tree, save, setError };
  return (
    <div data-testid="project-editor">
      <h3 style={{ marginTop: 0 }} data-testid="project-editor-title">
        {project.code} {project.name}
        <span className="muted" style={{ fontSize: 12, marginLeft: 8 }}>
          版本 {project.version}
          {project.hasReports ? ' · 已有填报（不能删除，可停用）' : ''}
        </span>
      </h3>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="project-editor-error"
          action={
            conflict ? (
              <Button
                size="small"
                onClick={() =>
                  void p.reload().then(() => {
                    setError(null);
                    setConflict(false);
                  })
                }
                data-testid="project-reload"
              >
                重新加载
              </Button>
            ) : undefined
          }
        />
      )}
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'basic',
            label: '基本信息',
            children: <BasicTab {...common} onSelect={onSelect} onClose={onClose} onChanged={onChanged} />,
          },
          { key: 'units', label: '责任单位', children: <UnitsTab {...common} /> },
          { key: 'indicators', label: '指标与分期目标', children: <IndicatorsTab {...common} /> },
          { key: 'split', label: '分解到单位', children: <SplitTab {...common} /> },
        ]}
      />
    </div>
  );
}

type TabProps = { project: PlanProject; tree: PlanTree; save: Saver; setError: (s: string | null) => void };

/** Validate with a contract schema: highlight the fields (names = paths) and say so; the parsed data or null. */
function check<T>(
  schema: z.ZodType<T>,
  input: unknown,
  form: ReturnType<typeof Form.useForm>[0],
  setError: TabProps['setError'],
) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  form.setFields(fieldErrors(parsed.error.issues) as never);
  setError(parsed.error.issues.map((i) => i.message).join('；'));
  return null;
}

function BasicTab({
  project,
  save,
  setError,
  onSelect,
  onClose,
  onChanged,
}: TabProps & {
  onSelect: (n: SelectedNode) => void;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [form] = Form.useForm();
  const submit = (extra: object = {}) => {
    const v = form.getFieldsValue();
    const data = check(ProjectUpdateSchema, { version: project.version, ...v, ...extra }, form, setError);
    if (data) void save(() => planApi.updateProject(project.id, data), form);
  };
  const remove = async () => {
    try {
      await planApi.deleteProject(project.id, project.version);
      onChanged();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        code: project.code,
        name: project.name,
        levels: project.levels,
        flags: project.flags,
        type: project.type,
        annualTarget: project.annualTarget,
      }}
    >
      <Space>
        <Form.Item label="项目编号" name="code">
          <Input style={{ width: 160 }} data-testid="project-edit-code" />
        </Form.Item>
        <Form.Item label="项目类型" name="type" required>
          <Select
            style={{ width: 140 }}
            options={PROJECT_TYPES.map((t) => ({ value: t, label: t }))}
            data-testid="project-edit-type"
          />
        </Form.Item>
      </Space>
      <Form.Item label="项目名称" name="name" required>
        <Input data-testid="project-edit-name" />
      </Form.Item>
      <Form.Item label="级别" name="levels">
        <Checkbox.Group
          options={PROJECT_LEVELS.map((l) => ({ value: l, label: l }))}
          data-testid="project-edit-levels"
        />
      </Form.Item>
      <Form.Item label="标记" name="flags">
        <Checkbox.Group
          options={PROJECT_FLAGS.map((f) => ({ value: f, label: PROJECT_FLAG_LABELS[f] }))}
          data-testid="project-edit-flags"
        />
      </Form.Item>
      <Form.Item
        label="年度目标"
        name="annualTarget"
        extra={[
          project.originalAnnualTarget ? `原年度目标（调整前）：${project.originalAnnualTarget}` : '',
          project.hasReports ? '已有单位填报：年度目标请在项目页用“年度目标调整”修改。' : '',
        ]
          .filter(Boolean)
          .join(' ')}
      >
        <Input.TextArea
          autoSize={{ minRows: 2 }}
          disabled={project.hasReports}
          data-testid="project-edit-annual-target"
        />
      </Form.Item>
      <Space wrap>
        <Button type="primary" onClick={() => submit()} data-testid="project-save">
          保存
        </Button>
        <Button
          onClick={() => submit({ status: project.status === 'inactive' ? 'active' : 'inactive' })}
          data-testid="project-toggle-status"
        >
          {project.status === 'inactive' ? '重新启用' : '停用'}
        </Button>
        <Button
          onClick={() => onSelect({ kind: 'new-project', matterId: project.matterId, parentId: project.id })}
          data-testid="project-add-sub"
        >
          新增子项
        </Button>
        <Popconfirm
          title="确定删除该项目及其子项？已有填报的不能删除，只能停用。"
          onConfirm={() => void remove()}
          okText="删除"
          cancelText="取消"
        >
          <Button danger data-testid="project-delete">
            删除
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}

function UnitsTab({ project, tree, save, setError }: TabProps) {
  const [form] = Form.useForm();
  const submit = () => {
    const input = { version: project.version, units: form.getFieldValue('units') ?? [] };
    const data = check(UnitsInputSchema, input, form, setError);
    if (data) void save(() => planApi.setUnits(project.id, data), form);
  };
  return (
    <Form
      form={form}
      initialValues={{ units: project.units.map(({ orgId, role, shareNote }) => ({ orgId, role, shareNote })) }}
    >
      <Form.List name="units">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap data-testid={`unit-row-${f.name}`}>
                <Form.Item name={[f.name, 'orgId']} style={{ width: 260 }}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    placeholder="单位"
                    options={tree.units.map((u) => ({ value: u.id, label: u.name }))}
                    data-testid={`unit-org-${f.name}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'role']} style={{ width: 140 }}>
                  <Select
                    options={UNIT_ROLES.map((r) => ({ value: r, label: UNIT_ROLE_LABELS[r] }))}
                    data-testid={`unit-role-${f.name}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'shareNote']} style={{ width: 260 }}>
                  <Input placeholder="分工说明（如：新增20台）" data-testid={`unit-share-${f.name}`} />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(f.name)}>
                  移除
                </Button>
              </Space>
            ))}
            <Space>
              <Button onClick={() => add({ role: 'lead', shareNote: '' })} data-testid="unit-add">
                添加单位
              </Button>
              <Button type="primary" onClick={submit} data-testid="units-save">
                保存责任单位
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}

type IndicatorValues = {
  id?: string;
  name: string;
  kind: string;
  unit: string;
  targetText: string;
  targetValue: number | null;
  deadline: string;
  cumulative: boolean;
  periods: Record<string, { text?: string; value?: number | null }>;
};

function IndicatorsTab({ project, save, setError }: TabProps) {
  const [form] = Form.useForm();
  const keys = periodKeysOf(project.year, project.cadence);
  const whole = project.indicators.filter((i) => !i.splitOf);
  const initial: IndicatorValues[] = whole.map((i) => ({
    id: i.id,
    name: i.name,
    kind: i.kind,
    unit: i.unit,
    targetText: i.targetText,
    targetValue: i.targetValue,
    deadline: i.deadline ?? '',
    cumulative: i.periodTargets.every((t) => t.cumulative),
    periods: Object.fromEntries(
      i.periodTargets.map((t) => [t.periodKey, { text: t.targetText, value: t.targetValue }]),
    ),
  }));
  const submit = () => {
    const v = form.getFieldsValue(true) as { indicators?: IndicatorValues[]; milestones?: Record<string, string> };
    const input = {
      version: project.version,
      indicators: (v.indicators ?? []).map((i) => ({
        ...(i.id ? { id: i.id } : {}),
        name: i.name ?? '',
        kind: i.kind,
        unit: i.unit ?? '',
        targetText: i.targetText ?? '',
        targetValue: i.targetValue ?? null,
        deadline: i.deadline || null,
        periodTargets: keys
          .filter((k) => i.periods?.[k]?.text?.trim())
          .map((k) => ({
            periodKey: k,
            targetText: i.periods[k]!.text!.trim(),
            targetValue: i.periods[k]!.value ?? null,
            cumulative: i.cumulative !== false,
          })),
      })),
      milestones: keys
        .filter((k) => v.milestones?.[k]?.trim())
        .map((k) => ({ periodKey: k, targetText: v.milestones![k]!.trim() })),
    };
    const data = check(IndicatorsInputSchema, input, form, setError);
    if (data) void save(() => planApi.setIndicators(project.id, data), form);
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        indicators: initial,
        milestones: Object.fromEntries(project.milestones.map((m) => [m.periodKey, m.targetText])),
      }}
    >
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <div
                key={f.key}
                style={{ border: '1px solid #f0f0f0', padding: 12, marginBottom: 12 }}
                data-testid={`indicator-${f.name}`}
              >
                <Space wrap align="start">
                  <Form.Item label="指标名称" name={[f.name, 'name']} required>
                    <Input style={{ width: 180 }} data-testid={`indicator-name-${f.name}`} />
                  </Form.Item>
                  <Form.Item label="类型" name={[f.name, 'kind']}>
                    <Select
                      style={{ width: 150 }}
                      options={INDICATOR_KINDS.map((k) => ({ value: k, label: INDICATOR_KIND_LABELS[k] }))}
                      data-testid={`indicator-kind-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item label="计量单位" name={[f.name, 'unit']}>
                    <Input style={{ width: 80 }} data-testid={`indicator-unit-${f.name}`} />
                  </Form.Item>
                  <Form.Item label="年度目标值" name={[f.name, 'targetValue']}>
                    <InputNumber style={{ width: 120 }} data-testid={`indicator-value-${f.name}`} />
                  </Form.Item>
                  <Form.Item label="完成时限" name={[f.name, 'deadline']}>
                    <Input
                      style={{ width: 130 }}
                      placeholder="YYYY-MM-DD"
                      data-testid={`indicator-deadline-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item label="分期目标累计" name={[f.name, 'cumulative']} valuePropName="checked">
                    <Switch data-testid={`indicator-cumulative-${f.name}`} />
                  </Form.Item>
                </Space>
                <Form.Item label="年度目标（文字）" name={[f.name, 'targetText']} required>
                  <Input data-testid={`indicator-target-${f.name}`} />
                </Form.Item>
                <Space wrap>
                  {keys.map((k) => (
                    <Space.Compact key={k}>
                      <Form.Item label={`${periodShort(k)}目标`} name={[f.name, 'periods', k, 'text']}>
                        <Input style={{ width: 130 }} data-testid={`indicator-period-${f.name}-${k}`} />
                      </Form.Item>
                      <Form.Item label="数值" name={[f.name, 'periods', k, 'value']}>
                        <InputNumber style={{ width: 80 }} data-testid={`indicator-period-value-${f.name}-${k}`} />
                      </Form.Item>
                    </Space.Compact>
                  ))}
                </Space>
                <Button type="link" danger onClick={() => remove(f.name)}>
                  删除该指标
                </Button>
              </div>
            ))}
            <Button
              onClick={() => add({ kind: 'quantity', unit: '', cumulative: true, periods: {} })}
              data-testid="indicator-add"
            >
              添加指标
            </Button>
          </>
        )}
      </Form.List>
      <h4 style={{ marginTop: 16 }}>形象进度（各期节点）</h4>
      <Space wrap>
        {keys.map((k) => (
          <Form.Item key={k} label={periodShort(k)} name={['milestones', k]}>
            <Input style={{ width: 200 }} data-testid={`milestone-${k}`} />
          </Form.Item>
        ))}
      </Space>
      <div>
        <Button type="primary" onClick={submit} data-testid="indicators-save">
          保存指标与分期目标
        </Button>
      </div>
    </Form>
  );
}

function SplitTab({ project, save, setError }: TabProps) {
  const [form] = Form.useForm();
  const candidates = project.indicators.filter((i) => !i.splitOf && !i.orgId && i.targetValue !== null);
  const [indicatorId, setIndicatorId] = useState<string | undefined>(candidates[0]?.id);
  const values = Form.useWatch([], form) as Record<string, number | null> | undefined;
  const ind = candidates.find((i) => i.id === indicatorId);
  const units = project.units.filter((u, i, all) => all.findIndex((x) => x.orgId === u.orgId) === i);
  if (!candidates.length)
    return <Alert type="info" title="先在“指标与分期目标”中添加有年度目标数值的指标，再分解到单位。" />;
  if (!units.length) return <Alert type="info" title="先在“责任单位”中添加单位。" />;
  const partsOf = (v: Record<string, number | null> | undefined) =>
    units
      .filter((u) => v?.[u.orgId] != null)
      .map((u) => ({ orgId: u.orgId, unitName: u.name, value: Number(v![u.orgId]) }));
  const parts = partsOf(values);
  const problem = ind ? splitProblem(ind.name, ind.targetValue, ind.unit, parts) : null;
  const existing = (id: string | undefined) =>
    Object.fromEntries(project.indicators.filter((i) => i.splitOf === id).map((i) => [i.orgId!, i.targetValue]));
  const submit = () => {
    if (!ind) return;
    const input = {
      version: project.version,
      parts: partsOf(form.getFieldsValue()).map((x) => ({ orgId: x.orgId, targetValue: x.value })),
    };
    if (problem) return setError(problem);
    const data = check(SplitInputSchema, input, form, setError);
    if (data) void save(() => planApi.split(ind.id, data), form);
  };
  return (
    <div>
      <Select
        style={{ width: 320, marginBottom: 12 }}
        value={indicatorId}
        onChange={(v) => {
          setIndicatorId(v);
          form.setFieldsValue(existing(v));
        }}
        options={candidates.map((i) => ({ value: i.id, label: `${i.name}（年度目标 ${i.targetValue}${i.unit}）` }))}
        data-testid="split-indicator"
      />
      <Form form={form} layout="horizontal" initialValues={existing(indicatorId)} key={indicatorId}>
        {units.map((u) => (
          <Form.Item key={u.orgId} label={u.name} name={u.orgId}>
            <InputNumber min={0} suffix={ind?.unit} data-testid={`split-${u.orgId}`} />
          </Form.Item>
        ))}
      </Form>
      <Alert
        type={problem ? 'warning' : 'success'}
        showIcon
        title={problem ?? `各单位合计 ${parts.reduce((s, x) => s + x.value, 0)}${ind?.unit ?? ''}，与年度目标一致`}
        style={{ marginBottom: 12 }}
        data-testid="split-sum"
      />
      <Button type="primary" onClick={submit} disabled={Boolean(problem)} data-testid="split-save">
        保存分解目标
      </Button>
    </div>
  );
}
