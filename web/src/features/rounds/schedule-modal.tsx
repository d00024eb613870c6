/**
 * 序时进度设置: how a programme's 序时进度 is computed (linear by months, a monthly or quarterly plan of cumulative
 * percentages, or a completion deadline) and the traffic-light rule. Percentages are shown, fractions are sent; the
 * input is checked in the browser with the server's own schema before it is sent.
 */
import { Alert, type ButtonProps, Col, Form, Input, InputNumber, Modal, Radio, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { type ScheduleSettingsInput, ScheduleSettingsSchema } from '../../../../src/shared/schedule-schema';
import { errorMessage } from '../../api/client';
import { api, type ProgrammeSummary } from '../../api/endpoints';

type Schedule = ProgrammeSummary['schedule'];
type Mode = Schedule['mode'];
type Rule = 'points' | 'share';
type Percents = (number | null)[];

const MODES: { value: Mode; label: string; help: string }[] = [
  { value: 'linear', label: '按月线性', help: '序时进度 = 已过月数 ÷ 12，如 10 月末为 83.3%。' },
  { value: 'monthly', label: '月度计划', help: '填写各月末累计应完成年度目标的百分比（不能下降）。' },
  { value: 'quarterly', label: '季度计划', help: '填写各季度末累计应完成年度目标的百分比（不能下降）。' },
  { value: 'deadline', label: '完成时限', help: '时限之前序时进度为 0，到期后为 100%。' },
];

const FIELD_LABELS: Record<string, string> = {
  mode: '计算方式',
  yellowBandPoints: '黄灯范围',
  redBelowShareOfSchedule: '红灯比例',
  monthlyPoints: '月度计划',
  quarterlyPoints: '季度计划',
  deadline: '完成时限',
};

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月末`);
const QUARTERS = ['一季度末', '二季度末', '三季度末', '四季度末'];

/** Fraction 0..1 → percent with one decimal; percent → fraction without floating-point noise. */
const toPercent = (f: number) => Math.round(f * 1000) / 10;
const toFraction = (p: number) => Math.round(p * 10) / 1000;
const evenPercents = (n: number): Percents => Array.from({ length: n }, (_, i) => toPercent((i + 1) / n));
const percentsOf = (points: number[] | null | undefined, n: number): Percents =>
  points && points.length === n ? points.map(toPercent) : evenPercents(n);

/** One Chinese sentence per issue, naming the field (and the month or quarter) in the terms of this form. */
function describe(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => {
      const [field, index] = i.path;
      const label = typeof field === 'string' ? (FIELD_LABELS[field] ?? field) : '';
      const where =
        typeof index === 'number' ? `${label}${(field === 'monthlyPoints' ? MONTHS : QUARTERS)[index] ?? ''}` : label;
      // The form shows percentages: the schema's range for fractions reads 0%–100% here.
      const message = i.message.replace('应在 0 到 1 之间', '应在 0% 到 100% 之间');
      return where && !message.startsWith(label) ? `${where}：${message}` : message;
    })
    .join('；');
}

/** A deadline stored as MM-DD is shown as a date of the programme's year (the date input needs a year). */
const deadlineValue = (d: string | null | undefined, year: number) =>
  !d ? '' : /^\d{2}-\d{2}$/.test(d) ? `${year}-${d}` : d;

function PercentGrid(props: { labels: string[]; values: Percents; onChange: (v: Percents) => void; testId: string }) {
  const { labels, values, onChange, testId } = props;
  return (
    <Row gutter={[12, 8]}>
      {labels.map((label, i) => (
        <Col key={label} xs={12} sm={labels.length > 4 ? 8 : 12} md={6}>
          <div className="muted" style={{ fontSize: 12, marginBottom: 2 }}>
            {label}
          </div>
          <InputNumber
            style={{ width: '100%' }}
            min={0}
            max={100}
            step={5}
            suffix="%"
            value={values[i]}
            onChange={(v) => onChange(values.map((x, j) => (j === i ? (v ?? null) : x)))}
            aria-label={`${label}累计完成百分比`}
            data-testid={`${testId}-${i + 1}`}
          />
        </Col>
      ))}
    </Row>
  );
}

type Props = {
  open: boolean;
  programme: ProgrammeSummary;
  onClose: () => void;
  onSaved: (schedule: Schedule) => void;
};

export function ScheduleModal({ open, programme, onClose, onSaved }: Props) {
  // Mounted each time it opens (see rounds-page): the initial state is the programme's settings in force.
  const s = programme.schedule;
  const [mode, setMode] = useState<Mode>(s.mode);
  const [monthly, setMonthly] = useState<Percents>(() => percentsOf(s.monthlyPoints, 12));
  const [quarterly, setQuarterly] = useState<Percents>(() => percentsOf(s.quarterlyPoints, 4));
  const [deadline, setDeadline] = useState(() => deadlineValue(s.deadline, programme.year));
  const [rule, setRule] = useState<Rule>(s.redBelowShareOfSchedule != null ? 'share' : 'points');
  const [yellow, setYellow] = useState<number | null>(s.yellowBandPoints);
  const [redShare, setRedShare] = useState<number | null>(
    s.redBelowShareOfSchedule != null ? toPercent(s.redBelowShareOfSchedule) : 50,
  );
  const [late, setLate] = useState<'allow' | 'refuse'>(s.lateSubmission ?? 'allow');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** The request body, or a Chinese message for what is missing before the schema is asked. */
  function build(): ScheduleSettingsInput | string {
    const plan = mode === 'monthly' ? monthly : mode === 'quarterly' ? quarterly : null;
    const labels = mode === 'monthly' ? MONTHS : QUARTERS;
    const missing = plan?.findIndex((v) => v == null) ?? -1;
    if (missing >= 0) return `请填写${FIELD_LABELS[`${mode}Points`]}${labels[missing]}的累计百分比`;
    if (rule === 'points' && yellow == null) return '请填写黄灯范围（落后序时的百分点数）';
    if (rule === 'share' && redShare == null) return '请填写红灯比例（序时进度的百分之几）';
    const body: ScheduleSettingsInput = {
      mode,
      yellowBandPoints: yellow ?? s.yellowBandPoints,
      redBelowShareOfSchedule: rule === 'share' && redShare != null ? toFraction(redShare) : null,
      lateSubmission: late,
    };
    // Only the plan of the chosen mode is sent; the others stay as saved.
    if (mode === 'monthly') body.monthlyPoints = monthly.map((v) => toFraction(v ?? 0));
    if (mode === 'quarterly') body.quarterlyPoints = quarterly.map((v) => toFraction(v ?? 0));
    if (mode === 'deadline') body.deadline = deadline || null;
    return body;
  }

  async function submit() {
    const body = build();
    if (typeof body === 'string') return setError(body);
    const check = ScheduleSettingsSchema.safeParse(body);
    if (!check.success) return setError(describe(check.error.issues));
    setBusy(true);
    setError(null);
    try {
      onSaved((await api.setSchedule(programme.id, check.data)).schedule);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={`序时进度设置 · ${programme.name}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'schedule-submit' } as ButtonProps}
      destroyOnHidden
      width={640}
    >
      <Form layout="vertical" style={{ marginTop: 16 }} data-testid="schedule-form">
        <Form.Item label="序时进度计算方式" required extra={MODES.find((m) => m.value === mode)?.help}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as Mode);
              setError(null);
            }}
            style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
            data-testid="schedule-mode"
          >
            {MODES.map((m) => (
              <Radio.Button key={m.value} value={m.value}>
                <span data-testid={`schedule-mode-${m.value}`}>{m.label}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {mode === 'monthly' && (
          <Form.Item label="各月末累计应完成（占年度目标）" required>
            <PercentGrid
              labels={MONTHS}
              values={monthly}
              onChange={(v) => {
                setMonthly(v);
                setError(null);
              }}
              testId="schedule-month"
            />
          </Form.Item>
        )}
        {mode === 'quarterly' && (
          <Form.Item label="各季度末累计应完成（占年度目标）" required>
            <PercentGrid
              labels={QUARTERS}
              values={quarterly}
              onChange={(v) => {
                setQuarterly(v);
                setError(null);
              }}
              testId="schedule-quarter"
            />
          </Form.Item>
        )}
        {mode === 'deadline' && (
          <Form.Item label="完成时限" required>
            <Input
              type="date"
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
              style={{ maxWidth: 220 }}
              data-testid="schedule-deadline"
            />
          </Form.Item>
        )}
        <Form.Item label="红黄绿灯规则" required extra="完成进度达到序时进度为绿灯。">
          <Radio.Group value={rule} onChange={(e) => setRule(e.target.value as Rule)} data-testid="schedule-rule">
            <Space orientation="vertical" size={12}>
              <Radio value="points">
                <Space wrap size={6}>
                  <span>落后序时</span>
                  <InputNumber
                    min={0}
                    max={100}
                    value={yellow}
                    onChange={(v) => setYellow(v)}
                    disabled={rule !== 'points'}
                    style={{ width: 88 }}
                    aria-label="黄灯范围（百分点）"
                    data-testid="schedule-yellow"
                  />
                  <span>个百分点以内为黄灯，超过为红灯</span>
                </Space>
              </Radio>
              <Radio value="share">
                <Space wrap size={6}>
                  <span>低于序时进度的</span>
                  <InputNumber
                    min={1}
                    max={100}
                    suffix="%"
                    value={redShare}
                    onChange={(v) => setRedShare(v)}
                    disabled={rule !== 'share'}
                    style={{ width: 100 }}
                    aria-label="红灯比例（序时进度的百分比）"
                    data-testid="schedule-red-share"
                  />
                  <span>为红灯，其间为黄灯</span>
                </Space>
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="报送截止日期之后提交" extra="逾期提交的填报在汇总表中标为“逾期”。">
          <Radio.Group value={late} onChange={(e) => setLate(e.target.value)} data-testid="schedule-late">
            <Radio value="allow">接受并标记逾期</Radio>
            <Radio value="refuse">不接受</Radio>
          </Radio.Group>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: error ? 12 : 0 }}>
          保存后，系统将在后台按新的设置重新研判本计划的各项目。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} data-testid="schedule-error" />}
      </Form>
    </Modal>
  );
}
