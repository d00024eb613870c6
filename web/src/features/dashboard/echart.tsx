/**
 * One ECharts canvas for the dashboard (line, bar, pie). Loaded lazily: ECharts only reaches the browser when a chart
 * is shown. `onReady` hands the instance to the card (image download via getDataURL).
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type EChartProps = {
  option: Record<string, unknown>;
  height?: number;
  /** The chart's instance (for getDataURL). */
  onReady?: (chart: { getDataURL: (o: object) => string }) => void;
  /** A click on a data point: its series and data index. */
  onClick?: (p: { seriesIndex: number; dataIndex: number; name: string }) => void;
};

export default function EChart({ option, height = 300, onReady, onClick }: EChartProps) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height }}
      notMerge
      lazyUpdate
      onChartReady={(c) => onReady?.(c)}
      onEvents={onClick ? { click: onClick } : {}}
    />
  );
}
