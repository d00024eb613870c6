/** The in-page drill-down: the rows behind a number (the same filter as its consolidated-table link). */
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import { LightDot } from '../../components/status-tag';

export type Overview = ResponseOf<typeof API.dashboard>;
export type DashRow = Overview['rows'][number];
export type Drill = Overview['total']['drill'];
export type Selected = { title: string; drill: Drill };

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

export { pct };

/** Does the row match every key of the filter? */
export function matches(r: DashRow, f: Record<string, string>): boolean {
  return Object.entries(f).every(([k, v]) => {
    const any = v.split(',');
    switch (k) {
      case 'status':
        return any.includes(r.statusKey);
      case 'light':
        return r.light !== null && any.includes(r.light);
      case 'unit':
        return any.includes(r.unitId);
      case 'matter':
        return any.includes(r.matterId ?? '');
      case 'project':
        return any.includes(r.projectId);
      case 'level':
        return r.levels.some((l) => any.includes(l));
      case 'flag':
        return r.flags.some((l) => any.includes(l));
      case 'handedIn':
        return r.handedIn === (v === '1');
      case 'mismatch':
        return (r.mismatch !== null) === (v === '1');
      default:
        return true;
    }
  });
}

const columns: ColumnsType<DashRow> = [
  { title: '编号', dataIndex: 'code', width: 80, fixed: 'left' },
  {
    title: '项目',
    dataIndex: 'name',
    render: (v: string, r) => <a href={`#/reports/${encodeURIComponent(r.reportId)}`}>{v}</a>,
  },
  { title: '责任单位', dataIndex: 'unit', width: 120 },
  {
    title: '研判',
    dataIndex: 'computedStatus',
    width: 120,
    render: (_: unknown, r) => <LightDot light={r.light} text={r.computedStatus ?? '未研判'} />,
  },
  { title: '完成比例', dataIndex: 'completionRatio', width: 90, render: (v: number | null) => pct(v) },
  { title: '序时进度', dataIndex: 'expectedRatio', width: 90, render: (v: number | null) => pct(v) },
  {
    title: '差距',
    dataIndex: 'gapPoints',
    width: 90,
    render: (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${Math.round(v)}个百分点`),
  },
  {
    title: '报送',
    dataIndex: 'handedIn',
    width: 90,
    render: (v: boolean, r) =>
      v ? r.late ? <Tag color="orange">逾期报送</Tag> : <Tag color="green">已报送</Tag> : <Tag>未报送</Tag>,
  },
  { title: '原因 / 存在问题', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
];

export function DrillTable({ selected, rows, onClose }: { selected: Selected; rows: DashRow[]; onClose: () => void }) {
  const list = rows.filter((r) => matches(r, selected.drill.filter));
  return (
    <Card
      size="small"
      data-testid="drill"
      title={
        <Space wrap>
          <span>明细：{selected.title}</span>
          <Typography.Text type="secondary">{list.length} 行</Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {selected.drill.href ? (
            <a href={selected.drill.href} data-testid="drill-table-link">
              在汇总表中打开
            </a>
          ) : null}
          <Button size="small" onClick={onClose}>
            收起
          </Button>
        </Space>
      }
    >
      {list.length ? (
        <Table
          size="small"
          rowKey="reportId"
          columns={columns}
          dataSource={list}
          pagination={list.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          data-testid="drill-rows"
        />
      ) : (
        <Empty description="没有对应的填报" />
      )}
    </Card>
  );
}
