/** Trends across rounds: completion against 序时进度 (programme, matter or project) and the status mix per round. */
import { Col, Row, Select, Spin } from 'antd';
import { type ReactNode, useState } from 'react';
import { STATUS_KEY_LABELS, STATUS_KEYS } from '../../../../src/domain/evaluate/status-keys';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { navigate } from '../../router';
import { ChartCard } from './chart-card';
import { pct } from './drill';

type By = 'programme' | 'matter' | 'project';

const MIX_COLORS = ['#389e0d', '#237804', '#73d13d', '#95de64', '#faad14', '#f5222d', '#bfbfbf'];

/** Two rows: [first | the trend], [the status mix | last] (first and last: the page's own cards). */
export function TrendCards({ programmeId, first, last }: { programmeId: string; first: ReactNode; last: ReactNode }) {
  const [by, setBy] = useState<By>('programme');
  const [id, setId] = useState<string | undefined>(undefined);
  const trends = useApi(
    () => api.dashboardTrends({ programme: programmeId, by, ...(id ? { id } : {}) }),
    [programmeId, by, id],
  );
  if (trends.error) return <ErrorBlock error={trends.error} onRetry={trends.reload} />;
  const t = trends.data;
  if (!t) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const names = t.rounds.map((r) => r.periodLabel);
  const lineOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => pct(v) },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', max: 1.2, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: t.series.flatMap((s) => [
      { name: `${s.label} 完成比例`, type: 'line', data: s.points.map((p) => p.completion), connectNulls: true },
      ...(t.series.length === 1 || by !== 'project'
        ? [
            {
              name: `${s.label} 序时进度`,
              type: 'line',
              lineStyle: { type: 'dashed' },
              data: s.points.map((p) => p.expected),
              connectNulls: true,
            },
          ]
        : []),
    ]),
  };
  const mixOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 40, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', minInterval: 1 },
    series: STATUS_KEYS.map((k, i) => ({
      name: STATUS_KEY_LABELS[k],
      type: 'bar',
      stack: 'mix',
      itemStyle: { color: MIX_COLORS[i] },
      data: t.statusMix.map((m) => m.counts[k] ?? 0),
    })),
  };
  const options = by === 'matter' ? t.options.matters : by === 'project' ? t.options.projects : [];
  const trend = (
    <ChartCard
      title="完成比例与序时进度"
      testId="chart-trend"
      option={lineOption}
      extra={
        <>
          <Select
            size="small"
            aria-label="趋势维度"
            value={by}
            style={{ width: 100 }}
            onChange={(v) => {
              setBy(v);
              setId(undefined);
            }}
            options={[
              { value: 'programme', label: '全计划' },
              { value: 'matter', label: '按事项' },
              { value: 'project', label: '按项目' },
            ]}
          />
          {by !== 'programme' ? (
            <Select
              size="small"
              allowClear
              showSearch
              optionFilterProp="label"
              aria-label={by === 'matter' ? '事项' : '项目'}
              placeholder={by === 'matter' ? '全部事项' : '落后最多的10个项目'}
              style={{ width: 200 }}
              value={id}
              onChange={(v) => setId(v)}
              options={options.map((o) => ({ value: o.id, label: o.label }))}
            />
          ) : null}
        </>
      }
      table={{
        columns: [
          { title: '对象', dataIndex: 'label' },
          ...t.rounds.map((r) => ({ title: r.periodLabel, dataIndex: r.id })),
        ],
        rows: t.series.map((s) => ({
          key: s.key,
          label: s.label,
          ...Object.fromEntries(s.points.map((p) => [p.roundId, `${pct(p.completion)}（序时${pct(p.expected)}）`])),
        })),
      }}
    />
  );
  const mix = (
    <ChartCard
      title="各期研判状态构成"
      testId="chart-mix"
      option={mixOption}
      onPointClick={(p) => {
        const m = t.statusMix[p.dataIndex];
        const key = STATUS_KEYS[p.seriesIndex];
        const href = m && key ? m.drill[key]?.href : null;
        if (href) navigate(href);
      }}
      table={{
        columns: [
          { title: '批次', dataIndex: 'round' },
          ...STATUS_KEYS.map((k) => ({ title: STATUS_KEY_LABELS[k], dataIndex: k })),
        ],
        rows: t.statusMix.map((m, i) => ({ key: m.roundId, round: names[i], ...m.counts })),
      }}
    />
  );
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={9}>
          {first}
        </Col>
        <Col xs={24} lg={15}>
          {trend}
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={last ? 10 : 24}>
          {mix}
        </Col>
        {last ? (
          <Col xs={24} lg={14}>
            {last}
          </Col>
        ) : null}
      </Row>
    </>
  );
}
