/**
 * 发起督办 by hand (the office), from the project page or a table row: level, reason, response deadline. On a project
 * × unit with an open lower-level record the server upgrades it instead of opening a second one.
 */
import { AlertOutlined } from '@ant-design/icons';
import { Alert, App, Button, type ButtonProps, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { LADDER_LABELS } from '../../../../src/domain/chase/ladder';
import { API } from '../../../../src/shared/contract';
import { CreateSupervisionSchema } from '../../../../src/shared/contract/supervision';
import { call, errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { supervisionApi } from './supervision-api';
import type { Level } from './supervision-tags';

type Unit = { orgId: string; name: string };

export function RaiseSupervisionButton({
  projectId,
  unit,
  reportId,
  onDone,
  size = 'small',
}: {
  projectId: string;
  /** The unit of a table row; without it the modal lists the project's units. */
  unit?: Unit;
  reportId?: string;
  onDone?: (id: string) => void;
  size?: 'small' | 'middle';
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size={size}
        icon={<AlertOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`supervision-raise-${reportId ?? projectId}`}
      >
        发起督办
      </Button>
      {open ? (
        <RaiseModal
          projectId={projectId}
          unit={unit}
          reportId={reportId}
          onClose={() => setOpen(false)}
          onDone={(id) => {
            setOpen(false);
            onDone?.(id);
          }}
        />
      ) : null}
    </>
  );
}

function RaiseModal({
  projectId,
  unit,
  reportId,
  onClose,
  onDone,
}: {
  projectId: string;
  unit: Unit | undefined;
  reportId: string | undefined;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const { message } = App.useApp();
  const project = useApi(unit ? null : () => call(API.planProject, { params: { id: projectId } }), [projectId]);
  const units: Unit[] = unit
    ? [unit]
    : [...new Map((project.data?.units ?? []).map((u) => [u.orgId, { orgId: u.orgId, name: u.name }])).values()];
  const [orgId, setOrgId] = useState<string | undefined>(unit?.orgId);
  const [level, setLevel] = useState<Level>('yellow');
  const [reason, setReason] = useState('');
  const [due, setDue] = useState<string | null>(dayjs().add(7, 'day').format('YYYY-MM-DD'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = CreateSupervisionSchema.safeParse({
      projectId,
      orgId: orgId ?? '',
      reportId: reportId ?? null,
      level,
      reason,
      responseDueDate: due ?? '',
    });
    if (!orgId) return setError('请选择责任单位');
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写内容');
    setBusy(true);
    setError(null);
    try {
      const r = await supervisionApi.raise(parsed.data);
      message.success(`已发起${r.levelLabel}`);
      onDone(r.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title="发起督办"
      okText="发起"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'supervision-raise-confirm' } as ButtonProps}
    >
      <Form layout="vertical">
        <Form.Item label="责任单位" required>
          <Select
            value={orgId}
            onChange={setOrgId}
            disabled={Boolean(unit)}
            loading={project.loading}
            options={units.map((u) => ({ value: u.orgId, label: u.name }))}
            placeholder="选择单位"
            data-testid="supervision-raise-unit"
          />
        </Form.Item>
        <Form.Item label="督办级别" required>
          <Radio.Group
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            data-testid="supervision-raise-level"
            options={(['yellow', 'red', 'listed'] as const).map((l) => ({ value: l, label: LADDER_LABELS[l] }))}
          />
        </Form.Item>
        <Form.Item label="督办事由" required>
          <Input.TextArea
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="如：连续两期落后序时进度超过10个百分点"
            data-testid="supervision-raise-reason"
          />
        </Form.Item>
        <Form.Item label="反馈期限" required>
          <DatePicker
            value={due ? dayjs(due) : null}
            onChange={(v) => setDue(v ? v.format('YYYY-MM-DD') : null)}
            data-testid="supervision-raise-due"
          />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} data-testid="supervision-raise-error" /> : null}
    </Modal>
  );
}
