/**
 * 计划编制 (#/plan, #/plan/:id): the programmes with 新建; a programme's tree (category → matter → project → sub-item)
 * with drag-to-reorder, a drawer to edit the selected node, renumbering, the grid and 从上年结转.
 */
import { Alert, Button, Card, Empty, Space, Spin, Table, Tag, Tree, type TreeProps } from 'antd';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { PlanProgrammeSchema, PlanTreeSchema } from '../../../../src/shared/contract/plan';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { navigate } from '../../router';
import { useAuth } from '../auth/auth-context';
import { RolloverModal } from '../rollover/rollover-modal';
import { NodeDrawer, type SelectedNode } from './node-drawer';
import { planApi } from './plan-api';
import { ProgrammeForm } from './programme-form';
import { RenumberModal } from './renumber-modal';

type Programme = z.infer<typeof PlanProgrammeSchema>;
type PlanTree = z.infer<typeof PlanTreeSchema>;

export default function PlanPage({ programmeId }: { programmeId: string | null }) {
  return programmeId ? <ProgrammeEditor programmeId={programmeId} /> : <ProgrammeList />;
}

function ProgrammeList() {
  const { me } = useAuth();
  const list = useApi(() => api.programmes(), []);
  const [creating, setCreating] = useState(false);
  if (list.error) return <ErrorBlock error={list.error} onRetry={() => void list.reload()} />;
  const mine = (list.data ?? []).filter((p) => p.abilities.configure);
  return (
    <div data-testid="plan-list-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <div>
          <h1 className="page-title">计划编制</h1>
          <div className="page-subtitle">新建实事计划，编制类别、民生事项、项目及其责任单位和目标</div>
        </div>
        {me.abilities.createProgramme && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="programme-create">
            新建实事计划
          </Button>
        )}
      </div>
      <Card size="small">
        <Table
          rowKey="id"
          loading={list.loading}
          dataSource={mine}
          pagination={false}
          data-testid="programme-list"
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            {
              title: '实事计划',
              dataIndex: 'name',
              render: (name: string, p) => (
                <a href={`#/plan/${p.id}`} data-testid={`programme-link-${p.id}`}>
                  {name}
                </a>
              ),
            },
            { title: '所属政府', dataIndex: 'owner' },
            { title: '层级', dataIndex: 'level', width: 80 },
            {
              title: '',
              width: 120,
              render: (_: unknown, p) => <a href={`#/plan/${p.id}/grid`}>批量编辑</a>,
            },
          ]}
        />
      </Card>
      {creating && (
        <ProgrammeForm
          programme={null}
          onClose={() => setCreating(false)}
          onDone={(p) => {
            setCreating(false);
            navigate(`/plan/${p.id}`);
          }}
        />
      )}
    </div>
  );
}

/** Tree keys: c:<id>, m:<id>, p:<id>. */
type Kind = 'category' | 'matter' | 'project';
const KIND_OF: Record<string, Kind> = { c: 'category', m: 'matter', p: 'project' };
const keyOf = (kind: Kind, id: string) => `${kind[0]}:${id}`;
const parseKey = (key: string) => ({ kind: KIND_OF[key[0]!]!, id: key.slice(2) });

type Node = { key: string; title: React.ReactNode; children?: Node[] };

function buildTree(t: PlanTree): Node[] {
  const off = (s: string) => (s === 'inactive' ? <Tag style={{ marginLeft: 6 }}>已停用</Tag> : null);
  const project = (p: PlanTree['projects'][number]): Node => ({
    key: keyOf('project', p.id),
    title: (
      <span data-testid={`tree-project-${p.name}`}>
        {p.code ? <b>{p.code} </b> : null}
        {p.name}
        {off(p.status)}
      </span>
    ),
    children: t.projects.filter((x) => x.parentId === p.id).map(project),
  });
  const matter = (m: PlanTree['matters'][number]): Node => ({
    key: keyOf('matter', m.id),
    title: (
      <span data-testid={`tree-matter-${m.title}`}>
        {m.number}. {m.title}
        {off(m.status)}
      </span>
    ),
    children: t.projects.filter((p) => p.matterId === m.id && !p.parentId).map(project),
  });
  const ids = new Set(t.categories.map((c) => c.id));
  return [
    ...t.categories.map((c) => ({
      key: keyOf('category', c.id),
      title: (
        <span data-testid={`tree-category-${c.name}`}>
          {c.name}
          {off(c.status)}
        </span>
      ),
      children: t.matters.filter((m) => m.categoryId === c.id).map(matter),
    })),
    ...t.matters.filter((m) => !m.categoryId || !ids.has(m.categoryId)).map(matter),
    ...t.projects.filter((p) => !p.matterId && !p.parentId).map(project),
  ];
}

