/**
 * 领导总览 (issue 12 §1): where are we? Headline counts by computed status and light with the change since the last
 * round, lagging projects (red first), self-assessments the numbers contradict, overdue units, trends, investment
 * against physical progress and the unit ranking. Every number opens the rows behind it (in the page, and the
 * consolidated table filtered the same way); every chart has a table view and an image download.
 */
import { ArrowDownOutlined, ArrowUpOutlined, TrophyOutlined } from '@ant-design/icons';
import { Card, Col, Empty, List, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { LightDot } from '../../components/status-tag';
import { navigate } from '../../router';
import { ChartCard } from './chart-card';
import { type Drill, DrillTable, type Overview, pct, type Selected } from './drill';
import { RankingCard } from './ranking-card';
import { TrendCards } from './trend-cards';

type Count = Overview['total'];

const STATUS_COLORS: Record<string, string> = {
  completed: '#389e0d',
  exceeded: '#237804',
  ahead: '#73d13d',
  on_schedule: '#95de64',
  lagging: '#faad14',
  severe: '#f5222d',
  unassessed: '#bfbfbf',
};

function Change({ c }: { c: Count }) {
  if (c.change === null) return <Typography.Text type="secondary">无上期</Typography.Text>;
  if (c.change === 0) return <Typography.Text type="secondary">与上期持平</Typography.Text>;
  const up = c.change > 0;
  return (
    <Typography.Text type="secondary">
      较上期 {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
      {Math.abs(c.change)}
    </Typography.Text>
  );
}

/** A headline number: a button that opens its rows. */
function Headline({
  c,
  color,
  onOpen,
  testId,
}: {
  c: Count;
  color?: string;
  onOpen: (title: string, d: Drill) => void;
  testId: string;
}) {
  return (
    <Card size="small" className="dash-headline">
      <Typography.Text type="secondary">{c.label}</Typography.Text>
      <div>
        <button
          type="button"
          className="dash-number"
          style={{ color, fontSize: 28, fontWeight: 600, background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
          onClick={() => onOpen(c.label, c.drill)}
          data-testid={testId}
          aria-label={`${c.label} ${c.count}，查看明细`}
        >
          {c.count}
        </button>
      </div>
      <Change c={c} />
    </Card>
  );
}

export default function DashboardPage({ programmeId }: { programmeId: string | null }) {
  // The round chosen for this programme (another programme starts at its latest round).
  const [pick, setPick] = useState<{ programmeId: string | null; roundId?: string }>({ programmeId });
  const roundId = pick.programmeId === programmeId ? pick.roundId : undefined;
  const setRoundId = (id: string) => setPick({ programmeId, roundId: id });
  const q = { ...(programmeId ? { programme: programmeId } : {}), ...(roundId ? { round: roundId } : {}) };
  const overview = useApi(() => api.dashboard(q), [q]);
  // The opened drill-down belongs to the programme and round it was opened in.
  const view = `${programmeId ?? ''}|${roundId ?? ''}`;
  const [opened, setSelected] = useState<(Selected & { view: string }) | null>(null);
  const selected = opened?.view === view ? opened : null;
  const drillRef = useRef<HTMLDivElement>(null);
  const open = (title: string, drill: Drill) => {
    setSelected({ title, drill, view });
    setTimeout(() => drillRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
  };

  if (overview.error) return <ErrorBlock error={overview.error} onRetry={overview.reload} />;
  const d = overview.data;
  if (!d) return <Spin style={{ display: 'block', margin: '96px auto' }} />;
  if (!d.programme)
    return (
      <Card>
        <Empty description="还没有可查看的实事计划" />
      </Card>
    );
  const pid = d.programme.id;
  const statusOption = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 份（{d}%）' },
    legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '68%'],
        center: ['50%', '42%'],
        label: { show: false },
        data: d.byStatus.map((c) => ({
          name: c.label,
          value: c.count,
          itemStyle: { color: STATUS_COLORS[c.key] },
        })),
      },
    ],
  };
  const investOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: d.investment.items.map((i) => i.code), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: '投资完成比例', type: 'bar', data: d.investment.items.map((i) => i.investedRatio) },
      { name: '形象进度（完成比例）', type: 'bar', data: d.investment.items.map((i) => i.physicalRatio) },
    ],
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              领导总览
            </Typography.Title>
            <Select
              aria-label="实事计划"
              style={{ minWidth: 220 }}
              value={pid}
              options={d.programmes.map((p) => ({ value: p.id, label: `${p.name}（${p.owner}）` }))}
              onChange={(v) => navigate(`/dashboard?programme=${encodeURIComponent(v)}`)}
              data-testid="dash-programme"
            />
            <Select
              aria-label="填报批次"
              style={{ minWidth: 220 }}
              value={d.round?.id}
              placeholder="尚无填报批次"
              options={[...d.rounds].reverse().map((r) => ({ value: r.id, label: r.name }))}
              onChange={(v) => setRoundId(v)}
              data-testid="dash-round"
            />
          </Space>
          <Space wrap>
            {d.round ? <a href={`#/rounds/${encodeURIComponent(d.round.id)}/table`}>汇总表</a> : null}
            <a href={`#/scores?programme=${encodeURIComponent(pid)}`} data-testid="dash-scores-link">
              <TrophyOutlined /> 考核评分
            </a>
          </Space>
        </Space>
        <Typography.Text type="secondary">
          {d.round ? `${d.round.periodLabel}（截至${d.round.asOf}）` : '尚无填报批次'}
          {d.previousRound ? `；变化对比上期：${d.previousRound.name}` : ''}
        </Typography.Text>
      </Card>

      <Row gutter={[12, 12]}>
        {(
          [
            { c: d.total, id: 'head-total' },
            { c: d.handedIn, id: 'head-handed' },
            { c: d.behind, id: 'head-behind', color: '#d48806' },
            ...d.byLight.map((c) => ({
              c,
              id: `head-light-${c.key}`,
              color: { green: '#389e0d', yellow: '#d48806', red: '#cf1322' }[c.key],
            })),
          ] as { c: Count; id: string; color?: string }[]
        ).map((x) => (
          <Col xs={12} sm={8} lg={4} key={x.id}>
            <Headline c={x.c} onOpen={open} testId={x.id} {...(x.color ? { color: x.color } : {})} />
          </Col>
        ))}
      </Row>

      <Card size="small" title="按研判状态">
        <Space wrap size="large">
          {d.byStatus.map((c) => (
            <Space key={c.key} direction="vertical" size={0}>
              <Typography.Text type="secondary">{c.label}</Typography.Text>
              <Space>
                <button
                  type="button"
                  onClick={() => open(c.label, c.drill)}
                  style={{
                    color: STATUS_COLORS[c.key],
                    fontSize: 20,
                    fontWeight: 600,
                    background: 'none',
                    border: 0,
                    padding: 0,
                    cursor: 'pointer',
                  }}
                  data-testid={`status-${c.key}`}
                  aria-label={`${c.label} ${c.count}，查看明细`}
                >
                  {c.count}
                </button>
                {c.change ? (
                  <Typography.Text type="secondary">{c.change > 0 ? `+${c.change}` : c.change}</Typography.Text>
                ) : null}
              </Space>
            </Space>
          ))}
        </Space>
      </Card>

      <div ref={drillRef}>
        {selected ? <DrillTable selected={selected} rows={d.rows} onClose={() => setSelected(null)} /> : null}
      </div>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={`滞后项目（${d.lagging.length}）`} data-testid="lagging">
            <List
              size="small"
              dataSource={d.lagging}
              locale={{ emptyText: '本期没有滞后项目' }}
              pagination={d.lagging.length > 8 ? { pageSize: 8, size: 'small' } : false}
              renderItem={(r) => (
                <List.Item
                  actions={[
                    <a
                      key="rows"
                      onClick={() =>
                        open(`${r.code} ${r.name}`, { ...r.drill, filter: { project: r.projectId, unit: r.unitId } })
                      }
                    >
                      明细
                    </a>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <LightDot light={r.light} text={r.computedStatus} />
                        <a href={`#/reports/${encodeURIComponent(r.reportId)}`}>
                          {r.code} {r.name}
                        </a>
                        <Tag>{r.unit}</Tag>
                      </Space>
                    }
                    description={
                      <span>
                        完成{pct(r.completionRatio)}，序时进度{pct(r.expectedRatio)}
                        {r.gapPoints !== null ? `，落后${Math.abs(Math.round(r.gapPoints))}个百分点` : ''}
                        {/^(无|暂无)?[。.]?$/.test(r.problems.trim()) ? '' : `。存在问题：${r.problems.trim()}`}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={`逾期未报单位（${d.overdueUnits.length}）`} data-testid="overdue">
              <List
                size="small"
                dataSource={d.overdueUnits}
                locale={{ emptyText: '没有逾期未报的单位' }}
                renderItem={(u) => (
                  <List.Item
                    actions={[
                      <a key="rows" onClick={() => open(`${u.unit}未报送`, u.drill)}>
                        明细
                      </a>,
                    ]}
                  >
                    <Space wrap>
                      <span>{u.unit}</span>
                      <Tag color="red">逾期{u.daysOverdue}天</Tag>
                      <Typography.Text type="secondary">
                        未报 {u.pending}/{u.total}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={`自评与数据不符（${d.mismatches.length}）`} data-testid="mismatches">
              <List
                size="small"
                dataSource={d.mismatches}
                locale={{ emptyText: '没有自评与数据不符的填报' }}
                renderItem={(r) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <a href={`#/reports/${encodeURIComponent(r.reportId)}`}>
                          {r.code} {r.name}（{r.unit}）
                        </a>
                      }
                      description={`自评“${r.selfAssessment ?? '—'}”，研判“${r.computedStatus ?? '未研判'}”：${r.mismatch}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>

      <TrendCards
        programmeId={pid}
        first={
          <ChartCard
            title="本期研判状态构成"
            testId="chart-status"
            option={statusOption}
            onPointClick={(p) => {
              const c = d.byStatus[p.dataIndex];
              if (c) open(c.label, c.drill);
            }}
            table={{
              columns: [
                { title: '研判状态', dataIndex: 'label' },
                { title: '份数', dataIndex: 'count' },
                { title: '上期', dataIndex: 'previous' },
              ],
              rows: d.byStatus.map((c) => ({
                key: c.key,
                label: c.label,
                count: c.count,
                previous: c.previous ?? '—',
              })),
            }}
          />
        }
        last={
          d.investment.items.length ? (
            <ChartCard
              title={`投资与形象进度（计划投资${d.investment.target}万元，已完成${d.investment.invested}万元）`}
              testId="chart-investment"
              option={investOption}
              onPointClick={(p) => {
                const i = d.investment.items[p.dataIndex];
                if (i) open(`${i.code} ${i.name}`, i.drill);
              }}
              table={{
                columns: [
                  { title: '编号', dataIndex: 'code' },
                  { title: '项目', dataIndex: 'name' },
                  { title: '投资指标', dataIndex: 'indicator' },
                  { title: '计划投资（万元）', dataIndex: 'target' },
                  { title: '已完成投资（万元）', dataIndex: 'invested' },
                  { title: '投资完成比例', dataIndex: 'investedRatio' },
                  { title: '形象进度', dataIndex: 'physicalRatio' },
                ],
                rows: d.investment.items.map((i) => ({
                  key: `${i.projectId}|${i.indicator}`,
                  code: i.code,
                  name: i.name,
                  indicator: i.indicator,
                  target: i.target ?? '—',
                  invested: i.invested ?? '—',
                  investedRatio: pct(i.investedRatio),
                  physicalRatio: pct(i.physicalRatio),
                })),
              }}
            />
          ) : null
        }
      />

      <RankingCard programmeId={pid} roundId={d.round?.id ?? null} />
    </Space>
  );
}
