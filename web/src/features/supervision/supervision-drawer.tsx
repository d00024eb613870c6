/**
 * One 督办 record in a drawer: what it is about, its whole history, the unit's response form (整改措施, 完成时限), the
 * office's 销号 / 退回 buttons and the 督办单 download. Buttons come from the record's `abilities` only.
 */
import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href } from '../../router';
import { supervisionApi, supervisionDocxUrl } from './supervision-api';
import { SupervisionLevelTag, SupervisionStatusTag } from './supervision-tags';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export function SupervisionDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const rec = useApi(() => supervisionApi.get(id), [id]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const d = rec.data;

  async function run(kind: string, fn: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(kind);
    setError(null);
    try {
      await fn();
      message.success(done);
      await rec.reload();
      onChanged();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  }

  return (
    <Drawer
      open
      width={640}
      title={d ? `${d.levelLabel} · ${d.projectCode} ${d.projectName}` : '督办记录'}
      onClose={onClose}
      data-testid="supervision-drawer"
      extra={
        <Button icon={<DownloadOutlined />} href={supervisionDocxUrl(id)} download data-testid="supervision-download">
          下载督办单
        </Button>
      }
    >
      {rec.error ? <ErrorBlock error={rec.error} onRetry={() => void rec.reload()} /> : null}
      {!d && !rec.error ? <Spin /> : null}
      {d ? (
        <>
          <RecordDetails d={d} />
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="supervision-error" />
          ) : null}
          {d.abilities.respond ? (
            <RespondForm
              busy={busy === 'respond'}
              onSubmit={(measures, completion) =>
                run('respond', () => supervisionApi.respond(id, d.version, measures, completion), '已提交书面反馈')
              }
            />
          ) : null}
          <OfficeDecision
            abilities={d.abilities}
            busy={busy}
            onDecide={(kind, text) =>
              kind === 'close'
                ? run('close', () => supervisionApi.close(id, d.version, text), '已销号')
                : run('reject', () => supervisionApi.reject(id, d.version, text), '已退回，等待单位重新反馈')
            }
          />
          <History events={d.events} />
        </>
      ) : null}
    </Drawer>
  );
}

type Detail = ResponseOf<typeof API.supervision>;

function RecordDetails({ d }: { d: Detail }) {
  return (
    <Descriptions size="small" bordered column={1} styles={{ label: { width: 110 } }}>
      <Descriptions.Item label="督办级别">
        <SupervisionLevelTag level={d.level} testId="supervision-drawer-level" />
      </Descriptions.Item>
      <Descriptions.Item label="状态">
        <SupervisionStatusTag status={d.status} overdue={d.overdue} />
      </Descriptions.Item>
      <Descriptions.Item label="项目">
        <a href={href('projects', d.projectId)}>
          {d.projectCode} {d.projectName}
        </a>
      </Descriptions.Item>
      <Descriptions.Item label="责任单位">{d.unit}</Descriptions.Item>
      <Descriptions.Item label="督办事由">
        <span className="pre-wrap" data-testid="supervision-reason">
          {d.reason}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label="反馈期限">{formatCnDate(d.responseDueDate)}前</Descriptions.Item>
      {d.responseMeasures ? (
        <Descriptions.Item label="单位反馈">
          <div className="pre-wrap" data-testid="supervision-response">
            整改措施：{d.responseMeasures}
          </div>
          <div>完成时限：{d.responseCompletionDate ? formatCnDate(d.responseCompletionDate) : '—'}</div>
        </Descriptions.Item>
      ) : null}
      {d.closedAt ? <Descriptions.Item label="销号时间">{at(d.closedAt)}</Descriptions.Item> : null}
    </Descriptions>
  );
}

function RespondForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (measures: string, completion: string) => Promise<boolean>;
}) {
  const [measures, setMeasures] = useState('');
  const [completion, setCompletion] = useState<string | null>(null);
  return (
    <Form layout="vertical" style={{ marginTop: 16 }} data-testid="supervision-respond-form">
      <Typography.Title level={5}>书面反馈</Typography.Title>
      <Form.Item label="整改措施" required>
        <Input.TextArea
          rows={4}
          value={measures}
          onChange={(e) => setMeasures(e.target.value)}
          placeholder="查明的原因、整改措施、责任人"
          data-testid="supervision-measures"
        />
      </Form.Item>
      <Form.Item label="完成时限" required>
        <DatePicker
          value={completion ? dayjs(completion) : null}
          onChange={(v) => setCompletion(v ? v.format('YYYY-MM-DD') : null)}
          data-testid="supervision-completion-date"
        />
      </Form.Item>
      <Button
        type="primary"
        loading={busy}
        disabled={!measures.trim() || !completion}
        onClick={() =>
          void onSubmit(measures.trim(), completion ?? '').then((ok) => {
            if (ok) {
              setMeasures('');
              setCompletion(null);
            }
          })
        }
        data-testid="supervision-respond"
      >
        提交反馈
      </Button>
    </Form>
  );
}

function History({ events }: { events: Detail['events'] }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        办理记录
      </Typography.Title>
      <Timeline
        data-testid="supervision-history"
        items={events.map((e) => ({
          color: e.kind === 'rejected' ? 'red' : e.kind === 'closed' ? 'green' : 'blue',
          children: (
            <div data-testid={`supervision-event-${e.kind}`}>
              <div>
                <Typography.Text strong>{e.label}</Typography.Text>
                {e.kind === 'raised' || e.kind === 'upgraded' ? (
                  <span style={{ marginLeft: 8 }}>
                    <SupervisionLevelTag level={e.level} />
                  </span>
                ) : null}
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {at(e.at)} {e.by ?? ''}
                </Typography.Text>
              </div>
              {e.text ? <div className="pre-wrap">{e.text}</div> : null}
            </div>
          ),
        }))}
      />
    </>
  );
}

/** 销号 (with an optional note) and 退回 (with a reason): the office's buttons and their dialog. */
function OfficeDecision({
  abilities,
  busy,
  onDecide,
}: {
  abilities: Detail['abilities'];
  busy: string | null;
  onDecide: (kind: 'close' | 'reject', text: string) => Promise<boolean>;
}) {
  const [modal, setModal] = useState<'reject' | 'close' | null>(null);
  const [text, setText] = useState('');
  if (!abilities.close && !abilities.reject) return null;
  async function confirm() {
    if (!modal) return;
    if (await onDecide(modal, text.trim())) {
      setModal(null);
      setText('');
    }
  }
  return (
    <Space style={{ marginTop: 16 }}>
      {abilities.close ? (
        <Button type="primary" onClick={() => setModal('close')} data-testid="supervision-close">
          销号
        </Button>
      ) : null}
      {abilities.reject ? (
        <Button danger onClick={() => setModal('reject')} data-testid="supervision-reject">
          退回反馈
        </Button>
      ) : null}
      <Modal
        open={modal !== null}
        title={modal === 'close' ? '销号' : '退回反馈'}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy !== null && busy === modal}
        onCancel={() => setModal(null)}
        okButtonProps={
          { 'data-testid': 'supervision-modal-confirm', disabled: modal === 'reject' && !text.trim() } as ButtonProps
        }
        onOk={() => void confirm()}
      >
        <Input.TextArea
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={modal === 'close' ? '销号说明（可不填）' : '退回原因（必填）'}
          data-testid="supervision-modal-text"
        />
      </Modal>
    </Space>
  );
}
