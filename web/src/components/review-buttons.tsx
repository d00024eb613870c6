/** 退回 (with a required comment) and 审核通过, for a submitted report. Used in the table and on the report page. */
import { App, Button, type ButtonProps, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ReportDetail } from '../../../src/shared/api-types';
import { LIMITS } from '../../../src/shared/limits';
import { describeIssues, ReturnReportSchema } from '../../../src/shared/schemas';
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

export function ReviewButtons({ reportId, baseVersion, label, size = 'small', onDone }: Props) {
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);

  function failed(e: unknown) {
    message.error(errorMessage(e));
    if (e instanceof ApiError && (e.status === 409 || e.status === 423)) onDone(null);
  }

  async function approve() {
    setBusy('approve');
    try {
      const d = await api.approveReport(reportId, baseVersion);
      message.success('已审核通过');
      onDone(d);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  }

  async function confirmReturn() {
    const check = ReturnReportSchema.safeParse({ baseVersion, comment });
    if (!check.success) {
      setCommentError(describeIssues(check.error.issues));
      return;
    }
    setBusy('return');
    try {
      const d = await api.returnReport(reportId, baseVersion, check.data.comment);
      message.success('已退回，填报单位将看到审核意见');
      setReturning(false);
      setComment('');
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
      </Space>
      <Modal
        open={returning}
        title={label ? `退回：${label}` : '退回填报'}
        okText="确认退回"
        okButtonProps={{ danger: true, 'data-testid': 'return-confirm' } as ButtonProps}
        confirmLoading={busy === 'return'}
        onOk={() => void confirmReturn()}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          请写明退回原因和修改要求，填报单位将看到此意见（必填）。
        </Typography.Paragraph>
        <Input.TextArea
          rows={4}
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
        {commentError && (
          <Typography.Text type="danger" data-testid="return-comment-error">
            {commentError}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}
