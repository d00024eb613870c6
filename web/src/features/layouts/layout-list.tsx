/**
 * A programme's layouts: the five built-in ones and the office's own, with 复制为我的版式 (a name, then the editor),
 * 编辑/查看 and 停用.
 */
import { CopyOutlined, EditOutlined, EyeOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href, navigate } from '../../router';
import { useProgramme } from '../rounds/use-programme';
import { layoutsApi, type ProgrammeLayout } from './layouts-api';

/** The name modal of 复制为我的版式 (mounted per source: `key` it by the source's id). */
export function CopyLayoutModal({
  programmeId,
  source,
  onClose,
}: {
  programmeId: string;
  source: { id: string; name: string };
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [name, setName] = useState(`${source.name}（我的）`.slice(0, 100));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!name.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const d = await layoutsApi.create(programmeId, source.id, name);
      message.success(`已复制为“${d.layout.name}”`);
      onClose();
      navigate(href('/layouts', d.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="复制为我的版式"
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={busy}
          disabled={!name.trim()}
          onClick={() => void submit()}
          data-testid="layout-copy-ok"
        >
          复制并编辑
        </Button>,
      ]}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          复制“{source.name}”，保存为本实事计划自己的版式，之后可随意修改。
        </Typography.Text>
        <Input
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void submit()}
          placeholder="新版式的名称"
          aria-label="新版式的名称"
          data-testid="layout-copy-name"
        />
        {error && (
          <Typography.Text type="danger" data-testid="layout-copy-error">
            {error}
          </Typography.Text>
        )}
      </Space>
    </Modal>
  );
}

function listColumns(
  canEdit: boolean,
  onCopy: (l: ProgrammeLayout) => void,
  onArchive: (l: ProgrammeLayout) => Promise<void>,
): ColumnsType<ProgrammeLayout> {
  return [
    {
      title: '版式',
      key: 'name',
      render: (_, l) => (
        <div style={{ minWidth: 200 }}>
          <a href={href('/layouts', l.id)} data-testid={`layout-open-${l.id}`}>
            {l.name}
          </a>{' '}
          {l.builtin ? <Tag>内置</Tag> : <Tag color="red">自建</Tag>}
          {l.kind === 'narrative' && <Tag color="blue">文字报告</Tag>}
          {l.description && (
            <div className="muted" style={{ fontSize: 12 }}>
              {l.description}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '版本',
      key: 'version',
      width: 190,
      responsive: ['md'],
      render: (_, l) =>
        l.builtin ? (
          <span className="muted">—</span>
        ) : (
          <span>
            第{l.version}版
            <div className="muted" style={{ fontSize: 12 }}>
              {l.updatedAt ? dayjs(l.updatedAt).format('YYYY-MM-DD HH:mm') : ''} {l.updatedBy ?? ''}
            </div>
          </span>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 260,
      render: (_, l) => (
        <Space wrap size={4}>
          <Button
            size="small"
            icon={canEdit && !l.builtin ? <EditOutlined /> : <EyeOutlined />}
            href={href('/layouts', l.id)}
          >
            {canEdit && !l.builtin ? '编辑' : '查看'}
          </Button>
          {canEdit && (
            <Button size="small" icon={<CopyOutlined />} onClick={() => onCopy(l)} data-testid={`layout-copy-${l.id}`}>
              复制为我的版式
            </Button>
          )}
          {canEdit && !l.builtin && (
            <Popconfirm
              title="停用此版式？"
              description="停用后不再列出，也不能再用它导出；历史版本保留。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => onArchive(l)}
            >
              <Button size="small" danger icon={<StopOutlined />} data-testid={`layout-archive-${l.id}`}>
                停用
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
}

export function LayoutList({ programmeId }: { programmeId: string | null }) {
  const { message } = App.useApp();
  const { programmes, programme, choose } = useProgramme();
  const id = programmeId ?? programme?.id ?? null;
  const list = useApi(id ? () => layoutsApi.list(id) : null, [id]);
  const [copying, setCopying] = useState<ProgrammeLayout | null>(null);
  const archive = async (l: ProgrammeLayout) => {
    try {
      await layoutsApi.archive(l.id);
      message.success(`已停用“${l.name}”`);
      await list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  if (list.error) return <ErrorBlock error={list.error} onRetry={list.reload} />;
  const data = list.data;
  return (
    <Card
      title={<span className="page-title">版式{data ? ` · ${data.programme.name}` : ''}</span>}
      extra={
        programmes.length > 1 && (
          <Select
            value={id ?? undefined}
            style={{ minWidth: 200 }}
            options={programmes.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(v: string) => {
              choose(v);
              navigate(href('/programmes', v, 'layouts'));
            }}
            aria-label="实事计划"
          />
        )
      }
    >
      <Typography.Paragraph type="secondary">
        导出正式文件时可选的版式。内置版式不能修改：点“复制为我的版式”，改列名、调整列的顺序、隐藏或添加列，改标题和说明，保存后即可在“导出正式文件”中使用。每次保存都留有版本。
      </Typography.Paragraph>
      <Table<ProgrammeLayout>
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={false}
        columns={listColumns(data?.canEdit ?? false, setCopying, archive)}
        dataSource={data?.layouts ?? []}
        data-testid="layouts-list"
      />
      {id && copying && (
        <CopyLayoutModal
          key={copying.id}
          programmeId={id}
          source={{ id: copying.id, name: copying.name }}
          onClose={() => setCopying(null)}
        />
      )}
    </Card>
  );
}
