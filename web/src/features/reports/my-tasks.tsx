/**
 * 我的待办 — the reporter's home: everything that needs the user's units across programmes and rounds: to fill,
 * returned (with the comments, overall and per field), overdue (due date incl. extensions), recently approved, and the
 * unit's 督办 not yet closed (销号).
 */
import { Badge, Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import { FIELD_COMMENT_LABELS, type FieldCommentKey } from '../../../../src/domain/review/report-diff';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { StatusTag } from '../../components/status-tag';
import { href } from '../../router';

type Tasks = Awaited<ReturnType<typeof api.myTasks>>;
type Task = Tasks['toFill'][number];
type Group = Exclude<keyof Tasks, 'escalated'>;
type Escalated = Tasks['escalated'][number];

const LEVEL_COLOURS: Record<Escalated['level'], string> = { yellow: 'gold', red: 'red', listed: 'magenta' };

/** A 督办 of the unit: level, reason, the response deadline; opens the record to answer it. */
function EscalatedItem({ s }: { s: Escalated }) {
  return (
    <List.Item data-testid={`task-escalated-${s.id}`}>
      <div style={{ width: '100%' }}>
        <div>
          <Tag color={LEVEL_COLOURS[s.level]}>{s.levelLabel}</Tag>
          <a href={`#/supervisions?open=${encodeURIComponent(s.id)}`}>
            <Typography.Text type="secondary">{s.projectCode}</Typography.Text> {s.projectName}
          </a>
        </div>
        <div className="muted" style={{ fontSize: 12 }}>
          {s.unit} · {s.statusLabel} · 反馈期限{formatCnDate(s.responseDueDate)}
          {s.overdue ? (
            <Tag color="red" style={{ marginLeft: 4 }}>
              已超期
            </Tag>
          ) : null}
        </div>
        <Typography.Text type="warning" className="pre-wrap" style={{ fontSize: 12 }}>
          督办事由：{s.reason}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

const GROUPS: { key: Group; title: string; color: string; empty: string }[] = [
  { key: 'returned', title: '被退回', color: '#ad4e00', empty: '没有被退回的填报' },
  { key: 'overdue', title: '已逾期', color: '#cf1322', empty: '没有逾期未报的填报' },
  { key: 'toFill', title: '待填报', color: '#0958d9', empty: '没有待填报的项目' },
  { key: 'approved', title: '近期已审核', color: '#237804', empty: '近30天没有审核通过的填报' },
];

function TaskItem({ t, group }: { t: Task; group: Group }) {
  return (
    <List.Item data-testid={`task-${group}-${t.reportId}`}>
      <div style={{ width: '100%' }}>
        <div>
          <a href={href('reports', t.reportId)}>
            <Typography.Text type="secondary">{t.code}</Typography.Text> {t.name}
          </a>{' '}
          <StatusTag status={t.status} />
        </div>
        <div className="muted" style={{ fontSize: 12 }}>
          {t.programme} · {t.periodLabel} · {t.unit} ·{' '}
          {group === 'approved'
            ? `审核于${t.approvedAt ? formatCnDate(t.approvedAt) : '—'}`
            : `截止${formatCnDate(t.dueDate)}`}
          {t.overdue && group !== 'overdue' ? (
            <Tag color="red" style={{ marginLeft: 4 }}>
              已逾期
            </Tag>
          ) : null}
        </div>
        {t.comment && (
          <Typography.Text type="warning" className="pre-wrap" style={{ fontSize: 12 }}>
            审核意见：{t.comment}
          </Typography.Text>
        )}
        {Object.entries(t.fieldComments ?? {}).map(([k, v]) => (
          <div key={k} style={{ fontSize: 12 }}>
            <Typography.Text type="warning">
              {FIELD_COMMENT_LABELS[k as FieldCommentKey] ?? k}：{v}
            </Typography.Text>
          </div>
        ))}
      </div>
    </List.Item>
  );
}

export function MyTasks() {
  const tasks = useApi(() => api.myTasks(), []);
  if (tasks.error) return <ErrorBlock error={tasks.error} onRetry={() => void tasks.reload()} />;
  const d = tasks.data;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="my-tasks">
      {GROUPS.map((g) => (
        <Col key={g.key} xs={24} md={12} xl={6}>
          <Card
            size="small"
            loading={tasks.loading && !d}
            title={
              <span>
                {g.title} <Badge count={d?.[g.key].length ?? 0} showZero color={g.color} />
              </span>
            }
            styles={{ body: { maxHeight: 360, overflow: 'auto', paddingTop: 0 } }}
            data-testid={`tasks-${g.key}`}
          >
            {d && d[g.key].length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={g.empty} />
            ) : (
              <List size="small" dataSource={d?.[g.key] ?? []} renderItem={(t) => <TaskItem t={t} group={g.key} />} />
            )}
          </Card>
        </Col>
      ))}
      {d && d.escalated.length > 0 && (
        <Col xs={24}>
          <Card
            size="small"
            title={
              <span>
                督办 <Badge count={d.escalated.length} color="#cf1322" />
              </span>
            }
            styles={{ body: { maxHeight: 360, overflow: 'auto', paddingTop: 0 } }}
            data-testid="tasks-escalated"
          >
            <List size="small" dataSource={d.escalated} renderItem={(s) => <EscalatedItem s={s} />} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
