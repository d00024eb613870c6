/**
 * 滞后分析 as its own reviewed document attached to the report: the unit writes and submits it (存在问题, 主观原因,
 * 客观原因, 下一步工作计划, 预计完成日期); the office returns it with a comment or approves it. Also for a project finished
 * after year end.
 */
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { type SaveAnalysisInput, SaveAnalysisSchema } from '../../../../src/shared/contract/reports';
import { LIMITS } from '../../../../src/shared/limits';
import type { ReportStatus } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { StatusTag } from '../../components/status-tag';

type Content = Omit<SaveAnalysisInput, 'baseVersion'>;
const EMPTY: Content = { problems: '', subjective: '', objective: '', plan: '', expectedCompletion: null };
const FIELDS = [
  ['problems', '存在问题'],
  ['subjective', '主观原因'],
  ['objective', '客观原因'],
  ['plan', '下一步工作计划（含完成时限）'],
] as const;

export function AnalysisPanel({ reportId, reportVersion }: { reportId: string; reportVersion: number }) {
  const { message } = App.useApp();
  const state = useApi(() => api.analysis(reportId), [reportId, reportVersion]);
  const [content, setContent] = useState<Content>(EMPTY);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const a = state.data?.analysis;

  useEffect(() => {
    setContent(a ? { ...a.content } : EMPTY);
  }, [a]);

  if (state.error) return <ErrorBlock error={state.error} onRetry={() => void state.reload()} />;
  const d = state.data;
  if (!d) return null;
  const can = d.abilities;
  if (!a && !can.save && d.reasons.length === 0) return null;
  const version = a?.versionNo ?? 0;

  async function run(what: string, fn: () => Promise<typeof d>) {
    setBusy(what);
    setError(null);
    try {
      const next = await fn();
      if (next) state.setData(next);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    const check = SaveAnalysisSchema.safeParse({ baseVersion: version, ...content });
    if (!check.success) return setError(check.error.issues.map((i) => i.message).join('；'));
    if (await run('save', () => api.saveAnalysis(reportId, check.data))) message.success('已保存滞后分析');
  }

  return (
    <Card
      size="small"
      title="滞后分析（单独审核）"
      extra={a ? <StatusTag status={a.status as ReportStatus} testId="analysis-status" /> : null}
      style={{ marginBottom: 12 }}
      data-testid="analysis-panel"
    >
      {d.reasons.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`须附书面分析：${d.reasons.join('；')}`}
          style={{ marginBottom: 8 }}
          data-testid="analysis-reasons"
        />
      )}
      {a?.lastComment && a.status === 'returned' && (
        <Alert type="warning" showIcon title={`审核意见：${a.lastComment}`} style={{ marginBottom: 8 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="analysis-error" />}
      <Form layout="vertical">
        {FIELDS.map(([k, label]) => (
          <Form.Item key={k} label={label} htmlFor={`analysis-field-${k}`} style={{ marginBottom: 8 }}>
            <Input.TextArea
              id={`analysis-field-${k}`}
              value={content[k]}
              readOnly={!can.save}
              variant={can.save ? 'outlined' : 'filled'}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={LIMITS.reportText}
              onChange={(e) => setContent((c) => ({ ...c, [k]: e.target.value }))}
              data-testid={`analysis-${k}`}
            />
          </Form.Item>
        ))}
        <Form.Item label="预计完成日期" htmlFor="analysis-field-expected" style={{ marginBottom: 8 }}>
          <DatePicker
            id="analysis-field-expected"
            disabled={!can.save}
            value={content.expectedCompletion ? dayjs(content.expectedCompletion) : null}
            onChange={(v) => setContent((c) => ({ ...c, expectedCompletion: v ? v.format('YYYY-MM-DD') : null }))}
            data-testid="analysis-expected"
          />
        </Form.Item>
      </Form>
      <Space wrap>
        {can.save && (
          <Button loading={busy === 'save'} onClick={() => void save()} data-testid="analysis-save">
            保存分析
          </Button>
        )}
        {can.submit && (
          <Button
            type="primary"
            loading={busy === 'submit'}
            onClick={() => void run('submit', () => api.analysisAction(reportId, 'submit', version))}
            data-testid="analysis-submit"
          >
            提交分析
          </Button>
        )}
        {can.return && (
          <Button danger onClick={() => setReturning(true)} data-testid="analysis-return">
            退回分析
          </Button>
        )}
        {can.approve && (
          <Button
            type="primary"
            loading={busy === 'approve'}
            onClick={() => void run('approve', () => api.analysisAction(reportId, 'approve', version))}
            data-testid="analysis-approve"
          >
            审核通过分析
          </Button>
        )}
      </Space>
      {a && a.history.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          第 {a.versionNo} 版 · 最近：{a.history[0]!.by ?? '—'} {a.history[0]!.at.slice(0, 16).replace('T', ' ')}
        </Typography.Paragraph>
      )}
      <Modal
        open={returning}
        title="退回滞后分析"
        okText="确认退回"
        okButtonProps={{ danger: true }}
        confirmLoading={busy === 'return'}
        onCancel={() => setReturning(false)}
        onOk={() =>
          void run('return', () => api.analysisAction(reportId, 'return', version, comment)).then((ok) => {
            if (ok) {
              setReturning(false);
              setComment('');
            }
          })
        }
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          value={comment}
          maxLength={LIMITS.comment}
          placeholder="请写明退回原因和修改要求（必填）"
          aria-label="退回原因和修改要求"
          onChange={(e) => setComment(e.target.value)}
          data-testid="analysis-return-comment"
        />
      </Modal>
    </Card>
  );
}
