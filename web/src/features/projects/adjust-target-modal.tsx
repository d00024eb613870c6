/** 年度目标调整: the supervisor records the new target of one indicator, the reason and who approved it. */
import { Alert, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ProjectDetail } from '../../../../src/shared/api-types';
import { AdjustTargetSchema, describeIssues } from '../../../../src/shared/schemas';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';

type Indicator = ProjectDetail['indicators'][number];
type Values = {
  newText: string;
  newValue: number | null;
  reason: string;
  approvedBy: string;
  approvedAt: Dayjs | null;
};

export function AdjustTargetModal({
  indicator,
  onClose,
  onDone,
}: {
  indicator: Indicator;
  onClose: () => void;
  onDone: (d: ProjectDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = form.getFieldsValue();
    const input = {
      newText: v.newText ?? '',
      newValue: v.newValue ?? null,
      reason: v.reason ?? '',
      approvedBy: v.approvedBy ?? '',
      approvedAt: v.approvedAt ? v.approvedAt.format('YYYY-MM-DD') : '',
    };
    const parsed = AdjustTargetSchema.safeParse(input);
    if (!parsed.success) return setError(describeIssues(parsed.error.issues));
    setSaving(true);
    try {
      onDone(await api.adjustTarget(indicator.id, parsed.data));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`调整年度目标：${indicator.name}`}
      okText="保存调整"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'adjust-submit' } as never}
    >
      <p className="muted">原目标：{indicator.targetText}</p>
      <p className="muted" data-testid="adjust-period-note">
        保存后，项目的年度目标随之更新（原年度目标另行保留），批准日期之后各期的分期目标按新旧目标值的比例调整；汇总表和正式文件均显示调整后的目标。
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="adjust-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ newText: indicator.targetText, newValue: indicator.targetValue, approvedAt: dayjs() }}
      >
        <Form.Item label="调整后目标" name="newText" required>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="adjust-new-text" />
        </Form.Item>
        <Form.Item label={`调整后目标值${indicator.unit ? `（${indicator.unit}）` : ''}`} name="newValue">
          <InputNumber style={{ width: 200 }} data-testid="adjust-new-value" />
        </Form.Item>
        <Form.Item label="调整原因" name="reason" required>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="adjust-reason" />
        </Form.Item>
        <Form.Item label="批准机关或会议" name="approvedBy" required>
          <Input placeholder="如：区政府常务会议" data-testid="adjust-approved-by" />
        </Form.Item>
        <Form.Item label="批准日期" name="approvedAt" required>
          <DatePicker data-testid="adjust-approved-at" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
