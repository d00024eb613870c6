/**
 * 智能研判 beside the self-assessment: the judgement engine (src/domain/assess/judge) run in the browser on the text being
 * typed (debounced): numbers found in the progress text (with 填入 into the matching indicator), the computed status
 * with its traffic light against the schedule, a warning when the self-assessment disagrees, and the writing rules.
 * Loaded lazily by the report form (the engine is only needed on this page). Advisory only: nothing is saved here.
 */
import { CheckOutlined, DownOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { judgeReport } from '../../../../src/domain/assess';
import {
  checkWriting,
  convertValue,
  type Finding,
  type JudgeResult,
  pct,
  type Quantity,
  type QuantityKind,
} from '../../../../src/domain/assess/judge';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { LightDot } from '../../components/status-tag';
import { panelContent } from './judge-content';
import type { ReportDraft } from './report-draft';

export type JudgementPanelProps = {
  detail: ReportDetail;
  draft: ReportDraft;
  /** False on a read-only report: no 填入 buttons. */
  editable?: boolean;
  /** Put a number found in the text into an indicator's input. */
  onApplyValue?: (indicatorId: string, value: number) => void;
};

type Indicator = ReportDetail['indicators'][number];

const DEBOUNCE_MS = 200;

const KIND_LABELS: Record<QuantityKind, { text: string; color: string }> = {
  cumulative: { text: '累计', color: 'blue' },
  period: { text: '本期', color: 'cyan' },
  percent: { text: '百分比', color: 'purple' },
  money: { text: '金额', color: 'gold' },
  other: { text: '其他', color: 'default' },
};

const SEVERITY: Record<Finding['severity'], { text: string; color: string; rank: number }> = {
  error: { text: '必改', color: 'red', rank: 0 },
  warning: { text: '注意', color: 'orange', rank: 1 },
  info: { text: '提示', color: 'blue', rank: 2 },
};

const FIELD_LABELS: Record<NonNullable<Finding['field']>, string> = {
  progress: '落实情况',
  target: '年度目标',
  periodTarget: '本期目标',
  problems: '存在问题',
  nextSteps: '下一步工作',
  analysis: '滞后分析',
};

/** The value as typed in the indicator's unit: 3960米 → 3.96 for an indicator in 公里; null when units differ. */
const valueFor = (q: Quantity, ind: Indicator): number | null => convertValue(q.value, q.unit, ind.unit);

/** Indicators a quantity can be put into, best first (same unit; the one whose name mentions the object first). */
function candidates(q: Quantity, indicators: Indicator[]): { ind: Indicator; value: number }[] {
  const out = indicators.flatMap((ind) => {
    const value = valueFor(q, ind);
    return value === null ? [] : [{ ind, value }];
  });
  const hint = (ind: Indicator) =>
    (q.object && (ind.name.includes(q.object) || ind.targetText.includes(q.object))) ||
    (q.verb && ind.targetText.includes(q.verb))
      ? 0
      : 1;
  return out.sort((x, y) => hint(x.ind) - hint(y.ind));
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const fmtNum = (v: number) => String(Math.round(v * 100) / 100);
const excerpt = (text: string, span?: [number, number]) => {
  if (!span) return '';
  const s = text.slice(span[0], span[1]).replace(/\s+/g, ' ').trim();
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
};

function ApplyButton({
  q,
  i,
  indicators,
  values,
  onApply,
}: {
  q: Quantity;
  i: number;
  indicators: Indicator[];
  values: ReportDraft['values'];
  onApply: (indicatorId: string, value: number) => void;
}) {
  const list = candidates(q, indicators);
  const testId = `apply-quantity-${i}`;
  if (!list.length)
    return (
      <Tooltip title={indicators.length ? '没有计量单位相同的指标' : '本项目没有指标'}>
        <Button size="small" disabled data-testid={testId}>
          填入
        </Button>
      </Tooltip>
    );
  const first = list[0]!;
  if (list.length === 1) {
    const done = values[first.ind.id] === first.value;
    return (
      <Tooltip title={`填入“${first.ind.name}”：${fmtNum(first.value)}${first.ind.unit}`}>
        <Button
          size="small"
          type={done ? 'text' : 'default'}
          icon={done ? <CheckOutlined /> : undefined}
          onClick={() => onApply(first.ind.id, first.value)}
          data-testid={testId}
        >
          {done ? '已填入' : '填入'}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: list.map((c) => ({
          key: c.ind.id,
          label: (
            <span data-testid={`${testId}-${c.ind.id}`}>
              {c.ind.name}：{fmtNum(c.value)}
              {c.ind.unit}
              {values[c.ind.id] === c.value ? '（已填入）' : ''}
            </span>
          ),
        })),
        onClick: ({ key }) => {
          const c = list.find((x) => x.ind.id === key);
          if (c) onApply(c.ind.id, c.value);
        },
      }}
    >
      <Button size="small" data-testid={testId}>
        填入 <DownOutlined />
      </Button>
    </Dropdown>
  );
}

function StatusLine({ r, selfAssessment }: { r: JudgeResult | null; selfAssessment: string | null }) {
  return (
    <div data-testid="judgement-status" data-status={r?.computedStatus ?? ''} data-light={r?.light ?? ''}>
      <Space wrap size={[16, 4]}>
        <span>
          <Typography.Text type="secondary">系统研判：</Typography.Text>
          {r?.computedStatus ? (
            <LightDot light={r.light} text={r.computedStatus} />
          ) : (
            <Typography.Text type="secondary">无法研判</Typography.Text>
          )}
        </span>
        {r?.completionRatio != null && (
          <span>
            <Typography.Text type="secondary">完成比例 </Typography.Text>
            {pct(r.completionRatio)}
          </span>
        )}
        {r?.expectedRatio != null && (
          <span>
            <Typography.Text type="secondary">序时进度 </Typography.Text>
            {pct(r.expectedRatio)}
          </span>
        )}
        {r?.gapPoints != null && (
          <span>
            <Typography.Text type={r.gapPoints < 0 ? 'danger' : 'success'}>
              {r.gapPoints > 0 ? '超序时' : r.gapPoints < 0 ? '落后序时' : '与序时持平'}
              {r.gapPoints !== 0 ? ` ${Math.abs(r.gapPoints).toFixed(1)} 个百分点` : ''}
            </Typography.Text>
          </span>
        )}
        <span>
          <Typography.Text type="secondary">单位自评：</Typography.Text>
          {selfAssessment ?? <Typography.Text type="secondary">未选择</Typography.Text>}
        </span>
      </Space>
      {r?.reason && (
        <div className="muted" style={{ fontSize: 12, marginTop: 2 }} data-testid="judgement-reason">
          {r.reason}
        </div>
      )}
    </div>
  );
}

function FindingList({ findings, texts }: { findings: Finding[]; texts: Record<string, string> }) {
  if (!findings.length)
    return (
      <Typography.Text type="success" style={{ fontSize: 13 }} data-testid="judgement-findings">
        <CheckOutlined /> 未发现填写问题
      </Typography.Text>
    );
  return (
    <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }} data-testid="judgement-findings">
      {findings.map((f, k) => {
        const sev = SEVERITY[f.severity];
        const quote = f.field ? excerpt(texts[f.field] ?? '', f.span) : '';
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: findings have no identity; the list is rebuilt each time
            key={k}
            style={{ fontSize: 13, lineHeight: 1.8 }}
            data-rule={f.rule}
            data-severity={f.severity}
          >
            <Tag color={sev.color} style={{ marginInlineEnd: 6 }}>
              {sev.text}
            </Tag>
            {f.field && (
              <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
                [{FIELD_LABELS[f.field]}]
              </Typography.Text>
            )}
            {f.message}
            {quote && <Typography.Text type="secondary">（“{quote}”）</Typography.Text>}
          </li>
        );
      })}
    </ul>
  );
}

