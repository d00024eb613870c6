/** The report's fields. Controlled: the page owns the draft. Read-only when not editable. */
import { Alert, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { LIMITS } from '../../../../src/shared/limits';
import { INDICATOR_KIND_LABELS, type IndicatorKind } from '../../../../src/shared/statuses';
import { LAG_WORD, type ReportDraft } from './report-draft';

/** The judgement engine runs in the browser; its chunk loads after the form is on screen. */
const JudgementPanel = lazy(() => import('./judgement-panel'));

type Props = {
  detail: ReportDetail;
  draft: ReportDraft;
  editable: boolean;
  onChange: (patch: Partial<ReportDraft>) => void;
  /** The reviewer's comments per field of the last return, shown next to each field. */
  fieldComments?: Record<string, string> | null;
};

/** A reviewer's comment on one field, shown right under it. */
function FieldNote({ text, field }: { text: string | undefined; field: string }) {
  if (!text) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={`审核意见：${text}`}
      style={{ margin: '4px 0 12px', padding: '4px 8px' }}
      data-testid={`field-comment-${field}`}
    />
  );
}

const fmt = (v: number | null | undefined, unit: string) => (v == null ? '未填' : `${v}${unit}`);

function Text({
  label,
  value,
  editable,
  onChange,
  testId,
  rows = 3,
  placeholder,
}: {
  label: string;
  value: string;
  editable: boolean;
  onChange: (v: string) => void;
  testId: string;
  rows?: number;
  placeholder?: string;
}) {
  return (
    <Form.Item label={label} htmlFor={`field-${testId}`}>
      <Input.TextArea
        id={`field-${testId}`}
        value={value}
        readOnly={!editable}
        variant={editable ? 'outlined' : 'filled'}
        autoSize={{ minRows: rows, maxRows: 14 }}
        maxLength={LIMITS.reportText}
        placeholder={editable ? placeholder : undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </Form.Item>
  );
}

export function ReportForm({ detail, draft, editable, onChange, fieldComments }: Props) {
  const note = (k: string) => fieldComments?.[k];
  const prevValues = new Map((detail.previous?.values ?? []).map((v) => [v.indicatorId, v.value]));
  const progressLen = [...draft.progressText].length;
  const over = progressLen > LIMITS.progressSoftChars;
  const vocabulary = detail.statusVocabulary.length ? detail.statusVocabulary : ['按计划推进', LAG_WORD, '已完成'];
  return (
    <Form layout="vertical" data-testid="report-form">
      <Form.Item
        label="落实情况"
        htmlFor="field-progress-text"
        required
        extra={
          <span className={over ? 'over-limit' : undefined} id="field-progress-count" data-testid="progress-count">
            {progressLen} / {LIMITS.progressSoftChars} 字
            {over ? '（超出建议字数，请精简，突出累计完成量和关键节点）' : '（建议写明截至本期累计完成量、形象进度）'}
          </span>
        }
      >
        <Input.TextArea
          id="field-progress-text"
          aria-describedby="field-progress-count"
          aria-required
          value={draft.progressText}
          readOnly={!editable}
          variant={editable ? 'outlined' : 'filled'}
          autoSize={{ minRows: 5, maxRows: 18 }}
          maxLength={LIMITS.reportText}
          status={over ? 'warning' : undefined}
          placeholder={editable ? '例如：已完成总工程量的39%，累计新增非机动车道3.96公里。' : undefined}
          onChange={(e) => onChange({ progressText: e.target.value })}
          data-testid="progress-text"
        />
      </Form.Item>
      <FieldNote text={note('progress')} field="progress" />

      {detail.indicators.length > 0 && (
        <Form.Item label="指标数值（截至本期累计）">
          <Row gutter={[16, 8]}>
            {detail.indicators.map((ind) => (
              <Col key={ind.id} xs={24} md={12}>
                <div style={{ marginBottom: 4 }}>
                  <label htmlFor={`field-value-${ind.id}`}>{ind.name}</label>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    （{INDICATOR_KIND_LABELS[ind.kind as IndicatorKind] ?? ind.kind}）
                  </Typography.Text>
                </div>
                <InputNumber
                  id={`field-value-${ind.id}`}
                  style={{ width: '100%' }}
                  value={draft.values[ind.id] ?? null}
                  readOnly={!editable}
                  variant={editable ? 'outlined' : 'filled'}
                  suffix={ind.unit || undefined}
                  controls={editable}
                  placeholder={editable ? '填写数值' : '未填'}
                  onChange={(v) =>
                    onChange({ values: { ...draft.values, [ind.id]: typeof v === 'number' ? v : null } })
                  }
                  data-testid={`value-${ind.id}`}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  目标：{ind.targetText || (ind.targetValue != null ? `${ind.targetValue}${ind.unit}` : '—')}
                  {detail.previous ? ` ｜ 上期：${fmt(prevValues.get(ind.id), ind.unit)}` : ''}
                </Typography.Text>
              </Col>
            ))}
          </Row>
        </Form.Item>
      )}
      <FieldNote text={note('numbers')} field="numbers" />

      <Form.Item label="进度自评" required>
        <Radio.Group
          role="radiogroup"
          aria-label="进度自评"
          value={draft.selfAssessment}
          disabled={!editable}
          onChange={(e) => onChange({ selfAssessment: e.target.value as string })}
          data-testid="self-assessment"
        >
          {vocabulary.map((w) => (
            <Radio key={w} value={w} data-testid={`self-assessment-${w}`}>
              {w}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>

      <Suspense fallback={null}>
        <JudgementPanel
          detail={detail}
          draft={draft}
          editable={editable}
          onApplyValue={(indicatorId, value) => onChange({ values: { ...draft.values, [indicatorId]: value } })}
        />
      </Suspense>

      <FieldNote text={note('analysis')} field="analysis" />
      {draft.selfAssessment === LAG_WORD && (
        <div data-testid="lag-analysis">
          {editable && (
            <Alert
              type="warning"
              showIcon
              title="进度滞后，请填写滞后分析"
              description="分别说明存在问题、主观原因、客观原因和下一步工作计划（含完成时限）。"
              style={{ marginBottom: 12 }}
            />
          )}
          <Row gutter={16}>
            {(
              [
                ['problems', '滞后分析：存在问题'],
                ['subjective', '主观原因'],
                ['objective', '客观原因'],
                ['plan', '下一步工作计划'],
              ] as const
            ).map(([key, label]) => (
              <Col key={key} xs={24} md={12}>
                <Text
                  label={label}
                  value={draft.lagAnalysis[key]}
                  editable={editable}
                  rows={2}
                  onChange={(v) => onChange({ lagAnalysis: { ...draft.lagAnalysis, [key]: v } })}
                  testId={`lag-${key}`}
                />
              </Col>
            ))}
          </Row>
        </div>
      )}

      <Text
        label="存在问题"
        value={draft.problems}
        editable={editable}
        onChange={(v) => onChange({ problems: v })}
        testId="problems"
        placeholder="无问题请填“无”"
      />
      <FieldNote text={note('problems')} field="problems" />
      <Text
        label="下一步工作"
        value={draft.nextSteps}
        editable={editable}
        onChange={(v) => onChange({ nextSteps: v })}
        testId="next-steps"
      />
      <FieldNote text={note('nextSteps')} field="nextSteps" />
      <Text
        label="年度目标调整情况"
        value={draft.targetAdjustmentNote}
        editable={editable}
        rows={1}
        onChange={(v) => onChange({ targetAdjustmentNote: v })}
        testId="target-adjustment"
        placeholder="如无调整可不填"
      />
      <Form.Item>
        <Checkbox
          checked={draft.completedAnnualTarget}
          disabled={!editable}
          onChange={(e) => onChange({ completedAnnualTarget: e.target.checked })}
          data-testid="completed-annual-target"
        >
          已完成年度目标
        </Checkbox>
      </Form.Item>
    </Form>
  );
}
