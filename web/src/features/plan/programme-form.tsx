/** 新建 / 修改实事计划: name, year, level, owning government, status vocabulary, cadence, 序时进度 plan and traffic lights. */
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import {
  CADENCE_LABELS,
  CADENCES,
  type PlanProgrammeSchema,
  ProgrammeInputSchema,
  ProgrammeUpdateSchema,
} from '../../../../src/shared/contract/plan';
import { PROGRAMME_LEVELS } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { useAuth } from '../auth/auth-context';
import { fieldErrors, issuesOf, planApi } from './plan-api';

type Programme = z.infer<typeof PlanProgrammeSchema>;
type Values = {
  name: string;
  year: number;
  level: string;
  ownerOrgId: string;
  statusVocabulary: string;
  cadence: string;
  mode: string;
  points: string;
  deadline: string;
  yellowBandPoints: number;
  redBelowShareOfSchedule: number | null;
};

const MODES = [
  { value: 'linear', label: '按月线性（1月1/12 … 12月全部）' },
  { value: 'quarterly', label: '季度计划（填 4 个季度的累计比例）' },
  { value: 'monthly', label: '月度计划（填 12 个月的累计比例）' },
  { value: 'deadline', label: '时限（某日前完成）' },
];

/** "10,40,70,100" (percent) → [0.1, 0.4, 0.7, 1]. */
const parsePoints = (s: string) =>
  s
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map((x) => Number(x) / 100);

/** The request a filled form makes (validated by the contract's schema before it is sent). */
function inputOf(v: Values, editing: boolean) {
  const points = parsePoints(v.points ?? '');
  const schedule = {
    mode: v.mode,
    yellowBandPoints: v.yellowBandPoints ?? 30,
    redBelowShareOfSchedule: v.redBelowShareOfSchedule ? v.redBelowShareOfSchedule / 100 : null,
    ...(v.mode === 'quarterly' ? { quarterlyPoints: points } : {}),
    ...(v.mode === 'monthly' ? { monthlyPoints: points } : {}),
    ...(v.mode === 'deadline' ? { deadline: v.deadline } : {}),
  };
  return {
    name: v.name ?? '',
    year: v.year,
    level: v.level,
    ...(editing ? {} : { ownerOrgId: v.ownerOrgId ?? '' }),
    statusVocabulary: (v.statusVocabulary ?? '').split(/[,，、\s]+/).filter(Boolean),
    cadence: v.cadence,
    schedule,
  };
}

/** The form field of a request path (the schedule's parts live in flat fields). */
const SCHEDULE_FIELDS: Record<string, string> = {
  deadline: 'deadline',
  mode: 'mode',
  yellowBandPoints: 'yellowBandPoints',
};
function formPath(path: readonly PropertyKey[]): PropertyKey[] {
  if (path[0] !== 'schedule') return [...path];
  return [SCHEDULE_FIELDS[String(path[1])] ?? 'points'];
}

export function ProgrammeForm({
  programme,
  onClose,
  onDone,
}: {
  programme: Programme | null;
  onClose: () => void;
  onDone: (p: Programme) => void;
}) {
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('mode', form);
  const sched = programme?.schedule;

  async function submit() {
    const v = form.getFieldsValue();
    const input = inputOf(v, programme !== null);
    const parsed = (programme ? ProgrammeUpdateSchema : ProgrammeInputSchema).safeParse(input);
    form.setFields(Object.keys(v).map((name) => ({ name: name as keyof Values, errors: [] })));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: formPath(i.path), message: i.message }));
      form.setFields(fieldErrors(issues) as never);
      return setError('请按提示修改标红的内容');
    }
    setSaving(true);
    setError(null);
    try {
      onDone(
        programme
          ? await planApi.updateProgramme(programme.id, parsed.data as never)
          : await planApi.createProgramme(parsed.data as never),
      );
    } catch (e) {
      form.setFields(fieldErrors(issuesOf(e)) as never);
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={programme ? `修改实事计划：${programme.name}` : '新建实事计划'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'programme-save' } as never}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="programme-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          name: programme?.name ?? '',
          year: programme?.year ?? new Date().getFullYear() + 1,
          level: programme?.level ?? '区',
          ownerOrgId: programme?.ownerOrgId ?? me.units[0]?.id,
          statusVocabulary: (programme?.statusVocabulary ?? ['按计划推进', '滞后', '已完成']).join('、'),
          cadence: programme?.cadence ?? 'quarterly',
          mode: sched?.mode ?? 'linear',
          points: ((sched?.mode === 'monthly' ? sched.monthlyPoints : sched?.quarterlyPoints) ?? [])
            .map((x) => Math.round(x * 100))
            .join(','),
          deadline: sched?.deadline ?? '',
          yellowBandPoints: sched?.yellowBandPoints ?? 30,
          redBelowShareOfSchedule: sched?.redBelowShareOfSchedule ? sched.redBelowShareOfSchedule * 100 : null,
        }}
      >
        <Form.Item label="计划名称" name="name" required>
          <Input placeholder="如：龙华区2027年民生实事" data-testid="programme-name" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item label="年度" name="year" required>
            <InputNumber style={{ width: 120 }} data-testid="programme-year" />
          </Form.Item>
          <Form.Item label="层级" name="level" required>
            <Select
              style={{ width: 120 }}
              options={PROGRAMME_LEVELS.map((l) => ({ value: l, label: l }))}
              data-testid="programme-level"
            />
          </Form.Item>
          <Form.Item label="报送周期" name="cadence" required>
            <Select
              style={{ width: 140 }}
              options={CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] }))}
              data-testid="programme-cadence"
            />
          </Form.Item>
        </div>
        {!programme && (
          <Form.Item label="所属政府" name="ownerOrgId" required>
            <Select options={me.units.map((u) => ({ value: u.id, label: u.name }))} data-testid="programme-owner" />
          </Form.Item>
        )}
        <Form.Item label="进度状态（用顿号分隔）" name="statusVocabulary" required>
          <Input data-testid="programme-statuses" />
        </Form.Item>
        <Form.Item label="序时进度计划" name="mode" required>
          <Select options={MODES} data-testid="programme-mode" />
        </Form.Item>
        {(mode === 'quarterly' || mode === 'monthly') && (
          <Form.Item
            label={`各${mode === 'monthly' ? '月' : '季度'}累计完成比例（%，逗号分隔）`}
            name="points"
            required
          >
            <Input
              placeholder={mode === 'monthly' ? '5,10,20,30,40,50,60,70,80,90,95,100' : '10,40,70,100'}
              data-testid="programme-points"
            />
          </Form.Item>
        )}
        {mode === 'deadline' && (
          <Form.Item label="完成时限（MM-DD 或 YYYY-MM-DD）" name="deadline" required>
            <Input data-testid="programme-deadline" />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item label="黄灯：落后序时进度不超过（百分点）" name="yellowBandPoints">
            <InputNumber min={0} max={100} data-testid="programme-yellow" />
          </Form.Item>
          <Form.Item label="红灯：完成不足序时进度的（%）" name="redBelowShareOfSchedule">
            <InputNumber min={1} max={100} data-testid="programme-red" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
