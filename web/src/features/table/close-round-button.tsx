/** 关闭批次 / 重新开启: a closed round takes no more saves, submissions or returns (approving and publishing go on). */
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Popconfirm } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';

export function CloseRoundButton({
  roundId,
  closed,
  onDone,
}: {
  roundId: string;
  closed: boolean;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function toggle() {
    setBusy(true);
    try {
      await (closed ? api.reopenRound(roundId) : api.closeRound(roundId));
      message.success(closed ? '已重新开启，各单位可继续填报' : '已关闭本批次，各单位不能再填报、提交');
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Popconfirm
      title={closed ? '重新开启本批次' : '关闭本批次'}
      description={
        closed
          ? '重新开启后，各单位可以继续填报和提交。'
          : '关闭后各单位不能再填报、提交，督查室不能再退回；审核和发布照常。'
      }
      okText={closed ? '重新开启' : '关闭'}
      cancelText="取消"
      onConfirm={() => void toggle()}
      okButtonProps={{ 'data-testid': 'close-round-confirm' } as ButtonProps}
    >
      <Button icon={closed ? <UnlockOutlined /> : <LockOutlined />} loading={busy} data-testid="close-round">
        {closed ? '重新开启' : '关闭批次'}
      </Button>
    </Popconfirm>
  );
}