/** Where a dragged node lands: its new parent (kind and id) and position among that parent's children. */
function dropTarget(t: PlanTree, info: Parameters<NonNullable<TreeProps['onDrop']>>[0]) {
  const dragged = parseKey(String(info.dragNode.key));
  const target = parseKey(String(info.node.key));
  const pos = String(info.node.pos).split('-');
  const relative = info.dropPosition - Number(pos[pos.length - 1]);
  const parentOf = (k: { kind: Kind; id: string }): { kind: Kind | null; id: string | null } => {
    if (k.kind === 'matter') return { kind: 'category', id: t.matters.find((m) => m.id === k.id)?.categoryId ?? null };
    if (k.kind === 'project') {
      const p = t.projects.find((x) => x.id === k.id);
      return p?.parentId ? { kind: 'project', id: p.parentId } : { kind: 'matter', id: p?.matterId ?? null };
    }
    return { kind: null, id: null };
  };
  const siblingsOf = (parent: { kind: Kind | null; id: string | null }, kind: Kind) => {
    if (kind === 'category') return t.categories.map((c) => c.id);
    if (kind === 'matter') return t.matters.filter((m) => (m.categoryId ?? null) === parent.id).map((m) => m.id);
    return t.projects
      .filter((p) => (parent.kind === 'project' ? p.parentId === parent.id : !p.parentId && p.matterId === parent.id))
      .map((p) => p.id);
  };
  if (!info.dropToGap) {
    // Dropped onto a node: it becomes the parent, the dragged node goes last.
    return { ...dragged, parent: { kind: target.kind, id: target.id }, position: 10_000 };
  }
  const parent = parentOf(target);
  const siblings = siblingsOf(parent, dragged.kind).filter((x) => x !== dragged.id);
  const at = siblings.indexOf(target.id);
  return { ...dragged, parent, position: at < 0 ? 0 : at + (relative > 0 ? 1 : 0) };
}

function ProgrammeEditor({ programmeId }: { programmeId: string }) {
  const tree = useApi(() => planApi.tree(programmeId), [programmeId]);
  const [selected, setSelected] = useState<SelectedNode | null>(null);
  const [editing, setEditing] = useState(false);
  const [renumbering, setRenumbering] = useState(false);
  const [rollover, setRollover] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = tree.data;
  const nodes = useMemo(() => (t ? buildTree(t) : []), [t]);
  if (tree.error && !t) return <ErrorBlock error={tree.error} onRetry={() => void tree.reload()} />;
  if (!t) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  const p: Programme = t.programme;

  const onDrop: TreeProps['onDrop'] = async (info) => {
    const d = dropTarget(t, info);
    const version = d.kind === 'project' ? t.projects.find((x) => x.id === d.id)?.version : undefined;
    try {
      setError(null);
      tree.setData(
        await planApi.move(programmeId, {
          kind: d.kind,
          id: d.id,
          parentId: d.parent.id,
          parentKind: d.parent.kind,
          position: d.position,
          ...(version !== undefined ? { version } : {}),
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div data-testid="plan-editor-page">
      <a href="#/plan">← 计划编制</a>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 12 }}>
        <div>
          <h1 className="page-title" style={{ marginTop: 4 }} data-testid="plan-programme-name">
            {p.name}
          </h1>
          <div className="page-subtitle">
            {p.owner} · {p.year}年 · {p.cadence === 'monthly' ? '按月报送' : '按季度报送'} · 拖动节点可调整顺序或上级
          </div>
        </div>
        <Space wrap>
          <Button onClick={() => setEditing(true)} data-testid="programme-edit">
            计划设置
          </Button>
          <Button onClick={() => setSelected({ kind: 'new-category' })} data-testid="plan-add-category">
            新增类别
          </Button>
          <Button onClick={() => setSelected({ kind: 'new-matter', categoryId: null })} data-testid="plan-add-matter">
            新增民生事项
          </Button>
          <Button
            onClick={() => setSelected({ kind: 'new-project', matterId: null, parentId: null })}
            data-testid="plan-add-project"
          >
            新增项目
          </Button>
          <Button onClick={() => setRenumbering(true)} data-testid="plan-renumber">
            重新编号
          </Button>
          <Button href={`#/plan/${programmeId}/grid`} data-testid="plan-open-grid">
            批量编辑
          </Button>
          {/* 从上年结转: the roll-over modal (web/src/features/rollover) copies last year's programme into this one. */}
          <Button onClick={() => setRollover(true)} data-testid="plan-rollover">
            从上年结转
          </Button>
        </Space>
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 12 }}
          data-testid="plan-error"
        />
      )}
      <Card size="small" data-testid="plan-tree">
        {nodes.length ? (
          <Tree
            draggable={{ icon: false }}
            blockNode
            defaultExpandAll
            key={t.projects.length + t.matters.length + t.categories.length}
            treeData={nodes}
            selectedKeys={selected && 'id' in selected ? [keyOf(selected.kind as Kind, selected.id)] : []}
            onSelect={(keys) => {
              const k = keys[0];
              if (k) setSelected(parseKey(String(k)) as SelectedNode);
            }}
            onDrop={(info) => void onDrop(info)}
          />
        ) : (
          <Empty description="还没有内容：先新增类别和民生事项，再新增项目" />
        )}
      </Card>
      {selected && (
        <NodeDrawer
          tree={t}
          node={selected}
          onSelect={setSelected}
          onClose={() => setSelected(null)}
          onChanged={() => void tree.reload()}
        />
      )}
      {editing && (
        <ProgrammeForm
          programme={p}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            void tree.reload();
          }}
        />
      )}
      {renumbering && (
        <RenumberModal
          programmeId={programmeId}
          onClose={() => setRenumbering(false)}
          onDone={() => void tree.reload()}
        />
      )}
      <RolloverModal
        programmeId={programmeId}
        open={rollover}
        onClose={() => setRollover(false)}
        onDone={(id) => {
          setRollover(false);
          navigate(`/plan/${id}`);
        }}
      />
    </div>
  );
}
