/** Step 1 of the import: upload a file (with upload progress) or paste a table copied from Word/WPS/Excel/a web page. */
import { EyeOutlined, FileExcelOutlined, FileTextOutlined, FileWordOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Progress, Row, Space, Spin, Tag, Typography, Upload } from 'antd';
import type { ClipboardEvent } from 'react';
import type { UploadProgress } from '../../api/client';
import { formatBytes, IMPORT_ACCEPT, IMPORT_MAX_BYTES } from './import-format';

export type PasteState = {
  /** What the text box shows (the text/plain flavour, or the table's text when only HTML was on the clipboard). */
  text: string;
  /** The clipboard's text/html flavour when it held a table; sent instead of `text` (keeps merged cells). */
  html: string | null;
};

type Props = {
  file: File | null;
  paste: PasteState;
  /** A preview request is running; `sending` says which input it is for. */
  busy: boolean;
  sending: 'file' | 'paste' | null;
  progress: UploadProgress | null;
  onFile: (file: File) => void;
  onPaste: (paste: PasteState) => void;
  onPreviewPaste: () => void;
};

/** Tab-separated text of the first table of an HTML fragment (when the clipboard has no text/plain flavour). */
function tableText(html: string): string {
  try {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const rows = [...doc.querySelectorAll('tr')];
    if (!rows.length) return doc.body.textContent ?? '';
    return rows
      .map((tr) => [...tr.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()))
      .map((cells) => cells.join('\t'))
      .join('\n');
  } catch {
    return '';
  }
}

function fileIcon(name: string) {
  if (/\.docx$/i.test(name)) return <FileWordOutlined style={{ color: '#2b579a' }} />;
  if (/\.xlsx$/i.test(name)) return <FileExcelOutlined style={{ color: '#217346' }} />;
  return <FileTextOutlined />;
}

function UploadState({ file, progress, busy }: { file: File; progress: UploadProgress | null; busy: boolean }) {
  const total = progress?.total || file.size;
  const loaded = progress ? Math.min(progress.loaded, total) : 0;
  const uploaded = progress !== null && loaded >= total;
  return (
    <div style={{ marginTop: 12 }} data-testid="import-file-state">
      <Space>
        {fileIcon(file.name)}
        <Typography.Text strong>{file.name}</Typography.Text>
        <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
      </Space>
      {busy && (
        <div data-testid="import-upload-progress">
          <Progress
            percent={total ? Math.floor((loaded / total) * 100) : 0}
            size="small"
            status="active"
            format={(p) => `${p ?? 0}%`}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {uploaded || !progress ? (
              <Space size={6}>
                <Spin size="small" />
                {progress ? '上传完成，正在解析表格…' : '正在上传…'}
              </Space>
            ) : (
              `正在上传 ${formatBytes(loaded)} / ${formatBytes(total)}`
            )}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

export function ImportSource({ file, paste, busy, sending, progress, onFile, onPaste, onPreviewPaste }: Props) {
  function handlePaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const html = e.clipboardData.getData('text/html');
    // Word, WPS, Excel and browsers put the table as HTML on the clipboard: prefer it (merged cells survive).
    if (html && /<table[\s>]/i.test(html)) {
      e.preventDefault();
      onPaste({ text: e.clipboardData.getData('text/plain') || tableText(html), html });
    }
    // Otherwise the browser inserts the text/plain flavour and onChange takes it.
  }

  return (
    <Card size="small" title="选择文件或粘贴表格" style={{ marginBottom: 12 }}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            方式一：上传文件
          </Typography.Paragraph>
          <div data-testid="import-file">
            <Upload.Dragger
              accept={IMPORT_ACCEPT}
              multiple={false}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(f) => {
                onFile(f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖拽文件到此处</p>
              <p className="ant-upload-hint">
                支持 Word（.docx）、Excel（.xlsx）、文本（.txt）、网页（.html），不超过 {formatBytes(IMPORT_MAX_BYTES)}
              </p>
            </Upload.Dragger>
          </div>
          {file && <UploadState file={file} progress={progress} busy={busy && sending === 'file'} />}
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            方式二：粘贴表格{' '}
            {paste.html && (
              <Tag color="blue" data-testid="import-paste-html">
                已按表格格式粘贴（保留合并单元格）
              </Tag>
            )}
          </Typography.Paragraph>
          <Input.TextArea
            value={paste.text}
            onPaste={handlePaste}
            onChange={(e) => onPaste({ text: e.target.value, html: null })}
            autoSize={{ minRows: 7, maxRows: 14 }}
            placeholder={
              '在 Word、WPS、Excel 或网页中选中整张表格（含标题行和表头）复制，然后粘贴到这里。\n' +
              '例如：\n某某区2026年民生实事项目三季度进展情况表（截至2026年9月30日）\n序号  项目名称  年度目标  …'
            }
            style={{ fontFamily: 'inherit', fontSize: 13 }}
            data-testid="import-paste"
          />
          <Space style={{ marginTop: 8 }}>
            <Button
              type="primary"
              icon={<EyeOutlined />}
              disabled={!paste.text.trim() || (busy && sending !== 'paste')}
              loading={busy && sending === 'paste'}
              onClick={onPreviewPaste}
              data-testid="import-preview"
            >
              预览
            </Button>
            {paste.text && (
              <Button disabled={busy} onClick={() => onPaste({ text: '', html: null })}>
                清空
              </Button>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              预览只解析，不写入任何数据
            </Typography.Text>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}