export function JudgementPanel({ detail, draft, editable = false, onApplyValue }: JudgementPanelProps) {
  const { indicators } = detail;
  const typed = useDebounced(draft, DEBOUNCE_MS);
  const input = useMemo(
    () => ({
      progress: typed.progressText,
      problems: typed.problems,
      nextSteps: typed.nextSteps,
      selfAssessment: typed.selfAssessment,
    }),
    [typed.progressText, typed.problems, typed.nextSteps, typed.selfAssessment],
  );

  // The same pure function the server stores assessments with (domain/assess): one assembly of the engine's input,
  // with the numbers the server would judge the version with (judge-content.ts).
  const content = useMemo(() => panelContent(detail, typed, editable), [detail, typed, editable]);
  const judged = useMemo(() => judgeReport(detail.judge.facts, content), [detail.judge.facts, content]);

  const writing = useMemo((): Finding[] => {
    try {
      return checkWriting({ progress: input.progress, problems: input.problems, nextSteps: input.nextSteps });
    } catch {
      return [];
    }
  }, [input]);

  const r = judged.result;
  /** The self-assessment checks go into their own warning; the rest and the writing rules into one list. */
  const { disagreement, findings } = useMemo(() => {
    const all = r?.findings ?? [];
    const isDisagreement = (f: Finding) => f.rule.startsWith('self-assessment-') && f.severity !== 'info';
    const seen = new Set<string>();
    const rest = [...all.filter((f) => !isDisagreement(f)), ...writing]
      .filter((f) => {
        const key = `${f.rule}|${f.field ?? ''}|${f.message}|${f.span?.join(',') ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => SEVERITY[a.severity].rank - SEVERITY[b.severity].rank);
    return { disagreement: all.filter(isDisagreement), findings: rest };
  }, [r, writing]);
  const texts: Record<string, string> = {
    progress: input.progress,
    problems: input.problems,
    nextSteps: input.nextSteps,
    target: detail.judge.target,
    periodTarget: detail.judge.periodTarget,
  };
  const quantities = r?.quantities ?? [];

  return (
    <div
      style={{ border: '1px solid #d6e4ff', background: '#f7faff', borderRadius: 4, padding: 12, marginBottom: 16 }}
      data-testid="judgement-panel"
    >
      <div style={{ marginBottom: 8 }}>
        <ExperimentOutlined style={{ color: '#1f4e8c', marginInlineEnd: 6 }} />
        <Typography.Text strong>智能研判</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
          {detail.judge.basis === 'share'
            ? `对照本单位分担任务（${detail.judge.target}）和序时进度实时计算，仅供参考，以审核意见为准`
            : '对照年度目标和序时进度实时计算，仅供参考，以审核意见为准'}
        </Typography.Text>
      </div>
      {judged.error ? (
        <Alert type="info" showIcon title={`暂时无法研判：${judged.error}`} style={{ marginBottom: 8 }} />
      ) : (
        <StatusLine r={r} selfAssessment={input.selfAssessment} />
      )}
      {(content.values?.length || content.publishedRatio != null) && (
        <div className="muted" style={{ fontSize: 12, marginTop: 2 }} data-testid="judgement-given-numbers">
          按数据研判：
          {[
            ...(content.values?.length
              ? [`累计完成 ${content.values.map((v) => `${fmtNum(v.value)}${v.unit ?? ''}`).join('、')}`]
              : []),
            ...(content.publishedRatio != null ? [`公布完成率 ${pct(content.publishedRatio)}`] : []),
          ].join('；')}
        </div>
      )}
      {disagreement.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="自评与数据不一致"
          description={disagreement.map((f) => f.message).join('；')}
          style={{ marginTop: 8 }}
          data-testid="judgement-disagreement"
        />
      )}

      <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          落实情况中的数据（{quantities.length}）
        </Typography.Text>
        {quantities.length ? (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 4 }} data-testid="judgement-quantities">
            {quantities.map((q, i) => {
              const kind = KIND_LABELS[q.kind] ?? KIND_LABELS.other;
              return (
                <span
                  key={`${q.span[0]}-${q.span[1]}`}
                  style={{
                    display: 'inline-flex',
                    alignItems: 'center',
                    gap: 6,
                    background: '#fff',
                    border: '1px solid #f0f0f0',
                    borderRadius: 4,
                    padding: '2px 6px',
                  }}
                  data-testid={`judgement-quantity-${i}`}
                  data-kind={q.kind}
                  data-value={q.value}
                  data-unit={q.unit}
                >
                  <Tag color={kind.color} style={{ marginInlineEnd: 0 }}>
                    {kind.text}
                  </Tag>
                  <Tooltip title={[q.verb, q.object].filter(Boolean).join(' ') || undefined}>
                    <Typography.Text strong>
                      {fmtNum(q.value)}
                      {q.max !== undefined ? `-${fmtNum(q.max)}` : ''}
                      {q.unit}
                    </Typography.Text>
                  </Tooltip>
                  {q.object && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {q.object}
                    </Typography.Text>
                  )}
                  {editable && onApplyValue && (
                    <ApplyButton q={q} i={i} indicators={indicators} values={draft.values} onApply={onApplyValue} />
                  )}
                </span>
              );
            })}
          </div>
        ) : (
          <div className="muted" style={{ fontSize: 13 }}>
            未识别到数量、比例或金额
          </div>
        )}
      </div>

      <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          填写检查
        </Typography.Text>
        <FindingList findings={findings} texts={texts} />
      </div>
    </div>
  );
}

export default JudgementPanel;
