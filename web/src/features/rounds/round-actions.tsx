/**
 * A round's lifecycle buttons for the office: 开启 (a draft), 关闭, 重新开启, 归档 (read-only forever), 延长截止日期
 * (whole round or one unit, with a reason) and 为单位重新开放 (a closed round, one unit, with a reason). The buttons come
 * from the round's `actions` (its state and the actor's abilities); the state label is domain/collect/round-rules.
 */
import {
  App,
  Badge,
  Button,
  type ButtonProps,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { roundStateLabel } from '../../../../src/domain/collect/round-rules';
import type { RoundSummary } from '../../../../src/shared/api-types';
import { ExtendRoundSchema, ReopenUnitSchema } from '../../../../src/shared/contract/rounds';
import { LIMITS } from '../../../../src/shared/limits';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';

const BADGE: Record<string, 'default' | 'processing' | 'warning' | 'success'> = {
  draft: 'warning',
  open: 'processing',
  closed: 'default',
  archived: 'success',
};

/** The state of a round, as the list, the round page and the table page print it. */
export function RoundStateBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span data-testid="round-state" data-status={status}>
      <Badge status={overdue ? 'error' : (BADGE[status] ?? 'default')} text={roundStateLabel(status)} />
      {overdue ? <Typography.Text type="danger"> · 已逾期</Typography.Text> : null}
    </span>
  );
}

type Props = { round: Pick<RoundSummary, 'id' | 'name' | 'status' | 'actions' | 'dueDate'>; onChanged: () => void };

const CONFIRM: Record<string, { label: string; confirm: string; danger?: boolean }> = {
  open: { label: '开启', confirm: '开启后各单位即可填报，确定开启？' },
  close: { label: '关闭', confirm: '关闭后各单位不能再填报、提交，督查室也不能退回（审核、发布照常）。确定关闭？' },
  reopen: { label: '重新开启', confirm: '重新开启后各单位可继续填报，确定？' },
  archive: {
    label: '归档',
    confirm: '归档后本批次永久只读（不能再审核、发布、延期或重新开放）。确定归档？',
    danger: true,
  },
};

