/**
 * A draft kept in this browser was typed on an older version than the server's: both are shown side by side (stacked
 * on a phone) and the user chooses. Nothing is overwritten without that choice.
 */
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import type { ReportDetail } from '../../../../src/shared/api-types';
import type { StoredDraft } from './local-draft';
import { LAG_WORD, type ReportDraft } from './report-draft';

const FIELDS: [keyof ReportDraft, string][] = [
  ['progressText', '落实情况'],
  ['selfAssessment', '进度自评'],
  ['problems', '存在问题'],
  ['nextSteps', '下一步工作'],
  ['targetAdjustmentNote', '年度目标调整情况'],
];

function Side({ draft, detail, testId }: { draft: ReportDraft; detail: ReportDetail; testId: string }) {
  return (
    <div data-testid={testId}>
      {FIELDS.map(([k, label]) => {
        const v = draft[k];
        return (
          <div key={k} className="previous-block">
            <div className="previous-label">{label}</div>
            <div className="cell-text">{typeof v === 'string' && v.trim() ? v : '—'}</div>
          </div>
        );
      })}
      {detail.indicators.length > 0 && (
        <div className="previous-block">
          <div className="previous-label">指标数值</div>
          {detail.indicators.map((i) => (
            <div key={i.id} className="cell-text">
              {i.name}：{draft.values[i.id] == null ? '未填' : `${draft.values[i.id]}${i.unit}`}
            </div>
          ))}
        </div>
      )}
      {draft.selfAssessment === LAG_WORD && (
        <div className="previous-block">
          <div className="previous-label">滞后分析</div>
          <div className="cell-text">
            {[
              draft.lagAnalysis.problems,
              draft.lagAnalysis.subjective,
              draft.lagAnalysis.objective,
              draft.lagAnalysis.plan,
            ]
              .filter((x) => x.trim())
              .join('；') || '—'}
          </div>
        </div>
      )}
    </div>
  );
}

export function DraftConflict({
  stored,
  server,
  detail,
  editable,
  onUseLocal,
  onKeepServer,
}: {
  stored: StoredDraft;
  server: ReportDraft;
  detail: ReportDetail;
  editable: boolean;
  onUseLocal: () => void;
  onKeepServer: () => void;
}) {
  const when = new Date(stored.savedAt).toLocaleString('zh-CN', { hour12: false });
  return (
    <Card size="small" style={{ marginBottom: 12, borderColor: '#d4380d' }} data-testid="draft-conflict">
      <Alert
        type="warning"
        showIcon
        role="alert"
        title="本机有一份未保存的草稿，但服务器上的填报已更新"
        description={`本机草稿写于第 ${stored.baseVersion} 版（${when}），服务器现为第 ${detail.report.versionNo} 版。请对照两者，选择保留哪一份；未经选择不会覆盖任何内容。`}
        style={{ marginBottom: 12 }}
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            本机草稿（未保存）
          </Typography.Title>
          <Side draft={stored.draft} detail={detail} testId="draft-conflict-local" />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            服务器最新版本（第 {detail.report.versionNo} 版）
          </Typography.Title>
          <Side draft={server} detail={detail} testId="draft-conflict-server" />
        </Col>
      </Row>
      <Space wrap style={{ marginTop: 12 }}>
        {editable && (
          <Button type="primary" onClick={onUseLocal} data-testid="draft-use-local">
            用本机草稿继续编辑
          </Button>
        )}
        <Button onClick={onKeepServer} data-testid="draft-keep-server">
          {editable ? '保留服务器版本，丢弃本机草稿' : '丢弃本机草稿'}
        </Button>
      </Space>
    </Card>
  );
}
