/**
 * 版式: the office's own layouts, edited in the browser with a live preview.
 *
 * `#/programmes/:id/layouts` (and `#/layouts`, the programme worked on): the programme's layouts, 复制为我的版式.
 * `#/layouts/:id`: one layout — its name, texts (with the placeholders), columns (header, content, width, alignment,
 * merge-down; reorder, remove, add), options and page — next to the document it makes of a round, redrawn ~400 ms
 * after each change. 保存 sends the version it was edited from; a 409 (someone saved in between) is shown with a way
 * to load the newest version. Built-in layouts and other roles' views are read-only. Narrow screens stack the preview
 * under the editor.
 */
import { ArrowLeftOutlined, CopyOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  ConfigProvider,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Layout } from '../../../../src/domain/publish/layouts/schema';
import { checkLayout } from '../../../../src/domain/publish/layouts/validate';
import { ApiError, errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href } from '../../router';
import { useAuth } from '../auth/auth-context';
import { useProgramme } from '../rounds/use-programme';
import { ColumnsEditor } from './columns-editor';
import { CopyLayoutModal, LayoutList } from './layout-list';
import { OptionsEditor, TextsEditor } from './layout-settings';
import { type LayoutDetail, layoutsApi } from './layouts-api';
import { LivePreview } from './live-preview';

export default function LayoutEditorPage({
  programmeId = null,
  layoutId,
}: {
  programmeId?: string | null;
  layoutId?: string;
}) {
  if (layoutId) return <LayoutLoader layoutId={layoutId} />;
  return <LayoutList programmeId={programmeId} />;
}

function LayoutLoader({ layoutId }: { layoutId: string }) {
  const detail = useApi(() => layoutsApi.get(layoutId), [layoutId]);
  if (detail.error) return <ErrorBlock error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Spin style={{ display: 'block', margin: 64 }} />;
  // A reload (the newest version after a conflict) starts the editor afresh.
  return <LayoutEditor key={`${detail.data.id}@${detail.data.version}`} initial={detail.data} reload={detail.reload} />;
}

/** Warn before leaving the page with unsaved changes. */
function useLeaveWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

function StatusTags({ saved, dirty }: { saved: LayoutDetail; dirty: boolean }) {
  return (
    <Space size={4} wrap>
      {saved.builtin ? <Tag>内置版式</Tag> : <Tag color="red">自建版式</Tag>}
      {!saved.builtin && <Tag data-testid="layout-version">第{saved.version}版</Tag>}
      {saved.archived && <Tag color="default">已停用</Tag>}
      {dirty && (
        <Tag color="orange" data-testid="layout-dirty">
          有未保存的修改
        </Tag>
      )}
    </Space>
  );
}

function HistorySelect({ saved, onPick }: { saved: LayoutDetail; onPick: (version: number) => void }) {
  if (saved.history.length < 2) return null;
  return (
    <Select
      placeholder="载入历史版本"
      style={{ minWidth: 200 }}
      value={null}
      onChange={(v: number) => onPick(v)}
      options={saved.history.map((h) => ({
        value: h.version,
        label: `第${h.version}版 · ${dayjs(h.savedAt).format('MM-DD HH:mm')} ${h.savedBy ?? ''}`,
      }))}
      aria-label="历史版本"
      data-testid="layout-history"
    />
  );
}

function Notices({
  saved,
  conflict,
  issues,
  reload,
}: {
  saved: LayoutDetail;
  conflict: string | null;
  issues: string | null;
  reload: () => void;
}) {
  return (
    <>
      {saved.builtin && (
        <Alert type="info" showIcon title="内置版式不能直接修改。请“复制为我的版式”，再修改复制出的版式。" />
      )}
      {saved.archived && <Alert type="warning" showIcon title="此版式已停用：不再列出，也不能再用它导出。" />}
      {conflict && (
        <Alert
          type="error"
          showIcon
          title="保存失败：版本冲突"
          description={conflict}
          action={
            <Button size="small" danger onClick={reload} data-testid="layout-reload">
              载入最新版本（放弃本页修改）
            </Button>
          }
          data-testid="layout-conflict"
        />
      )}
      {issues && <Alert type="warning" showIcon title={issues} data-testid="layout-issues" />}
    </>
  );
}

