/**
 * 满意度测评 (#/votes, #/votes/:id): the office sets a vote up (projects, who may vote, opening and closing time) and
 * reads the results once it has closed; a deputy or resident representative rates each project 满意 / 基本满意 / 不满意
 * once. Results are counts per project only: nobody, the office included, can see who chose what.
 */
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { RATING_LABELS, RATINGS } from '../../../../src/shared/contract/evaluate';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { navigate } from '../../router';

type VoteList = ResponseOf<typeof API.votes>;
type VoteItem = VoteList['votes'][number];
type VoteDetail = ResponseOf<typeof API.vote>;
type Rating = (typeof RATINGS)[number];

const STATE: Record<VoteItem['state'], { label: string; color: string }> = {
  upcoming: { label: '未开始', color: 'default' },
  open: { label: '进行中', color: 'green' },
  closed: { label: '已截止', color: 'blue' },
};
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export default function VotesPage({ voteId }: { voteId: string | null }) {
  return voteId ? <VoteView id={voteId} /> : <VoteListView />;
}

function VoteListView() {
  const list = useApi(() => api.votes(), []);
  const [setup, setSetup] = useState(false);
  const d = list.data;
  const columns: ColumnsType<VoteItem> = [
    {
      title: '测评',
      key: 'title',
      render: (_, v) => (
        <div>
          <a onClick={() => navigate(`/votes/${encodeURIComponent(v.id)}`)} data-testid={`vote-open-${v.title}`}>
            {v.title}
          </a>
          <div className="muted" style={{ fontSize: 12 }}>
            {v.programme}
          </div>
        </div>
      ),
    },
    {
      title: '时间',
      key: 'time',
      width: 200,
      render: (_, v) => (
        <span style={{ fontSize: 12 }}>
          {time(v.opensAt)} 至<br />
          {time(v.closesAt)}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_, v) => <Tag color={STATE[v.state].color}>{STATE[v.state].label}</Tag>,
    },
    { title: '项目', dataIndex: 'projects', width: 60 },
    { title: '参与', key: 'voted', width: 90, render: (_, v) => `${v.voted}/${v.eligible} 人` },
    {
      title: '我的投票',
      key: 'mine',
      width: 100,
      render: (_, v) =>
        v.mine.eligible ? (
          v.mine.done ? (
            <Tag color="green">已投票</Tag>
          ) : v.state === 'open' ? (
            <Tag color="orange">待投票</Tag>
          ) : (
            <Tag>未投票</Tag>
          )
        ) : null,
    },
  ];
  return (
    <div data-testid="votes-page">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          满意度测评
        </Typography.Title>
        {d?.abilities.manage ? (
          <Button type="primary" onClick={() => setSetup(true)} data-testid="vote-new">
            设立测评
          </Button>
        ) : null}
      </Space>
      {list.error ? <ErrorBlock error={list.error} onRetry={() => void list.reload()} /> : null}
      <Table<VoteItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={d?.votes ?? []}
        scroll={{ x: 700 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: d?.abilities.manage ? '尚未设立满意度测评' : '暂无需要您参加的测评' }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        票决制满意度测评：每位投票人对每个项目评价一次（满意、基本满意、不满意），提交后不能更改。测评截止后公布各项目的票数、满意率（满意与基本满意之和占总票数的比例）和满意占比；系统不记录谁投了什么，督查室只能看到参与人数和汇总票数。
      </Typography.Paragraph>
      {setup && d?.setup ? (
        <SetupModal
          setup={d.setup}
          onClose={() => setSetup(false)}
          onDone={(id) => {
            setSetup(false);
            navigate(`/votes/${encodeURIComponent(id)}`);
          }}
        />
      ) : null}
    </div>
  );
}

function SetupModal({
  setup,
  onClose,
  onDone,
}: {
  setup: NonNullable<VoteList['setup']>;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const [programmeId, setProgrammeId] = useState(setup[0]?.id);
  const programme = setup.find((p) => p.id === programmeId);
  const [title, setTitle] = useState(`${dayjs().year()}年度民生实事满意度测评`);
  const [projectIds, setProjects] = useState<string[]>([]);
  const [voterIds, setVoters] = useState<string[]>([]);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('hour'), dayjs().startOf('hour').add(7, 'day')]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (!programmeId) return setError('请选择实事计划');
    if (!projectIds.length) return setError('请至少选择一个项目');
    if (!voterIds.length) return setError('请至少选择一名投票人');
    setBusy(true);
    setError(null);
    try {
      const r = await api.createVote({
        programmeId,
        title,
        projectIds,
        voterIds,
        opensAt: range[0].toISOString(),
        closesAt: range[1].toISOString(),
      });
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
      width={640}
      title="设立满意度测评"
      okText="设立"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'vote-setup-submit' } as ButtonProps}
    >
      <Form layout="vertical">
        {setup.length > 1 ? (
          <Form.Item label="实事计划" required>
            <Select
              value={programmeId}
              onChange={(v: string) => {
                setProgrammeId(v);
                setProjects([]);
                setVoters([]);
              }}
              options={setup.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item label="测评名称" required>
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} data-testid="vote-title" />
        </Form.Item>
        <Form.Item
          label={
            <Space>
              参加测评的项目
              <a
                onClick={() => setProjects(programme?.projects.map((p) => p.id) ?? [])}
                data-testid="vote-all-projects"
              >
                全选
              </a>
            </Space>
          }
          required
        >
          <Select
            mode="multiple"
            value={projectIds}
            onChange={setProjects}
            optionFilterProp="label"
            maxTagCount="responsive"
            options={(programme?.projects ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          />
        </Form.Item>
        <Form.Item
          label={
            <Space>
              投票人（人大代表、群众代表账号）
              <a onClick={() => setVoters(programme?.voters.map((v) => v.id) ?? [])} data-testid="vote-all-voters">
                全选
              </a>
            </Space>
          }
          required
        >
          <Select
            mode="multiple"
            value={voterIds}
            onChange={setVoters}
            optionFilterProp="label"
            maxTagCount="responsive"
            options={(programme?.voters ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.username}）` }))}
          />
        </Form.Item>
        <Form.Item label="投票时间" required>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={range}
            onChange={(v) => (v?.[0] && v[1] ? setRange([v[0], v[1]]) : undefined)}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}

function VoteView({ id }: { id: string }) {
  const vote = useApi(() => api.vote(id), [id]);
  const d = vote.data;
  return (
    <div data-testid="vote-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={() => navigate('/votes')}>返回列表</Button>
      </Space>
      {vote.error ? <ErrorBlock error={vote.error} onRetry={() => void vote.reload()} /> : null}
      {d ? (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {d.vote.title} <Tag color={STATE[d.vote.state].color}>{STATE[d.vote.state].label}</Tag>
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {d.vote.programme} · {time(d.vote.opensAt)} 至 {time(d.vote.closesAt)} · 已有 {d.vote.voted}/
            {d.vote.eligible} 人参与
          </Typography.Paragraph>
          {d.results ? <Results results={d.results} /> : null}
          {!d.results && d.mine.eligible ? <Ballot d={d} onDone={vote.setData} /> : null}
          {!d.results && !d.mine.eligible ? (
            <Empty description="测评截止后在此公布各项目的票数和满意率（只有汇总票数，不显示投票人）" />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Results({ results }: { results: NonNullable<VoteDetail['results']> }) {
  type R = (typeof results)[number];
  const columns: ColumnsType<R> = [
    { title: '编号', dataIndex: 'code', width: 70 },
    { title: '项目', dataIndex: 'name' },
    { title: '满意', dataIndex: 'satisfied', width: 70 },
    { title: '基本满意', dataIndex: 'basic', width: 80 },
    { title: '不满意', dataIndex: 'unsatisfied', width: 70 },
    { title: '总票数', dataIndex: 'total', width: 70 },
    {
      title: '满意率',
      key: 'rate',
      width: 170,
      render: (_, r) => (
        <span data-testid={`vote-rate-${r.code}`}>
          <Progress
            percent={r.satisfactionRate === null ? 0 : Math.round(r.satisfactionRate * 1000) / 10}
            size="small"
            format={() => pct(r.satisfactionRate)}
          />
        </span>
      ),
    },
    { title: '满意占比', key: 'share', width: 90, render: (_, r) => pct(r.satisfiedShare) },
  ];
  return (
    <Card title="测评结果" size="small" data-testid="vote-results">
      <Table<R>
        rowKey="projectId"
        size="small"
        columns={columns}
        dataSource={results}
        scroll={{ x: 720 }}
        pagination={false}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        满意率 =（满意 + 基本满意）÷ 总票数；满意占比 = 满意 ÷ 总票数。
      </Typography.Paragraph>
    </Card>
  );
}

function Ballot({ d, onDone }: { d: VoteDetail; onDone: (next: VoteDetail) => void }) {
  const { message, modal } = App.useApp();
  const rated = new Set(d.mine.rated);
  const [choice, setChoice] = useState<Record<string, Rating>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = d.projects.filter((p) => !rated.has(p.id));
  const ratings = open.flatMap((p) => (choice[p.id] ? [{ projectId: p.id, rating: choice[p.id]! }] : []));
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const next = await api.castBallot(d.vote.id, ratings);
      message.success('投票已提交');
      onDone(next);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  if (d.vote.state === 'upcoming')
    return <Alert type="info" showIcon title={`测评将于 ${time(d.vote.opensAt)} 开始`} />;
  if (!open.length) return <Alert type="success" showIcon title="您已完成投票，测评截止后公布结果。" />;
  if (!d.abilities.cast) return <Alert type="warning" showIcon title="测评已截止" />;
  return (
    <Card title="请对每个项目作出评价（提交后不能更改）" size="small" data-testid="vote-ballot">
      {d.projects.map((p) => (
        <div key={p.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
          <div>
            <strong>
              {p.code} {p.name}
            </strong>
          </div>
          <div className="muted" style={{ fontSize: 12, marginBottom: 6 }}>
            年度目标：{p.annualTarget}
          </div>
          {rated.has(p.id) ? (
            <Tag color="green">已评价</Tag>
          ) : (
            <Radio.Group
              value={choice[p.id]}
              onChange={(e) => setChoice({ ...choice, [p.id]: e.target.value as Rating })}
              data-testid={`vote-choice-${p.code}`}
              options={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
              optionType="button"
            />
          )}
        </div>
      ))}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={busy}
        data-testid="vote-submit"
        onClick={() => {
          if (ratings.length < open.length) return setError(`还有 ${open.length - ratings.length} 个项目未评价`);
          setError(null);
          modal.confirm({
            title: '确认提交投票？',
            content: '提交后不能更改。系统只记录您已投票，不记录您投了什么。',
            okText: '提交',
            cancelText: '再看看',
            onOk: () => submit(),
          });
        }}
      >
        提交投票
      </Button>
    </Card>
  );
}