export function RoundActions({ round, onChanged }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [modal, setModal] = useState<'extend' | 'reopenUnit' | null>(null);

  async function change(action: 'open' | 'close' | 'reopen' | 'archive') {
    setBusy(action);
    try {
      const r =
        action === 'open'
          ? await api.startRound(round.id)
          : action === 'close'
            ? await api.closeRound(round.id)
            : action === 'reopen'
              ? await api.reopenRound(round.id)
              : await api.archiveRound(round.id);
      message.success(`批次“${r.name}”现为：${roundStateLabel(r.status)}`);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
      {(['open', 'close', 'reopen', 'archive'] as const)
        .filter((a) => round.actions.includes(a))
        .map((a) => (
          <Popconfirm
            key={a}
            title={CONFIRM[a]!.confirm}
            okText="确定"
            cancelText="取消"
            onConfirm={() => void change(a)}
            okButtonProps={{ 'data-testid': `round-${a}-confirm` } as ButtonProps}
          >
            <Button
              size="small"
              danger={CONFIRM[a]!.danger}
              loading={busy === a}
              data-testid={`round-${a}-${round.id}`}
            >
              {CONFIRM[a]!.label}
            </Button>
          </Popconfirm>
        ))}
      {round.actions.includes('extend') && (
        <Button size="small" onClick={() => setModal('extend')} data-testid={`round-extend-${round.id}`}>
          延期
        </Button>
      )}
      {round.actions.includes('reopenUnit') && (
        <Button size="small" onClick={() => setModal('reopenUnit')} data-testid={`round-reopen-unit-${round.id}`}>
          为单位重新开放
        </Button>
      )}
      {modal && (
        <ExceptionModal
          kind={modal}
          round={round}
          onClose={() => setModal(null)}
          onDone={() => {
            setModal(null);
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

type Fields = { scope: 'round' | 'unit'; orgId: string | undefined; dueDate: string | null; reason: string };

/** Check the form with the shared schemas; field errors in Chinese, keyed by form field. */
function validate(kind: 'extend' | 'reopenUnit', f: Fields): { errs: Record<string, string>; body: unknown } {
  const parsed =
    kind === 'extend'
      ? ExtendRoundSchema.safeParse({
          dueDate: f.dueDate ?? '',
          orgId: f.scope === 'unit' ? (f.orgId ?? '') : null,
          extendReason: f.reason,
        })
      : ReopenUnitSchema.safeParse({ orgId: f.orgId ?? '', reopenReason: f.reason });
  const errs: Record<string, string> = {};
  if (kind === 'extend' && !f.dueDate) errs.dueDate = '请选择新的报送截止日期';
  if (f.scope === 'unit' && !f.orgId) errs.orgId = '请选择单位';
  const field = (k: string) => (k === 'extendReason' || k === 'reopenReason' ? 'reason' : k);
  if (!parsed.success) for (const i of parsed.error.issues) errs[field(String(i.path[0] ?? 'reason'))] ??= i.message;
  return { errs, body: parsed.success && !Object.keys(errs).length ? parsed.data : null };
}

function ExceptionModal({
  kind,
  round,
  onClose,
  onDone,
}: {
  kind: 'extend' | 'reopenUnit';
  round: Props['round'];
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const detail = useApi(() => api.round(round.id), [round.id]);
  const [scope, setScope] = useState<'round' | 'unit'>(kind === 'extend' ? 'round' : 'unit');
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const units = detail.data?.units ?? [];

  async function submit() {
    const { errs, body } = validate(kind, { scope, orgId, dueDate, reason });
    setErrors(errs);
    if (!body) return;
    setBusy(true);
    try {
      if (kind === 'extend') await api.extendRound(round.id, body as Parameters<typeof api.extendRound>[1]);
      else await api.reopenUnit(round.id, body as Parameters<typeof api.reopenUnit>[1]);
      message.success(kind === 'extend' ? '已延长报送截止日期' : '已为该单位重新开放本批次');
      onDone();
    } catch (e) {
      setErrors({ form: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={kind === 'extend' ? `延长报送截止日期 · ${round.name}` : `为单位重新开放 · ${round.name}`}
      okText="确定"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'exception-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Form layout="vertical">
        {kind === 'extend' && (
          <Form.Item label="延期范围">
            <Radio.Group value={scope} onChange={(e) => setScope(e.target.value)} data-testid="extend-scope">
              <Radio value="round">整个批次（当前截止 {round.dueDate}）</Radio>
              <Radio value="unit" data-testid="extend-scope-unit">
                某一单位
              </Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {scope === 'unit' && (
          <Form.Item label="单位" required validateStatus={errors.orgId ? 'error' : undefined} help={errors.orgId}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={detail.loading}
              value={orgId}
              onChange={setOrgId}
              options={units.map((u) => ({
                value: u.orgId,
                label: `${u.name}（截止 ${u.dueDate}，已报 ${u.handedIn}/${u.total}）`,
              }))}
              data-testid="exception-unit"
            />
          </Form.Item>
        )}
        {kind === 'extend' && (
          <Form.Item
            label="新的报送截止日期"
            required
            validateStatus={errors.dueDate ? 'error' : undefined}
            help={errors.dueDate}
          >
            <DatePicker
              value={dueDate ? dayjs(dueDate) : null}
              onChange={(v) => setDueDate(v ? v.format('YYYY-MM-DD') : null)}
              data-testid="extend-due-date"
            />
          </Form.Item>
        )}
        <Form.Item
          label={kind === 'extend' ? '延期原因' : '重新开放的原因'}
          required
          validateStatus={errors.reason ? 'error' : undefined}
          help={errors.reason}
        >
          <Input.TextArea
            rows={3}
            value={reason}
            maxLength={LIMITS.comment}
            onChange={(e) => setReason(e.target.value)}
            data-testid="exception-reason"
          />
        </Form.Item>
        {errors.form && <Typography.Text type="danger">{errors.form}</Typography.Text>}
      </Form>
    </Modal>
  );
}