function LayoutEditor({ initial, reload }: { initial: LayoutDetail; reload: () => Promise<void> }) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const { programme } = useProgramme();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Layout>(initial.layout);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [copying, setCopying] = useState(false);
  const programmeId = saved.programmeId ?? programme?.id ?? null;
  const readOnly = !saved.canEdit;
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(saved.layout), [draft, saved.layout]);
  const check = useMemo(() => checkLayout(draft), [draft]);
  useLeaveWarning(dirty && !readOnly);

  const save = async () => {
    setSaving(true);
    setConflict(null);
    try {
      const res = await layoutsApi.save(saved.id, saved.version, draft);
      setSaved(res);
      setDraft(res.layout);
      message.success(res.changed ? `已保存为第${res.version}版` : '内容没有变化，未产生新版本');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(e.message);
      else message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const loadVersion = async (version: number) => {
    try {
      const old = await layoutsApi.get(saved.id, version);
      setDraft(old.layout);
      message.info(`已载入第${version}版的内容；保存后成为新的版本`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space wrap>
              {programmeId && (
                <Button type="text" icon={<ArrowLeftOutlined />} href={href('/programmes', programmeId, 'layouts')}>
                  版式列表
                </Button>
              )}
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="layout-heading">
                {draft.name || saved.layout.name}
              </Typography.Title>
              <StatusTags saved={saved} dirty={dirty} />
            </Space>
            <Space wrap>
              <HistorySelect saved={saved} onPick={(v) => void loadVersion(v)} />
              {me.abilities.openRound && programmeId && (
                <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} data-testid="layout-copy-this">
                  复制为我的版式
                </Button>
              )}
              {!readOnly && (
                <>
                  <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => setDraft(saved.layout)}>
                    撤销修改
                  </Button>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={saving}
                    disabled={!dirty || !check.ok}
                    onClick={() => void save()}
                    data-testid="layout-save"
                  >
                    保存
                  </Button>
                </>
              )}
            </Space>
          </Space>
          <Notices
            saved={saved}
            conflict={conflict}
            issues={check.ok ? null : check.message}
            reload={() => void reload()}
          />
        </Space>
      </Card>
      <Row gutter={[16, 16]} align="stretch">
        <Col xs={24} xl={14}>
          <ConfigProvider componentDisabled={readOnly}>
            <EditorSections layout={draft} onChange={setDraft} readOnly={readOnly} />
          </ConfigProvider>
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Card size="small">
              {programmeId ? (
                <LivePreview programmeId={programmeId} layout={draft} />
              ) : (
                <Alert type="info" showIcon title="没有可预览的实事计划。" />
              )}
            </Card>
          </div>
        </Col>
      </Row>
      {copying && programmeId && (
        <CopyLayoutModal
          programmeId={programmeId}
          source={{ id: saved.id, name: saved.layout.name }}
          onClose={() => setCopying(false)}
        />
      )}
    </Space>
  );
}

function EditorSections({
  layout,
  onChange,
  readOnly,
}: {
  layout: Layout;
  onChange: (l: Layout) => void;
  readOnly: boolean;
}) {
  const items = [
    { key: 'texts', label: '名称、标题与说明', children: <TextsEditor layout={layout} onChange={onChange} /> },
    ...(layout.kind === 'table'
      ? [
          {
            key: 'columns',
            label: `列（${layout.columns.length}）`,
            children: <ColumnsEditor layout={layout} onChange={onChange} readOnly={readOnly} />,
          },
        ]
      : []),
    { key: 'options', label: '内容选项与页面', children: <OptionsEditor layout={layout} onChange={onChange} /> },
  ];
  return (
    <Collapse
      defaultActiveKey={['texts', 'columns', 'options']}
      items={items}
      style={{ background: '#fff' }}
      data-testid="layout-editor"
    />
  );
}
