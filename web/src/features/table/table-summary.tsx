/** Above the table: counts per status (click to filter) and the 未报送单位 alert. */
import { Alert, Card, Col, Row, Statistic } from 'antd';
import type { ConsolidatedTable } from '../../../../src/shared/api-types';
import { REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportStatus } from '../../../../src/shared/statuses';
import { STATUS_CHART_COLORS } from '../../components/status-tag';

export function StatusCounts({
  counts,
  active,
  onPick,
}: {
  counts: ConsolidatedTable['counts'];
  active?: ReportStatus;
  onPick?: (s: ReportStatus) => void;
}) {
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="status-counts">
      {REPORT_STATUSES.map((s) => (
        <Col key={s} flex="1 1 150px">
          <Card
            size="small"
            hoverable={Boolean(onPick)}
            onClick={() => onPick?.(s)}
            style={{
              borderTop: `3px solid ${STATUS_CHART_COLORS[s]}`,
              background: active === s ? '#f0f5ff' : undefined,
            }}
            data-testid={`count-${s}`}
          >
            <Statistic title={REPORT_STATUS_LABELS[s]} value={counts[s] ?? 0} suffix="份" />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function MissingUnits({ missing, total }: { missing: ConsolidatedTable['missing']; total: number }) {
  if (!missing.length) {
    return (
      <Alert
        type="success"
        showIcon
        title={total ? '所有单位均已报送' : '本批次暂无填报记录'}
        style={{ marginBottom: 12 }}
        data-testid="missing-units"
      />
    );
  }
  const pending = missing.reduce((n, m) => n + m.pending, 0);
  return (
    <Alert
      type="warning"
      showIcon
      title={`未报送单位：${missing.length} 个单位，${pending} 份填报尚未提交`}
      description={
        <div className="cell-text" style={{ lineHeight: 1.9 }}>
          {missing.map((m, i) => (
            <span key={m.unitId} data-testid={`missing-${m.unitId}`}>
              {m.unit}（{m.pending}/{m.total}）{i < missing.length - 1 ? '、' : ''}
            </span>
          ))}
        </div>
      }
      style={{ marginBottom: 12 }}
      data-testid="missing-units"
    />
  );
}
