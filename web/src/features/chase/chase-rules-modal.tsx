/** 提醒与督办规则 of a programme: the reminder numbers, quiet hours, and each escalation rule's threshold and level. */
import { App, Checkbox, InputNumber, Modal, Select, Space, Switch, Table, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { describeRule, type EscalationRule } from '../../../../src/domain/chase/rules';
import { type ChaseRulesInput, chaseRulesApi } from './chase-api';

const LEVELS = [
  { value: 'chase', label: '催办' },
  { value: 'yellow', label: '黄色督办单' },
  { value: 'red', label: '红色督办单' },
  { value: 'listed', label: '挂牌督办' },
];

/** The number a rule's threshold lives in (days or rounds). */
const thresholdOf = (r: EscalationRule): number => ('rounds' in r ? r.rounds : r.days);
const withThreshold = (r: EscalationRule, n: number): EscalationRule =>
  'rounds' in r ? { ...r, rounds: n } : { ...r, days: n };

export function ChaseRulesModal({
  programmeId,
  open,
  onClose,
}: {
  programmeId: string;
  open: boolean;
  onClose: (saved: boolean) => void;
}) {
  const { message } = App.useApp();
  const [rules, setRules] = useState<ChaseRulesInput | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open)
      chaseRulesApi
        .get(programmeId)
        .then((v) => setRules(v.rules))
        .catch((e: unknown) => message.error(e instanceof Error ? e.message : String(e)));
  }, [open, programmeId, message]);
  const patch = (p: Partial<ChaseRulesInput>) => setRules((r) => (r ? { ...r, ...p } : r));
  const setRule = (i: number, r: EscalationRule) =>
    setRules((x) => (x ? { ...x, escalation: x.escalation.map((e, j) => (j === i ? r : e)) } : x));
  const save = async () => {
    if (!rules) return;
    setSaving(true);
    try {
      await chaseRulesApi.set(programmeId, rules);
      message.success('已保存提醒与督办规则');
      onClose(true);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  const hm = (s: string) => dayjs(`2000-01-01T${s}`);
  return (
    <Modal
      title="提醒与督办规则"
      open={open}
      width={760}
      onCancel={() => onClose(false)}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      data-testid="chase-rules-modal"
    >
      {rules && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            截止日期前
            <Select
              mode="tags"
              style={{ minWidth: 140 }}
              value={rules.remindDaysBefore.map(String)}
              onChange={(v: string[]) =>
                patch({ remindDaysBefore: v.map(Number).filter((n) => Number.isInteger(n) && n > 0) })
              }
              data-testid="rules-days-before"
            />
            天提醒
            <Checkbox checked={rules.remindOnDueDate} onChange={(e) => patch({ remindOnDueDate: e.target.checked })}>
              截止日期当天提醒
            </Checkbox>
          </Space>
          <Space wrap>
            逾期后每
            <InputNumber
              min={0}
              max={60}
              value={rules.chaseEveryDays}
              onChange={(v) => patch({ chaseEveryDays: v ?? 0 })}
              data-testid="rules-chase-every"
            />
            天催办一次；逾期
            <InputNumber
              min={0}
              max={365}
              value={rules.leaderAfterDaysOverdue}
              onChange={(v) => patch({ leaderAfterDaysOverdue: v })}
            />
            天起同时催告分管领导（留空为不催告）
          </Space>
          <Space wrap>
            <Switch
              checked={rules.quietHours !== null}
              onChange={(on) => patch({ quietHours: on ? { start: '22:00', end: '08:00' } : null })}
            />
            免打扰时段（北京时间）
            {rules.quietHours && (
              <TimePicker.RangePicker
                format="HH:mm"
                allowClear={false}
                order={false}
                value={[hm(rules.quietHours.start), hm(rules.quietHours.end)]}
                onChange={(v) =>
                  v?.[0] && v[1] && patch({ quietHours: { start: v[0].format('HH:mm'), end: v[1].format('HH:mm') } })
                }
              />
            )}
            督办单回复期限
            <InputNumber
              min={1}
              max={90}
              value={rules.responseDays}
              onChange={(v) => patch({ responseDays: v ?? 5 })}
            />
            天
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rules.escalation}
            data-testid="rules-escalation"
            columns={[
              {
                title: '启用',
                key: 'enabled',
                width: 60,
                render: (_, r, i) => (
                  <Checkbox checked={r.enabled} onChange={(e) => setRule(i, { ...r, enabled: e.target.checked })} />
                ),
              },
              {
                title: '条件（天数或期数）',
                key: 'threshold',
                width: 150,
                render: (_, r, i) => (
                  <InputNumber
                    min={'rounds' in r ? 1 : 0}
                    max={365}
                    value={thresholdOf(r)}
                    onChange={(v) => setRule(i, withThreshold(r, v ?? thresholdOf(r)))}
                  />
                ),
              },
              {
                title: '措施',
                key: 'level',
                width: 140,
                render: (_, r, i) => (
                  <Select
                    style={{ width: 130 }}
                    value={r.level}
                    options={LEVELS}
                    onChange={(level) => setRule(i, { ...r, level })}
                  />
                ),
              },
              {
                title: '规则',
                key: 'text',
                render: (_, r) => <Typography.Text>{describeRule(r)}</Typography.Text>,
              },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
