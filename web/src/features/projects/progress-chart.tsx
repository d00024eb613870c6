/** Line chart of the computed completion ratio round by round, one line per unit. Loaded lazily (ECharts). */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { ProjectDetail } from '../../../../src/shared/api-types';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ProgressChartProps = { rounds: ProjectDetail['rounds']; height?: number };

export default function ProgressChart({ rounds, height = 240 }: ProgressChartProps) {
  const ordered = [...rounds].sort((a, b) => a.asOf.localeCompare(b.asOf));
  const units = new Map<string, string>();
  for (const r of ordered) for (const rep of r.reports) units.set(rep.unitId, rep.unit);
  const series = [...units].map(([unitId, unit]) => ({
    name: unit,
    type: 'line' as const,
    connectNulls: true,
    symbolSize: 7,
    data: ordered.map((r) => {
      const v = r.reports.find((x) => x.unitId === unitId)?.completionRatio;
      return v == null ? null : Math.round(v * 1000) / 10;
    }),
  }));
  const option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 48, right: 24, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: ordered.map((r) => r.periodLabel), boundaryGap: false },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
    series,
  };
  return (
    <div data-testid="project-progress-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}
