/** 开启填报批次: period type, period key (select or type 2026-M10), as-of and due dates (type=date inputs). */
import { Alert, type ButtonProps, Checkbox, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { parsePeriodKey, periodEnd, periodKey, periodLabel } from '../../../../src/domain/plan/periods';
import type { RoundSummary } from '../../../../src/shared/api-types';
import { LIMITS } from '../../../../src/shared/limits';
import { describeIssues, OpenRoundSchema } from '../../../../src/shared/schemas';
import { PERIOD_TYPES, type PeriodType } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { api, type ProgrammeSummary } from '../../api/endpoints';

const TYPE_LABELS: Record<PeriodType, string> = { month: '月度', quarter: '季度', half: '半年', year: '年度' };
const COUNT: Record<PeriodType, number> = { month: 12, quarter: 4, half: 2, year: 1 };
const PLACEHOLDER: Record<PeriodType, string> = {
  month: '如 2026-M10',
  quarter: '如 2026-Q4',
  half: '如 2026-H2',
  year: '如 2026',
};

function keysOf(type: PeriodType, year: number): string[] {
  return Array.from({ length: COUNT[type] }, (_, i) => periodKey({ type, year, index: i + 1 }));
}

/** A sensible first choice: the period that contains today, within the programme's year. */
function defaultKey(type: PeriodType, year: number): string {
  const now = dayjs();
  const month = now.year() === year ? now.month() + 1 : 1;
  const index =
    type === 'month' ? month : type === 'quarter' ? Math.ceil(month / 3) : type === 'half' ? (month <= 6 ? 1 : 2) : 1;
  return periodKey({ type, year, index });
}

const plusDays = (iso: string, days: number) => dayjs(iso).add(days, 'day').format('YYYY-MM-DD');

type Props = {
  open: boolean;
  programme: ProgrammeSummary;
  onClose: () => void;
  onCreated: (round: RoundSummary) => void;
};

export function OpenRoundModal({ open, programme, onClose, onCreated }: Props) {
  // The modal is mounted each time it opens (see rounds-page), so initial state is the reset.
  const [initial] = useState(() => {
    const k = defaultKey('month', programme.year);
    const end = periodEnd(k) ?? '';
    return { key: k, asOf: end, dueDate: end ? plusDays(end, 5) : '' };
  });
  const [type, setType] = useState<PeriodType>('month');
  const [key, setKey] = useState(initial.key);
  const [asOf, setAsOf] = useState(initial.asOf);
  const [dueDate, setDueDate] = useState(initial.dueDate);
  const [name, setName] = useState('');
  const [asOfTouched, setAsOfTouched] = useState(false);
  const [dueTouched, setDueTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** A new period key: infer the type from it and fill in the default dates unless the user typed them. */
  function changeKey(k: string) {
    const v = k.trim().toUpperCase();
    setKey(v);
    const p = parsePeriodKey(v);
    if (!p) return;
    setType(p.type);
    const end = periodEnd(v);
    if (end && !asOfTouched) {
      setAsOf(end);
      if (!dueTouched) setDueDate(plusDays(end, 5));
    }
  }

  function changeType(t: PeriodType) {
    setType(t);
    const p = parsePeriodKey(key);
    if (!p || p.type !== t) changeKey(defaultKey(t, p?.year ?? programme.year));
  }

  const options = useMemo(
    () => keysOf(type, programme.year).map((k) => ({ value: k, label: periodLabel(k) })),
    [type, programme.year],
  );
  const parsed = parsePeriodKey(key);

  const [draft, setDraft] = useState(false);

  async function submit() {
    const canonical = parsed ? periodKey(parsed) : key;
    const input = {
      programmeId: programme.id,
      periodType: type,
      periodKey: canonical,
      asOf,
      dueDate,
      ...(name.trim() ? { name: name.trim() } : {}),
    };
    const check = OpenRoundSchema.safeParse(input);
    if (!check.success) return setError(describeIssues(check.error.issues));
    if (parsed && parsed.type !== type) return setError(`期次“${key}”与周期类型“${TYPE_LABELS[type]}”不一致`);
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createRound({ ...check.data, ...(draft ? { draft: true } : {}) }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={`开启填报批次 · ${programme.name}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={draft ? '新建（暂不开启）' : '开启'}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'round-submit' } as ButtonProps}
      destroyOnHidden
      width={560}
    >
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item label="周期类型" required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={type}
            onChange={(e) => changeType(e.target.value as PeriodType)}
            data-testid="round-period-type"
          >
            {PERIOD_TYPES.map((t) => (
              <Radio.Button key={t} value={t}>
                <span data-testid={`round-period-type-${t}`}>{TYPE_LABELS[t]}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          label="期次"
          required
          style={{ marginBottom: 32 }}
          help={parsed ? `${periodLabel(key)}（期末 ${periodEnd(key)}）` : '可从列表选择，或直接输入期次代码'}
          validateStatus={key && !parsed ? 'error' : undefined}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Select
              style={{ width: '55%' }}
              value={options.some((o) => o.value === key) ? key : undefined}
              placeholder="选择期次"
              options={options}
              onChange={(v: string) => changeKey(v)}
              data-testid="round-period-select"
            />
            <Input
              style={{ width: '45%' }}
              value={key}
              placeholder={PLACEHOLDER[type]}
              onChange={(e) => changeKey(e.target.value)}
              data-testid="round-period-key"
            />
          </Space.Compact>
        </Form.Item>
        <Space size="large" style={{ display: 'flex' }} align="start">
          <Form.Item label="截至日期" required extra="表头“截至…落实情况”的日期">
            <Input
              type="date"
              value={asOf}
              onChange={(e) => {
                setAsOfTouched(true);
                setAsOf(e.target.value);
              }}
              data-testid="round-as-of"
            />
          </Form.Item>
          <Form.Item label="报送截止日期" required extra="各单位须在此日期前提交">
            <Input
              type="date"
              value={dueDate}
              onChange={(e) => {
                setDueTouched(true);
                setDueDate(e.target.value);
              }}
              data-testid="round-due-date"
            />
          </Form.Item>
        </Space>
        <Form.Item label="批次名称（可选）">
          <Input
            value={name}
            maxLength={LIMITS.shortText}
            placeholder={parsed ? `留空则自动命名，如“${periodLabel(key)}进展情况填报”` : '留空则按期次自动命名'}
            onChange={(e) => setName(e.target.value)}
            data-testid="round-name"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Checkbox checked={draft} onChange={(e) => setDraft(e.target.checked)} data-testid="round-draft">
            暂不开启（先建为“未开启”，稍后在批次列表中开启）
          </Checkbox>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: error ? 12 : 0 }}>
          开启后，系统为每个项目的每个牵头责任单位生成一份待填报记录。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} data-testid="round-error" />}
      </Form>
    </Modal>
  );
}
