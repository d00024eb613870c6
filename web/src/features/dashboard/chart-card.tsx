/** A chart in a card: 图表 / 表格 toggle (the same numbers as a table) and 下载图片 (PNG from the chart). */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, type ReactNode, Suspense, useRef, useState } from 'react';

const EChart = lazy(() => import('./echart'));

export type ChartTable = { columns: ColumnsType<Record<string, unknown>>; rows: Record<string, unknown>[] };

export function ChartCard({
  title,
  testId,
  option,
  table,
  height = 300,
  extra,
  onPointClick,
}: {
  title: string;
  testId: string;
  option: Record<string, unknown>;
  table: ChartTable;
  height?: number;
  extra?: ReactNode;
  onPointClick?: (p: { seriesIndex: number; dataIndex: number; name: string }) => void;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const chart = useRef<{ getDataURL: (o: object) => string } | null>(null);
  const download = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${title}.png`;
    a.click();
  };
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      extra={
        <Space wrap>
          {extra}
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { label: '图表', value: 'chart' },
              { label: '表格', value: 'table' },
            ]}
            data-testid={`${testId}-view`}
          />
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={download}
            disabled={view !== 'chart'}
            aria-label={`下载${title}图片`}
          >
            图片
          </Button>
        </Space>
      }
    >
      {view === 'chart' ? (
        <Suspense fallback={<Spin style={{ display: 'block', margin: `${height / 3}px auto` }} />}>
          <EChart
            option={option}
            height={height}
            onReady={(c) => {
              chart.current = c;
            }}
            {...(onPointClick ? { onClick: onPointClick } : {})}
          />
        </Suspense>
      ) : (
        <Table
          size="small"
          rowKey="key"
          columns={table.columns}
          dataSource={table.rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid={`${testId}-table`}
        />
      )}
    </Card>
  );
}
