/**
 * 退回 (an overall comment and/or a comment per field), 审核通过 and 撤销审核 (before publication, with a reason).
 * Used in the table and on the report page.
 */
import { App, Button, type ButtonProps, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { FIELD_COMMENT_KEYS, FIELD_COMMENT_LABELS, type FieldCommentKey } from '../../../src/domain/review/report-diff';
import type { ReportDetail } from '../../../src/shared/api-types';
import { ReturnWithCommentsSchema, RevokeApprovalSchema } from '../../../src/shared/contract/reports';
import { LIMITS } from '../../../src/shared/limits';
import { describeIssues } from '../../../src/shared/schemas';
import { ApiError, errorMessage } from '../api/client';
import { api } from '../api/endpoints';

type Props = {
  reportId: string;
  baseVersion: number;
  /** Shown in the return dialog title. */
  label?: string;
  size?: 'small' | 'middle';
  /** After a successful action (detail) or a conflict that needs a reload (null). */
  onDone: (detail: ReportDetail | null) => void;
};

const PLACEHOLDERS: Record<FieldCommentKey, string> = {
  progress: '例如：请写明截至本期累计完成量。',
  numbers: '例如：指标数值与落实情况中的数字不一致。',
  problems: '例如：请具体说明存在的问题。',
  nextSteps: '例如：下一步工作请列明完成时限。',
  analysis: '例如：客观原因请具体说明。',
};

export function ReviewButtons({ reportId, baseVersion, label, size = 'small', onDone }: Props) {
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [fields, setFields] = useState<Partial<Record<FieldCommentKey, string>>>({});
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);
  const [approving, setApproving] = useState(false);
  const [approveComment, setApproveComment] = useState('');

  function failed(e: unknown) {
    message.error(errorMessage(e));
    if (e instanceof ApiError && (e.status === 409 || e.status === 423)) onDone(null);
  }

  async function approve(withComment?: string) {
    setBusy('approve');
    try {
      const d = await api.approveReport(reportId, baseVersion, withComment?.trim() || undefined);
      message.success('已审核通过');
      setApproving(false);
      setApproveComment('');
      onDone(d);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  }

  async function confirmReturn() {
    const fieldComments = Object.fromEntries(Object.entries(fields).filter(([, v]) => v?.trim()));
    const check = ReturnWithCommentsSchema.safeParse({ baseVersion, comment, fieldComments });
    if (!check.success) {
      setCommentError(check.error.issues.map((i) => i.message).join('；') || describeIssues(check.error.issues));
      return;
    }
    setBusy('return');
    try {
      const d = await api.returnWithComments(reportId, check.data);
      message.success('已退回，填报单位将看到审核意见');
      setReturning(false);
      setComment('');
      setFields({});
      onDone(d);
    } catch (e) {
      failed(e);
      if (e instanceof ApiError && e.status === 409) setReturning(false);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Space size={4} wrap>
        <Button
          size={size}
          danger
          onClick={() => {
            setCommentError(null);
            setReturning(true);
          }}
          disabled={busy !== null}
          data-testid={`return-${reportId}`}
        >
          退回
        </Button>
        <Button
          size={size}
          type="primary"
          loading={busy === 'approve'}
          disabled={busy === 'return'}
          onClick={() => void approve()}
          data-testid={`approve-${reportId}`}
        >
          审核通过
        </Button>
        <Button
          size={size}
          type="link"
          disabled={busy !== null}
          onClick={() => setApproving(true)}
          data-testid={`approve-comment-${reportId}`}
        >
          附意见通过
        </Button>
      </Space>
      <Modal
        open={approving}
        title={label ? `审核通过：${label}` : '审核通过'}
        okText="审核通过"
        okButtonProps={{ 'data-testid': 'approve-comment-confirm' } as ButtonProps}
        confirmLoading={busy === 'approve'}
        onOk={() => void approve(approveComment)}
        onCancel={() => setApproving(false)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          value={approveComment}
          maxLength={LIMITS.comment}
          showCount
          placeholder="审核意见（可选），填报单位将看到此意见"
          onChange={(e) => setApproveComment(e.target.value)}
          data-testid="approve-comment"
        />
      </Modal>
      <Modal
        open={returning}
        title={label ? `退回：${label}` : '退回填报'}
        okText="确认退回"
        okButtonProps={{ danger: true, 'data-testid': 'return-confirm' } as ButtonProps}
        confirmLoading={busy === 'return'}
        onOk={() => void confirmReturn()}
        onCancel={() => setReturning(false)}
        width={640}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          请写明退回原因和修改要求：总体意见、分项意见至少填写一项，填报单位将在对应栏目旁看到分项意见。
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="总体意见" validateStatus={commentError ? 'error' : undefined}>
            <Input.TextArea
              rows={3}
              value={comment}
              maxLength={LIMITS.comment}
              showCount
              status={commentError ? 'error' : undefined}
              onChange={(e) => {
                setComment(e.target.value);
                if (commentError) setCommentError(null);
              }}
              placeholder="例如：落实情况未写明累计完成量，请补充。"
              data-testid="return-comment"
            />
          </Form.Item>
          {FIELD_COMMENT_KEYS.map((k) => (
            <Form.Item key={k} label={`分项意见：${FIELD_COMMENT_LABELS[k]}`} style={{ marginBottom: 8 }}>
              <Input.TextArea
                rows={1}
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={fields[k] ?? ''}
                maxLength={LIMITS.comment}
                placeholder={PLACEHOLDERS[k]}
                onChange={(e) => {
                  setFields((f) => ({ ...f, [k]: e.target.value }));
                  if (commentError) setCommentError(null);
                }}
                data-testid={`return-field-${k}`}
              />
            </Form.Item>
          ))}
        </Form>
        {commentError && (
          <Typography.Text type="danger" data-testid="return-comment-error">
            {commentError}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}

/** 撤销审核: an approved report back to submitted, before publication, with a reason (required). */
export function RevokeButton({ reportId, baseVersion, size = 'middle', onDone }: Omit<Props, 'label'>) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    const check = RevokeApprovalSchema.safeParse({ baseVersion, revokeReason: reason });
    if (!check.success) {
      setError(check.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    try {
      const d = await api.revokeApproval(reportId, baseVersion, check.data.revokeReason);
      message.success('已撤销审核，该填报回到“已提交”');
      setOpen(false);
      setReason('');
      onDone(d);
    } catch (e) {
      message.error(errorMessage(e));
      if (e instanceof ApiError && (e.status === 409 || e.status === 423)) onDone(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button size={size} danger onClick={() => setOpen(true)} data-testid={`revoke-${reportId}`}>
        撤销审核
      </Button>
      <Modal
        open={open}
        title="撤销审核"
        okText="确认撤销"
        okButtonProps={{ danger: true, 'data-testid': 'revoke-confirm' } as ButtonProps}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          撤销后该填报回到“已提交”，可重新审核或退回。已发布的填报不能撤销。请写明原因（必填，记入审计日志）。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={reason}
          maxLength={LIMITS.comment}
          showCount
          status={error ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (error) setError(null);
          }}
          placeholder="例如：数值与台账不符，需重新核实。"
          data-testid="revoke-reason"
        />
        {error && (
          <Typography.Text type="danger" data-testid="revoke-reason-error">
            {error}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}
