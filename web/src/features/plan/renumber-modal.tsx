/** 重新编号: preview the new codes ("19-2" or "第19-2项" style), then apply them in one audited change. */
import { Alert, Checkbox, Modal, Radio, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { RenumberResultSchema } from '../../../../src/shared/contract/plan';
import { errorMessage } from '../../api/client';
import { planApi } from './plan-api';

type Result = z.infer<typeof RenumberResultSchema>;

export function RenumberModal({
  programmeId,
  onClose,
  onDone,
}: {
  programmeId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [style, setStyle] = useState<'dash' | 'item'>('dash');
  const [matters, setMatters] = useState(false);
  const [preview, setPreview] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    planApi
      .renumber(programmeId, style, false, matters)
      .then(setPreview)
      .catch((e) => setError(errorMessage(e)));
  }, [programmeId, style, matters]);
  const apply = async () => {
    setSaving(true);
    try {
      await planApi.renumber(programmeId, style, true, matters);
      onDone();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title="重新编号"
      okText="应用新编号"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void apply()}
      onCancel={onClose}
      okButtonProps={
        {
          disabled: !preview || (!preview.projects.length && !preview.matters.length),
          'data-testid': 'renumber-apply',
        } as never
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space direction="vertical" style={{ marginBottom: 12 }}>
        <Radio.Group value={style} onChange={(e) => setStyle(e.target.value)} data-testid="renumber-style">
          <Radio value="dash">“19-2”式（事项序号-项目序号）</Radio>
          <Radio value="item">“第19-2项”式</Radio>
        </Radio.Group>
        <Checkbox checked={matters} onChange={(e) => setMatters(e.target.checked)} data-testid="renumber-matters">
          同时把民生事项按顺序重新编为 1、2、3……
        </Checkbox>
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20 }}
        dataSource={preview?.projects ?? []}
        locale={{ emptyText: '编号已符合所选样式，无需修改' }}
        columns={[
          { title: '项目', dataIndex: 'name' },
          { title: '原编号', dataIndex: 'oldCode', width: 120 },
          { title: '新编号', dataIndex: 'newCode', width: 140 },
        ]}
        data-testid="renumber-preview"
      />
    </Modal>
  );
}
