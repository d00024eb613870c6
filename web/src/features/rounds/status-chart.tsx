/** Donut chart of report statuses. Loaded lazily: ECharts only reaches the browser when a chart is shown. */
import { PieChart } from 'echarts/charts';
import { LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportStatus } from '../../../../src/shared/statuses';
import { STATUS_CHART_COLORS } from '../../components/status-tag';

echarts.use([PieChart, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type StatusChartProps = { counts: Partial<Record<ReportStatus, number>>; height?: number };

export default function StatusChart({ counts, height = 260 }: StatusChartProps) {
  const total = REPORT_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const option = {
    color: REPORT_STATUSES.map((s) => STATUS_CHART_COLORS[s]),
    tooltip: { trigger: 'item', formatter: '{b}：{c} 份（{d}%）' },
    legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10 },
    title: {
      text: String(total),
      subtext: '份填报',
      left: 'center',
      top: '36%',
      textStyle: { fontSize: 24, fontWeight: 600, color: '#1f1f1f' },
      subtextStyle: { fontSize: 12, color: '#8c8c8c' },
    },
    series: [
      {
        type: 'pie',
        radius: ['48%', '70%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { show: false },
        data: REPORT_STATUSES.map((s) => ({ name: REPORT_STATUS_LABELS[s], value: counts[s] ?? 0 })),
      },
    ],
  };
  return (
    <div data-testid="status-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}
