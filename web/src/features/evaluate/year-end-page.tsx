/**
 * 年终总结 (#/year-end?programme=): per project 是否完成年度目标 — what the approved reports of the year say, the
 * office's confirmation or correction (with a reason; every one kept) — projects finished after year end, the year-end
 * round's lag analyses (all, or only those missing) and the year's target adjustments; export as .xlsx.
 */
import {
  Alert,
  Button,
  type ButtonProps,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { errorMessage } from '../../api/client';
import { api, yearEndXlsxUrl } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href, navigate } from '../../router';

type YearEnd = ResponseOf<typeof API.yearEnd>;
type Row = YearEnd['projects'][number];
type Analysis = YearEnd['analyses']['all'][number];

const verdict = (v: boolean | null, testId?: string) =>
  v === null ? (
    <Tag data-testid={testId}>无审核通过的填报</Tag>
  ) : v ? (
    <Tag color="green" data-testid={testId}>
      已完成
    </Tag>
  ) : (
    <Tag color="red" data-testid={testId}>
      未完成
    </Tag>
  );

const ANALYSIS_STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已审核',
  published: '已发布',
};

export default function YearEndPage({ programmeId }: { programmeId: string | null }) {
  const page = useApi(() => api.yearEnd(programmeId ?? undefined), [programmeId]);
  const [confirming, setConfirming] = useState<Row | null>(null);
  const [which, setWhich] = useState<'all' | 'missing'>('all');
  const d = page.data;

  const columns: ColumnsType<Row> = [
    { title: '编号', dataIndex: 'code', width: 70, fixed: 'left' },
    {
      title: '项目',
      key: 'name',
      width: 220,
      render: (_, r) => (
        <div>
          <a href={href('projects', r.projectId)}>{r.name}</a>
          {r.keySupervision ? (
            <Tag color="purple" style={{ marginLeft: 4 }}>
              人大重点监督
            </Tag>
          ) : null}
          <div className="muted" style={{ fontSize: 12 }}>
            {r.annualTarget}
          </div>
        </div>
      ),
    },
    {
      title: '系统判断',
      key: 'computed',
      width: 150,
      render: (_, r) => (
        <div>
          {verdict(r.computed)}
          {r.basis ? (
            <div className="muted" style={{ fontSize: 12 }}>
              依据：{r.basis.roundName}（截至{r.basis.asOf}）
              {r.basis.reports.length > 1
                ? `；${r.basis.reports.map((x) => `${x.unit}${x.completed ? '已完成' : '未完成'}`).join('、')}`
                : ''}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: '督查室确认',
      key: 'confirmation',
      width: 200,
      render: (_, r) =>
        r.confirmation ? (
          <div>
            {verdict(r.confirmation.completed)}
            {r.confirmation.completed !== r.computed && r.computed !== null ? <Tag color="orange">已更正</Tag> : null}
            <div className="muted" style={{ fontSize: 12 }}>
              {r.confirmation.by} {dayjs(r.confirmation.at).format('MM-DD HH:mm')}
              {r.history.length > 1 ? `（第${r.confirmation.seq}次确认）` : ''}
            </div>
            {r.confirmation.reason ? <div style={{ fontSize: 12 }}>原因：{r.confirmation.reason}</div> : null}
          </div>
        ) : (
          <span className="muted">未确认</span>
        ),
    },
    {
      title: '结论',
      key: 'completed',
      width: 110,
      render: (_, r) => verdict(r.completed, `year-end-completed-${r.code}`),
    },
    {
      title: '年后完成',
      key: 'after',
      width: 130,
      render: (_, r) =>
        r.finishedAfterYearEnd ? (
          <span>
            {r.finishedAfterYearEnd.asOf}
            <div className="muted" style={{ fontSize: 12 }}>
              {r.finishedAfterYearEnd.roundName}
            </div>
          </span>
        ) : null,
    },
    ...(d?.abilities.confirm
      ? [
          {
            title: '操作',
            key: 'op',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, r: Row) => (
              <Button size="small" onClick={() => setConfirming(r)} data-testid={`year-end-confirm-${r.code}`}>
                {r.confirmation ? '更正' : '确认'}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const analysisColumns: ColumnsType<Analysis> = [
    { title: '编号', dataIndex: 'code', width: 70 },
    { title: '项目', dataIndex: 'name', width: 180 },
    { title: '责任单位', dataIndex: 'unit', width: 110 },
    {
      title: '状态',
      key: 'status',
      width: 90,
      render: (_, a) => (a.status ? (ANALYSIS_STATUS[a.status] ?? a.status) : <Tag color="red">未报送</Tag>),
    },
    {
      title: which === 'all' ? '书面分析' : '需报送的原因',
      key: 'text',
      render: (_, a) =>
        which === 'all' ? (
          <div className="cell-text" style={{ fontSize: 13 }}>
            <div>存在问题：{a.problems}</div>
            <div>主观原因：{a.subjective}</div>
            <div>客观原因：{a.objective}</div>
            <div>整改计划：{a.plan}</div>
            {a.expectedCompletion ? <div>预计完成：{a.expectedCompletion}</div> : null}
          </div>
        ) : (
          a.reasons.join('；')
        ),
    },
  ];

  return (
    <div data-testid="year-end-page">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          年终总结
        </Typography.Title>
        <Space wrap>
          {d && d.programmes.length > 1 ? (
            <Select
              style={{ minWidth: 220 }}
              value={d.programme?.id}
              onChange={(id: string) => navigate(`/year-end?programme=${encodeURIComponent(id)}`)}
              options={d.programmes.map((p) => ({ value: p.id, label: p.name }))}
            />
          ) : null}
          {d?.programme ? (
            <Button href={yearEndXlsxUrl(d.programme.id)} data-testid="year-end-export">
              导出清单（.xlsx）
            </Button>
          ) : null}
        </Space>
      </Space>
      {page.error ? <ErrorBlock error={page.error} onRetry={() => void page.reload()} /> : null}
      {d && !d.programme ? <Empty description="暂无实事计划" /> : null}
      {d?.programme ? (
        <>
          <Space style={{ marginBottom: 12 }} size="middle" wrap data-testid="year-end-counts">
            <Card size="small">
              <Statistic title="项目" value={d.counts.total} />
            </Card>
            <Card size="small">
              <Statistic title="已完成年度目标" value={d.counts.completed} />
            </Card>
            <Card size="small">
              <Statistic title="未完成" value={d.counts.notCompleted} />
            </Card>
            <Card size="small">
              <Statistic title="无审核通过的填报" value={d.counts.unknown} />
            </Card>
            <Card size="small">
              <Statistic title="督查室已确认" value={`${d.counts.confirmed}/${d.counts.total}`} />
            </Card>
            <Card size="small">
              <Statistic title="年后完成" value={d.counts.finishedAfterYearEnd} />
            </Card>
          </Space>
          <Typography.Paragraph type="secondary">
            系统判断依据本年度最后一次审核通过（或已发布）的填报：所有责任单位均填报“已完成年度目标”或研判为“已完成”即为已完成。督查室可确认或更正，与系统判断不同时须写明原因，每次确认都保留。
          </Typography.Paragraph>
          <Tabs
            items={[
              {
                key: 'projects',
                label: '年度目标完成情况',
                children: (
                  <Table<Row>
                    rowKey="projectId"
                    size="small"
                    loading={page.loading}
                    columns={columns}
                    dataSource={d.projects}
                    scroll={{ x: 1000 }}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    data-testid="year-end-table"
                  />
                ),
              },
              {
                key: 'analyses',
                label: `滞后分析汇编（${d.analyses.all.length}）`,
                children: (
                  <>
                    <Space style={{ marginBottom: 8 }} wrap>
                      <Segmented
                        value={which}
                        onChange={(v) => setWhich(v as 'all' | 'missing')}
                        options={[
                          { value: 'all', label: `全部（${d.analyses.all.length}）` },
                          { value: 'missing', label: `未报送（${d.analyses.missing.length}）` },
                        ]}
                      />
                      {d.yearEndRound ? (
                        <span className="muted">
                          {d.yearEndRound.name}（截至{d.yearEndRound.asOf}）
                        </span>
                      ) : (
                        <span className="muted">本年度尚无填报批次</span>
                      )}
                    </Space>
                    <Table<Analysis>
                      rowKey="reportId"
                      size="small"
                      columns={analysisColumns}
                      dataSource={which === 'all' ? d.analyses.all : d.analyses.missing}
                      scroll={{ x: 800 }}
                      pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    />
                  </>
                ),
              },
              {
                key: 'targets',
                label: `目标调整（${d.targetChanges.length}）`,
                children: (
                  <Table
                    rowKey={(c) => `${c.projectId}|${c.indicator}|${c.version}`}
                    size="small"
                    dataSource={d.targetChanges}
                    scroll={{ x: 900 }}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    columns={[
                      { title: '编号', dataIndex: 'code', width: 70 },
                      { title: '项目', dataIndex: 'name', width: 180 },
                      { title: '调整内容', dataIndex: 'indicator', width: 110 },
                      { title: '原目标', dataIndex: 'oldText' },
                      { title: '调整后目标', dataIndex: 'newText' },
                      { title: '原因', dataIndex: 'reason' },
                      { title: '批准', key: 'by', width: 150, render: (_, c) => `${c.approvedBy} ${c.approvedAt}` },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      ) : null}
      {confirming && d?.programme ? (
        <ConfirmModal
          programmeId={d.programme.id}
          row={confirming}
          onClose={() => setConfirming(null)}
          onDone={(next) => {
            page.setData(next);
            setConfirming(null);
          }}
        />
      ) : null}
    </div>
  );
}

function ConfirmModal({
  programmeId,
  row,
  onClose,
  onDone,
}: {
  programmeId: string;
  row: Row;
  onClose: () => void;
  onDone: (next: YearEnd) => void;
}) {
  const [completed, setCompleted] = useState<boolean>(row.completed ?? row.computed ?? true);
  const [reason, setReason] = useState(row.confirmation?.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const differs = row.computed !== null && completed !== row.computed;
  async function submit() {
    if (differs && !reason.trim()) return setError('与系统判断不同，请填写更正原因');
    setBusy(true);
    setError(null);
    try {
      onDone(await api.confirmYearEnd({ programmeId, projectId: row.projectId, completed, reason: reason.trim() }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={`确认年度目标：${row.code} ${row.name}`}
      okText="确认"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'year-end-confirm-submit' } as ButtonProps}
    >
      <Typography.Paragraph>系统判断：{verdict(row.computed)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="是否完成年度目标" required>
          <Radio.Group
            value={completed}
            onChange={(e) => setCompleted(e.target.value as boolean)}
            options={[
              { value: true, label: '已完成' },
              { value: false, label: '未完成' },
            ]}
            data-testid="year-end-confirm-choice"
          />
        </Form.Item>
        <Form.Item label={differs ? '更正原因（必填）' : '说明（选填）'} required={differs}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="year-end-confirm-reason"
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}
