/**
 * 全市汇总 (issue 12 §4): the district programmes of a year below the reader's government — totals, the ranking of
 * districts with their counts by computed status (each count opens that district's table filtered), the laggards
 * across districts, and the 市级 items followed across the districts that carry them.
 */
import { Alert, Card, Col, Row, Select, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { z } from 'zod';
import type {
  RollupCityItemSchema,
  RollupDistrictSchema,
  RollupLaggardSchema,
  RollupSchema,
} from '../../../../src/shared/contract/rollup';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { LightDot } from '../../components/status-tag';

type Rollup = z.infer<typeof RollupSchema>;
type District = z.infer<typeof RollupDistrictSchema>;
type Laggard = z.infer<typeof RollupLaggardSchema>;
type CityItem = z.infer<typeof RollupCityItemSchema>;

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const tableHref = (roundId: string, query: string) => `#/rounds/${encodeURIComponent(roundId)}/table?${query}`;

/** A count that opens the district's table filtered to the rows behind it. */
function CountLink({ d, n, query, color }: { d: District; n: number; query: string; color?: string }) {
  if (!d.round || n === 0) return <span className="muted">{n}</span>;
  return (
    <a href={tableHref(d.round.id, query)} style={color ? { color } : undefined}>
      {n}
    </a>
  );
}

const districtColumns: ColumnsType<District> = [
  { title: '排名', dataIndex: 'rank', width: 64, align: 'center', fixed: 'left', render: (r) => r ?? '—' },
  {
    title: '区',
    dataIndex: 'name',
    width: 150,
    fixed: 'left',
    render: (name: string, d) => (
      <Space orientation="vertical" size={0}>
        {d.round ? <a href={`#/rounds/${encodeURIComponent(d.round.id)}/table`}>{name}</a> : name}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {d.round ? d.round.periodLabel : '尚无填报批次'}
        </Typography.Text>
      </Space>
    ),
  },
  { title: '项目行', width: 70, align: 'right', render: (_, d) => d.counts.rows },
  {
    title: '已完成',
    width: 70,
    align: 'right',
    render: (_, d) => <CountLink d={d} n={d.counts.completed} query="status=completed,exceeded" />,
  },
  {
    title: '按序时',
    width: 70,
    align: 'right',
    render: (_, d) => <CountLink d={d} n={d.counts.onSchedule} query="status=on_schedule,ahead" />,
  },
  {
    title: '滞后',
    width: 64,
    align: 'right',
    render: (_, d) => <CountLink d={d} n={d.counts.lagging} query="status=lagging&sort=-gap" color="#d48806" />,
  },
  {
    title: '严重滞后',
    width: 80,
    align: 'right',
    render: (_, d) => <CountLink d={d} n={d.counts.severe} query="status=severe&sort=-gap" color="#cf1322" />,
  },
  {
    title: '未研判',
    width: 70,
    align: 'right',
    render: (_, d) => <CountLink d={d} n={d.counts.unassessed} query="status=unassessed" />,
  },
  { title: '按序时推进率', width: 100, align: 'right', render: (_, d) => pct(d.onScheduleShare) },
  { title: '滞后率', width: 80, align: 'right', render: (_, d) => pct(d.lagShare) },
  { title: '按时报送率', width: 90, align: 'right', render: (_, d) => pct(d.timeliness) },
  {
    title: '平均落后',
    width: 90,
    align: 'right',
    render: (_, d) => (d.averageLag === null ? '—' : `${d.averageLag} 个百分点`),
  },
];

const laggardColumns: ColumnsType<Laggard> = [
  { title: '区', dataIndex: 'district', width: 130, fixed: 'left' },
  {
    title: '项目',
    width: 240,
    render: (_, l) => (
      <a href={tableHref(l.roundId, `project=${encodeURIComponent(l.projectId)}`)}>
        {l.code} {l.name}
      </a>
    ),
  },
  { title: '填报单位', dataIndex: 'unit', width: 150 },
  {
    title: '研判',
    width: 100,
    render: (_, l) => <LightDot light={l.light} text={l.computedStatus} />,
  },
  { title: '完成率', width: 80, align: 'right', render: (_, l) => pct(l.completionRatio) },
  {
    title: '落后序时',
    width: 90,
    align: 'right',
    render: (_, l) => (l.gapPoints === null ? '—' : `${-l.gapPoints} 个百分点`),
  },
  { title: '原因', dataIndex: 'reason', width: 280, render: (r: string | null) => r ?? '' },
];

const itemColumns: ColumnsType<CityItem> = [
  { title: '市级项目', dataIndex: 'name', width: 220, fixed: 'left' },
  { title: '承担区', dataIndex: 'districts', width: 70, align: 'right' },
  {
    title: '滞后区',
    dataIndex: 'lagging',
    width: 70,
    align: 'right',
    render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
  },
  { title: '已完成区', dataIndex: 'completed', width: 80, align: 'right' },
  { title: '平均完成率', width: 100, align: 'right', render: (_, i) => pct(i.averageRatio) },
  {
    title: '各区情况',
    width: 420,
    render: (_, i) => (
      <Space wrap size={[4, 4]}>
        {i.entries.map((e) => (
          <a key={e.projectId} href={tableHref(e.roundId, `project=${encodeURIComponent(e.projectId)}`)}>
            <Tag color={e.light === 'red' ? 'red' : e.light === 'yellow' ? 'gold' : e.light ? 'green' : undefined}>
              {e.district.replace(/人民政府$/, '')} {pct(e.completionRatio)}
            </Tag>
          </a>
        ))}
      </Space>
    ),
  },
];

export default function RollupPage() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const r = useApi(() => api.rollup({ ...(year ? { year } : {}), ...(period ? { period } : {}) }), [year, period]);
  const data: Rollup | undefined = r.data;
  if (r.error && !data) return <ErrorBlock error={r.error} onRetry={() => void r.reload()} />;
  if (!data) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  const t = data.totals;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
        <div>
          <h1 className="page-title" data-testid="rollup-title">
            全市汇总 · {data.year}年
          </h1>
          <div className="page-subtitle">
            {data.scopeName} · 下辖 {data.districts.length} 个实事计划 ·{' '}
            {data.period ? `${data.periods.find((p) => p.key === data.period)?.label ?? data.period}` : '各区最新一期'}
          </div>
        </div>
        <Space wrap>
          <Select<number>
            style={{ width: 110 }}
            value={data.year}
            onChange={(v) => {
              setYear(v);
              setPeriod(undefined);
            }}
            options={data.years.map((y) => ({ value: y, label: `${y}年` }))}
            data-testid="rollup-year"
          />
          <Select<string>
            allowClear
            placeholder="各区最新一期"
            style={{ width: 170 }}
            value={period}
            onChange={(v) => setPeriod(v)}
            options={data.periods.map((p) => ({ value: p.key, label: p.label }))}
            data-testid="rollup-period"
          />
        </Space>
      </div>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="rollup-totals">
        {(
          [
            ['项目行', t.rows, undefined],
            ['已完成', t.completed, '#389e0d'],
            ['按序时推进', t.onSchedule, '#389e0d'],
            ['滞后', t.lagging, '#d48806'],
            ['严重滞后', t.severe, '#cf1322'],
            ['未研判', t.unassessed, undefined],
          ] as const
        ).map(([label, n, color]) => (
          <Col key={label} flex="1 1 140px">
            <Card size="small">
              <Statistic title={label} value={n} styles={{ content: color ? { color } : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>
      {data.districts.length === 0 && (
        <Alert type="info" showIcon title="本年度在您的范围内没有实事计划" style={{ marginBottom: 12 }} />
      )}
      <Tabs
        items={[
          {
            key: 'districts',
            label: `各区排名（${data.districts.length}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  排名规则：{data.rankingRule} 点击数字可查看该区汇总表中对应的项目。
                </Typography.Paragraph>
                <Table<District>
                  rowKey="programmeId"
                  size="small"
                  bordered
                  columns={districtColumns}
                  dataSource={[...data.districts].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))}
                  scroll={{ x: 1100 }}
                  pagination={data.districts.length > 50 ? { defaultPageSize: 50 } : false}
                  data-testid="rollup-districts"
                />
              </>
            ),
          },
          {
            key: 'laggards',
            label: `滞后项目（${data.laggardsTotal}）`,
            children: (
              <>
                {data.laggardsTotal > data.laggards.length && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    共 {data.laggardsTotal} 行滞后，列出落后序时进度最多的 {data.laggards.length} 行。
                  </Typography.Paragraph>
                )}
                <Table<Laggard>
                  rowKey="reportId"
                  size="small"
                  bordered
                  columns={laggardColumns}
                  dataSource={data.laggards}
                  scroll={{ x: 1060 }}
                  pagination={{ defaultPageSize: 20 }}
                  data-testid="rollup-laggards"
                />
              </>
            ),
          },
          {
            key: 'city',
            label: `市级项目跟踪（${data.cityItems.length}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  对应规则：{data.matchRule} 各区取该项目各填报单位中完成率最低的一行。
                </Typography.Paragraph>
                <Table<CityItem>
                  rowKey="key"
                  size="small"
                  bordered
                  columns={itemColumns}
                  dataSource={data.cityItems}
                  scroll={{ x: 960 }}
                  pagination={{ defaultPageSize: 20 }}
                  data-testid="rollup-city-items"
                />
              </>
            ),
          },
        ]}
      />
    </>
  );
}
