/**
 * 人大监督 (#/oversight): a deputy's oversight groups with the approved or published progress of the key-supervision
 * projects they follow, and their 督办建议 with the office's answers; the office sees every group and opinion, the
 * number still unanswered, answers them (each answer kept) and sets up groups.
 */
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href } from '../../router';

type Page = ResponseOf<typeof API.oversight>;
type Opinion = Page['opinions'][number];
type Progress = Page['groups'][number]['projects'][number]['latest'][number];

const LIGHT_COLOR: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };
const STATUS_LABEL: Record<string, string> = { approved: '已审核', published: '已发布' };
const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export default function OversightPage() {
  const [programme, setProgramme] = useState<string | undefined>(undefined);
  const page = useApi(() => api.oversight(programme), [programme]);
  const [opine, setOpine] = useState<{ id: string; name: string } | null>(null);
  const [answer, setAnswer] = useState<Opinion | null>(null);
  const [group, setGroup] = useState(false);
  const d = page.data;

  return (
    <div data-testid="oversight-page">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          人大监督
        </Typography.Title>
        <Space wrap>
          {d && d.programmes.length > 1 ? (
            <Select
              style={{ minWidth: 220 }}
              value={d.programme?.id}
              onChange={setProgramme}
              options={d.programmes.map((p) => ({ value: p.id, label: p.name }))}
            />
          ) : null}
          {d?.abilities.manage ? (
            <Button type="primary" onClick={() => setGroup(true)} data-testid="oversight-new-group">
              设立监督小组
            </Button>
          ) : null}
        </Space>
      </Space>
      {page.error ? <ErrorBlock error={page.error} onRetry={() => void page.reload()} /> : null}
      {d && !d.programme ? <Empty description="暂无可监督的实事计划" /> : null}
      {d?.programme ? (
        <>
          <Typography.Paragraph type="secondary">
            {d.programme.name}：人大重点监督项目的进展只显示督查室审核通过或已发布的内容。
          </Typography.Paragraph>
          <Counts page={d} />
          <Opinions opinions={d.opinions} manage={d.abilities.manage} onAnswer={setAnswer} />
          <Typography.Title level={5}>{d.abilities.manage ? '监督小组' : '我所在的监督小组'}</Typography.Title>
          {d.groups.length === 0 ? (
            <Empty
              description={d.abilities.manage ? '尚未设立监督小组' : '您尚未加入监督小组，请联系督查室'}
              style={{ margin: '24px 0' }}
            />
          ) : null}
          <Groups page={d} onOpine={setOpine} />
        </>
      ) : null}
      {opine ? (
        <TextModal
          title={`督办建议：${opine.name}`}
          label="督办建议"
          okText="提交"
          testId="oversight-opinion"
          onClose={() => setOpine(null)}
          onSubmit={async (text) => {
            await api.createOpinion({ projectId: opine.id, text });
            setOpine(null);
            await page.reload();
          }}
        />
      ) : null}
      {answer ? (
        <TextModal
          title={`答复：${answer.code} ${answer.projectName}`}
          label="答复内容"
          okText="答复"
          testId="oversight-answer"
          quote={answer.text}
          onClose={() => setAnswer(null)}
          onSubmit={async (text) => {
            await api.answerOpinion(answer.id, text);
            setAnswer(null);
            await page.reload();
          }}
        />
      ) : null}
      {group && d?.programme && d.candidates ? (
        <GroupModal
          programmeId={d.programme.id}
          candidates={d.candidates}
          onClose={() => setGroup(false)}
          onDone={async () => {
            setGroup(false);
            await page.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function Counts({ page }: { page: Page }) {
  if (!page.abilities.manage && !page.opinions.length) return null;
  return (
    <Space style={{ marginBottom: 12 }} size="large" wrap>
      <Card size="small">
        <Statistic title="督办建议" value={page.opinions.length} />
      </Card>
      <Card size="small" data-testid="oversight-unanswered">
        <Statistic title="待答复" value={page.unanswered} />
      </Card>
    </Space>
  );
}

function Groups({ page, onOpine }: { page: Page; onOpine: (p: { id: string; name: string }) => void }) {
  return (
    <>
      {page.groups.map((g) => (
        <Card
          key={g.id}
          title={g.name}
          extra={<span className="muted">成员：{g.members.map((m) => m.name).join('、') || '无'}</span>}
          style={{ marginBottom: 12 }}
          data-testid={`oversight-group-${g.name}`}
        >
          <List
            dataSource={g.projects}
            locale={{ emptyText: '没有跟踪的项目' }}
            renderItem={(p) => (
              <List.Item
                key={p.id}
                data-testid={`oversight-project-${p.code}`}
                actions={
                  page.abilities.opine
                    ? [
                        <Button
                          key="opine"
                          size="small"
                          onClick={() => onOpine({ id: p.id, name: `${p.code} ${p.name}` })}
                          data-testid={`oversight-opine-${p.code}`}
                        >
                          提出督办建议
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <a href={href('projects', p.id)}>
                      {p.code} {p.name}
                    </a>
                  }
                  description={
                    <div>
                      <div className="muted">年度目标：{p.annualTarget}</div>
                      {p.latest.length === 0 ? (
                        <div className="muted">尚无审核通过的进展</div>
                      ) : (
                        p.latest.map((x) => <ProgressLine key={`${x.unit}|${x.asOf}`} p={x} />)
                      )}
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </>
  );
}

function ProgressLine({ p }: { p: Progress }) {
  return (
    <div style={{ marginTop: 6 }}>
      <Space size={4} wrap>
        <Tag>{p.unit}</Tag>
        <span className="muted">
          {p.roundName}（截至{p.asOf}）
        </span>
        <Tag color="blue">{STATUS_LABEL[p.status] ?? p.status}</Tag>
        {p.computedStatus ? <Tag color={LIGHT_COLOR[p.light ?? ''] ?? 'default'}>{p.computedStatus}</Tag> : null}
        {p.completionRatio !== null ? <span className="muted">完成 {Math.round(p.completionRatio * 100)}%</span> : null}
      </Space>
      <div className="cell-text" style={{ whiteSpace: 'pre-wrap' }}>
        {p.progress}
      </div>
    </div>
  );
}

function Opinions({
  opinions,
  manage,
  onAnswer,
}: {
  opinions: Opinion[];
  manage: boolean;
  onAnswer: (o: Opinion) => void;
}) {
  if (!opinions.length && !manage) return null;
  return (
    <Card title={manage ? '督办建议' : '我的督办建议'} size="small" style={{ marginBottom: 16 }}>
      <List
        dataSource={opinions}
        locale={{ emptyText: '暂无督办建议' }}
        renderItem={(o) => (
          <List.Item
            key={o.id}
            data-testid={`oversight-opinion-${o.id}`}
            actions={
              manage
                ? [
                    <Button
                      key="answer"
                      size="small"
                      type={o.answers.length ? 'default' : 'primary'}
                      onClick={() => onAnswer(o)}
                      data-testid="oversight-answer-open"
                    >
                      {o.answers.length ? '再次答复' : '答复'}
                    </Button>,
                  ]
                : []
            }
          >
            <div style={{ width: '100%' }}>
              <Space size={4} wrap>
                <strong>
                  {o.code} {o.projectName}
                </strong>
                {o.groupName ? <Tag>{o.groupName}</Tag> : null}
                <span className="muted">
                  {o.author} · {at(o.at)}
                </span>
                {o.answers.length ? <Tag color="green">已答复</Tag> : <Tag color="orange">待答复</Tag>}
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{o.text}</div>
              {o.answers.map((a) => (
                <Alert
                  key={a.seq}
                  type="success"
                  style={{ marginTop: 4 }}
                  title={
                    <span>
                      督查室答复（第{a.seq}次，{a.by}，{at(a.at)}）
                    </span>
                  }
                  description={<span style={{ whiteSpace: 'pre-wrap' }}>{a.text}</span>}
                />
              ))}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function TextModal({
  title,
  label,
  okText,
  testId,
  quote,
  onClose,
  onSubmit,
}: {
  title: string;
  label: string;
  okText: string;
  testId: string;
  quote?: string;
  onClose: () => void;
  onSubmit: (text: string) => Promise<void>;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (!text.trim()) return setError(`请填写${label}`);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text.trim());
      message.success('已提交');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': `${testId}-submit` } as ButtonProps}
    >
      {quote ? (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {quote}
        </Typography.Paragraph>
      ) : null}
      <Form layout="vertical">
        <Form.Item label={label} required validateStatus={error ? 'error' : ''} help={error}>
          <Input.TextArea
            rows={5}
            maxLength={2000}
            showCount
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid={`${testId}-text`}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GroupModal({
  programmeId,
  candidates,
  onClose,
  onDone,
}: {
  programmeId: string;
  candidates: NonNullable<Page['candidates']>;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [memberIds, setMembers] = useState<string[]>([]);
  const [projectIds, setProjects] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (!name.trim()) return setError('请填写小组名称');
    if (!memberIds.length) return setError('请至少选择一名代表');
    if (!projectIds.length) return setError('请至少选择一个重点监督项目');
    setBusy(true);
    setError(null);
    try {
      await api.createOversightGroup({ programmeId, name: name.trim(), memberIds, projectIds });
      await onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title="设立监督小组"
      okText="设立"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'oversight-group-submit' } as ButtonProps}
    >
      <Form layout="vertical">
        <Form.Item label="小组名称" required>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="如：第一监督小组" maxLength={50} />
        </Form.Item>
        <Form.Item label="成员（人大代表）" required>
          <Select
            mode="multiple"
            value={memberIds}
            onChange={setMembers}
            optionFilterProp="label"
            options={candidates.deputies.map((x) => ({ value: x.id, label: `${x.name}（${x.username}）` }))}
          />
        </Form.Item>
        <Form.Item label="跟踪的重点监督项目" required>
          <Select
            mode="multiple"
            value={projectIds}
            onChange={setProjects}
            optionFilterProp="label"
            options={candidates.projects.map((x) => ({ value: x.id, label: `${x.code} ${x.name}` }))}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}
