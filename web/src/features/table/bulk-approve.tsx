/** 批量审核通过: the selected (filtered) submitted rows in one request; the answer lists approved and refused rows. */
import { App, Button, type ButtonProps, List, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import type { TableRow } from '../../../../src/shared/api-types';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';

type Result = Awaited<ReturnType<typeof api.bulkApprove>>;

export function BulkApproveButton({
  roundId,
  rows,
  onDone,
}: {
  roundId: string;
  rows: TableRow[];
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  async function approve() {
    setBusy(true);
    try {
      const r = await api.bulkApprove(roundId, {
        items: rows.map((x) => ({ reportId: x.reportId, baseVersion: x.versionNo })),
      });
      setResult(r);
      if (!r.refused.length) message.success(`已审核通过 ${r.approved.length} 份填报`);
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Popconfirm
        title="批量审核通过"
        description={`将逐条审核通过所选的 ${rows.length} 份已提交填报。`}
        okText="审核通过"
        cancelText="取消"
        disabled={!rows.length}
        onConfirm={() => void approve()}
        okButtonProps={{ 'data-testid': 'bulk-approve-confirm' } as ButtonProps}
      >
        <Button type="primary" disabled={!rows.length} loading={busy} data-testid="bulk-approve">
          批量审核通过{rows.length ? `（${rows.length}）` : ''}
        </Button>
      </Popconfirm>
      <Modal
        open={result !== null && result.refused.length > 0}
        title="批量审核结果"
        footer={null}
        onCancel={() => setResult(null)}
        data-testid="bulk-approve-result"
      >
        <Typography.Paragraph>
          已通过 {result?.approved.length ?? 0} 份；未通过 {result?.refused.length ?? 0} 份：
        </Typography.Paragraph>
        <List
          size="small"
          dataSource={result?.refused ?? []}
          renderItem={(x) => (
            <List.Item>
              {x.code ?? x.reportId}：{x.reason}
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
