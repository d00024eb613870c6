/**
 * 导出正式文件: choose a layout (版式) and a format, see the document's first rows as it will print, download it.
 * Only approved or published content is printed (the layout says which); every export is audited by the server.
 */
import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Progress, Radio, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Block } from '../../../../src/domain/publish/document/model';
import { API } from '../../../../src/shared/contract';
import { call } from '../../api/client';
import { api, documentUrl } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { DocumentPreview } from './document-preview';
import { downloadWithProgress } from './download';

type Format = 'docx' | 'xlsx' | 'pdf';
const FORMATS: { value: Format; label: string; icon: React.ReactNode }[] = [
  { value: 'docx', label: 'Word', icon: <FileWordOutlined /> },
  { value: 'xlsx', label: 'Excel', icon: <FileExcelOutlined /> },
  { value: 'pdf', label: 'PDF', icon: <FilePdfOutlined /> },
];

export function ExportModal({
  roundId,
  programmeId,
  open,
  onClose,
}: {
  roundId: string;
  /** The round's programme: its own layouts (版式) are offered with the built-in ones. */
  programmeId?: string;
  open: boolean;
  onClose: () => void;
}) {
  const layouts = useApi(
    open ? () => (programmeId ? call(API.layouts, { query: { programmeId } }) : api.layouts()) : null,
    [open, programmeId],
  );
  const [layout, setLayout] = useState<string | null>(null);
  const [format, setFormat] = useState<Format>('docx');
  useEffect(() => {
    if (!layout && layouts.data?.length)
      setLayout(layouts.data.find((l) => l.id === 'overview-table')?.id ?? layouts.data[0]!.id);
  }, [layouts.data, layout]);
  const preview = useApi(open && layout ? () => api.documentPreview(roundId, layout) : null, [open, roundId, layout]);
  const chosen = layouts.data?.find((l) => l.id === layout);
  /** null: idle; -1: the server is composing (no byte yet); 0–100: received. */
  const [progress, setProgress] = useState<number | null>(null);
  const { message } = App.useApp();
  const download = async (url: string) => {
    setProgress(-1);
    try {
      await downloadWithProgress(url, setProgress);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title="导出正式文件"
      width={1100}
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button
            type="primary"
            disabled={!layout}
            loading={progress !== null}
            onClick={() => layout && void download(documentUrl(roundId, layout, format))}
            data-testid="export-download"
          >
            下载{FORMATS.find((f) => f.value === format)!.label}文件
          </Button>
        </Space>
      }
    >
      {layouts.error ? (
        <ErrorBlock error={layouts.error} onRetry={layouts.reload} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <span>版式</span>
            <Select
              style={{ width: 340 }}
              loading={layouts.loading}
              value={layout}
              onChange={setLayout}
              options={(layouts.data ?? []).map((l) => ({
                value: l.id,
                label: l.builtin ? l.name : `${l.name}（自建）`,
              }))}
              aria-label="版式"
              data-testid="export-layout"
            />
            <Radio.Group
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              optionType="button"
              options={FORMATS.map((f) => ({
                value: f.value,
                label: (
                  <span data-testid={`export-format-${f.value}`}>
                    {f.icon} {f.label}
                  </span>
                ),
              }))}
            />
          </Space>
          {chosen?.description && <Typography.Text type="secondary">{chosen.description}</Typography.Text>}
          {progress !== null && (
            <div data-testid="export-progress">
              <Typography.Text type="secondary">
                {progress < 0 ? '正在生成文件（行数多时需要数秒）…' : '正在下载…'}
              </Typography.Text>
              <Progress percent={Math.max(0, progress)} status="active" showInfo={progress >= 0} />
            </div>
          )}
          <Alert
            type="info"
            showIcon
            title="只印出已审核（或已发布）的填报内容；未审核的项目只印计划栏目，进展栏目留空。下载的文件可在 Word/WPS/Excel 中继续编辑。"
          />
          {preview.error ? (
            <ErrorBlock error={preview.error} onRetry={preview.reload} />
          ) : preview.loading || !preview.data ? (
            <div style={{ textAlign: 'center', padding: 32 }}>
              <Spin />
            </div>
          ) : (
            <DocumentPreview blocks={preview.data.blocks as Block[]} omittedRows={preview.data.omittedRows} />
          )}
        </Space>
      )}
    </Modal>
  );
}
