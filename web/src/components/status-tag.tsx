import { Badge, Tag } from 'antd';
import { REPORT_STATUS_LABELS, type ReportStatus } from '../../../src/shared/statuses';

export const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
  published: 'purple',
};

/** Chart colours matching the tags. */
export const STATUS_CHART_COLORS: Record<ReportStatus, string> = {
  draft: '#bfbfbf',
  submitted: '#1677ff',
  returned: '#fa8c16',
  approved: '#52c41a',
  published: '#722ed1',
};

export function StatusTag({ status, testId }: { status: ReportStatus; testId?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {REPORT_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

const LIGHT_COLORS = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const;
const LIGHT_LABELS = { green: '正常', yellow: '关注', red: '预警' } as const;

/** Traffic-light dot for the computed judgement. */
export function LightDot({
  light,
  text,
}: {
  light: 'green' | 'yellow' | 'red' | null | undefined;
  text?: string | null;
}) {
  if (!light) return text ? <span>{text}</span> : <span className="muted">—</span>;
  return <Badge color={LIGHT_COLORS[light]} text={text || LIGHT_LABELS[light]} data-light={light} />;
}
