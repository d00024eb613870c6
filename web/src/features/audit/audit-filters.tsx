/** The filter bar of the audit page: dates (Beijing days), 操作人, 单位, 动作, 对象 (kind and number), 地址. */
import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../../src/domain/audit/labels';
import type { AuditFilter } from '../../../../src/shared/contract/audit';

type Values = {
  dates?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  unit?: string;
  ip?: string;
};

const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}));
const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }));

const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** The form's values as the API's filter (empty fields left out). */
export function filterOf(v: Values): AuditFilter {
  const [from, to] = v.dates ?? [];
  return {
    from: from ? from.format('YYYY-MM-DD') : undefined,
    to: to ? to.format('YYYY-MM-DD') : undefined,
    actor: text(v.actor),
    action: v.action || undefined,
    entity: v.entity || undefined,
    entityId: text(v.entityId),
    unit: text(v.unit),
    ip: text(v.ip),
  };
}

export function AuditFilters({ onApply }: { onApply: (f: AuditFilter) => void }) {
  const [form] = Form.useForm<Values>();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) => onApply(filterOf(v))}
      style={{ rowGap: 8, marginBottom: 12 }}
      data-testid="audit-filters"
    >
      <Form.Item name="dates" label="日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="audit-dates" />
      </Form.Item>
      <Form.Item name="actor" label="操作人">
        <Input allowClear placeholder="姓名或账号" style={{ width: 140 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="unit" label="单位">
        <Input allowClear placeholder="单位名称" style={{ width: 140 }} data-testid="audit-unit" />
      </Form.Item>
      <Form.Item name="action" label="动作">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
          options={ACTION_OPTIONS}
          style={{ width: 220 }}
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="entity" label="对象">
        <Select
          allowClear
          placeholder="全部"
          options={ENTITY_OPTIONS}
          style={{ width: 120 }}
          data-testid="audit-entity"
        />
      </Form.Item>
      <Form.Item name="entityId" label="对象编号">
        <Input allowClear placeholder="编号" style={{ width: 140 }} data-testid="audit-entity-id" />
      </Form.Item>
      <Form.Item name="ip" label="地址">
        <Input allowClear placeholder="如 10.1." style={{ width: 130 }} data-testid="audit-ip" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
            查询
          </Button>
          <Button
            icon={<ClearOutlined />}
            onClick={() => {
              form.resetFields();
              onApply({});
            }}
          >
            重置
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
