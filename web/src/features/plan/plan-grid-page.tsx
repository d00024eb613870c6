/**
 * 批量编辑 (#/plan/:id/grid): one row per project — code, name, lead and assisting units, annual target, the period
 * targets of the programme's cadence, flags. Paste a block from Excel (tab/newline separated) into any cell, fill a
 * value down, see each cell's problem in Chinese, and save all changed rows at once (one transaction; any row changed
 * by someone else in the meantime saves nothing).
 */
import { Alert, Button, Input, Space, Spin, Table, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { GridSaveSchema } from '../../../../src/shared/contract/plan';
import { errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import {
  type Cells,
  cellErrors,
  cellProblem,
  changedRow,
  fillColumnDown,
  type GridRow,
  pasteBlock,
  toCells,
} from './grid-cells';
import { isConflict, issuesOf, planApi } from './plan-api';
import { periodShort } from './project-editor';

export default function PlanGridPage({ programmeId }: { programmeId: string }) {
  const grid = useApi(() => planApi.grid(programmeId), [programmeId]);
  const [orig, setOrig] = useState<GridRow[]>([]);
  const [cells, setCells] = useState<Cells[]>([]);
  const [active, setActive] = useState<{ row: number; col: string } | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const keys = grid.data?.periodKeys ?? [];
  const cols = ['code', 'name', 'lead', 'assist', 'annualTarget', ...keys, 'flags'];

  useEffect(() => {
    if (!grid.data) return;
    setOrig(grid.data.rows);
    setCells(grid.data.rows.map((r) => toCells(r, grid.data!.periodKeys)));
    setServerErrors({});
  }, [grid.data]);

  const unitNames = useMemo(() => {
    const s = new Set<string>();
    for (const u of grid.data?.units ?? []) {
      s.add(u.name);
      if (u.shortName) s.add(u.shortName);
      for (const a of u.aliases) s.add(a);
    }
    return s;
  }, [grid.data]);

  /** The Chinese problem of a cell, or null. */
  const problemOf = (i: number, col: string): string | null =>
    serverErrors[`${i}:${col}`] ?? cellProblem(col, cells[i]?.[col] ?? '', unitNames);

  const changed = cells
    .map((c, i) => ({ i, c, o: orig[i] ? toCells(orig[i]!, keys) : null }))
    .filter(({ c, o }) => o && cols.some((k) => (c[k] ?? '') !== (o[k] ?? '')));
  const changedRows = new Set(changed.map((x) => x.i));
  const problems = changed.flatMap(({ i }) => cols.map((k) => problemOf(i, k)).filter(Boolean));

  const setCell = (i: number, col: string, value: string) =>
    setCells((all) => all.map((r, j) => (j === i ? { ...r, [col]: value } : r)));

  const paste = (i: number, col: string, text: string) => setCells((all) => pasteBlock(all, cols, i, col, text));
  const fillDown = () => {
    if (active) setCells((all) => fillColumnDown(all, active.row, active.col));
  };

  const save = async () => {
    setError(null);
    setSaved(null);
    setConflict(false);
    if (problems.length) return setError(`还有 ${problems.length} 处需要修改（标红的格子）`);
    const rows = changed.map(({ i, c, o }) => changedRow(orig[i]!, c, o!, keys));
    const parsed = GridSaveSchema.safeParse({ rows });
    if (!parsed.success) return setError(parsed.error.issues.map((x) => x.message).join('；'));
    setSaving(true);
    try {
      const res = await planApi.saveGrid(programmeId, parsed.data);
      const byId = new Map(res.rows.map((r) => [r.projectId, r]));
      const nextOrig = orig.map((r) => byId.get(r.projectId) ?? r);
      setOrig(nextOrig);
      setCells((all) => all.map((c, i) => (byId.has(nextOrig[i]!.projectId) ? toCells(nextOrig[i]!, keys) : c)));
      setServerErrors({});
      setSaved(`已保存 ${res.saved} 行`);
    } catch (e) {
      const errs = cellErrors(
        issuesOf(e),
        changed.map((x) => x.i),
      );
      setServerErrors(errs);
      setConflict(isConflict(e));
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (grid.error && !grid.data) return <ErrorBlock error={grid.error} onRetry={() => void grid.reload()} />;
  if (!grid.data) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;

  const TITLES: Record<string, string> = {
    code: '编号',
    name: '项目名称',
    lead: '牵头单位',
    assist: '协办单位',
    annualTarget: '年度目标',
    flags: '标记',
  };
  const WIDTH: Record<string, number> = { code: 90, name: 220, lead: 160, assist: 160, annualTarget: 220, flags: 140 };
  const columns = cols.map((col) => ({
    title: TITLES[col] ?? `${periodShort(col)}目标`,
    key: col,
    width: WIDTH[col] ?? 150,
    render: (_: unknown, rec: { __i: number }) => {
      const i = rec.__i;
      const problem = problemOf(i, col);
      const dirty = orig[i] && (cells[i]?.[col] ?? '') !== (toCells(orig[i]!, keys)[col] ?? '');
      return (
        <Tooltip title={problem} open={problem && active?.row === i && active.col === col ? true : undefined}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={cells[i]?.[col] ?? ''}
            status={problem && (dirty || changedRows.has(i)) ? 'error' : undefined}
            style={dirty ? { background: '#fffbe6' } : undefined}
            onFocus={() => setActive({ row: i, col })}
            onChange={(e) => setCell(i, col, e.target.value)}
            onPaste={(e) => {
              const text = e.clipboardData.getData('text/plain');
              if (/[\t\n]/.test(text.replace(/\n$/, ''))) {
                e.preventDefault();
                paste(i, col, text);
              }
            }}
            data-testid={`grid-cell-${i}-${col}`}
            aria-invalid={Boolean(problem && (dirty || changedRows.has(i)))}
          />
        </Tooltip>
      );
    },
  }));

  return (
    <div data-testid="plan-grid-page">
      <a href={`#/plan/${programmeId}`}>← {grid.data.programme.name}</a>
      <h1 className="page-title" style={{ marginTop: 4 }}>
        批量编辑
      </h1>
      <div className="page-subtitle">
        可从 Excel 复制一列或一块单元格，粘贴到起始格子；单位之间用顿号分隔。修改过的格子为黄色，有问题的为红色。
      </div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button
          type="primary"
          loading={saving}
          disabled={!changed.length}
          onClick={() => void save()}
          data-testid="grid-save"
        >
          保存修改（{changed.length} 行）
        </Button>
        <Button disabled={!active} onClick={fillDown} data-testid="grid-fill-down">
          向下填充{active ? `（${TITLES[active.col] ?? periodShort(active.col)}）` : ''}
        </Button>
        <Button
          onClick={() => {
            setCells(orig.map((r) => toCells(r, keys)));
            setServerErrors({});
          }}
          data-testid="grid-undo"
        >
          撤销全部修改
        </Button>
        <span data-testid="grid-changed-count">{changed.length ? `已修改 ${changed.length} 行` : '尚无修改'}</span>
      </Space>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="grid-error"
          action={
            conflict ? (
              <Button size="small" onClick={() => void grid.reload()} data-testid="grid-reload">
                重新加载
              </Button>
            ) : undefined
          }
        />
      )}
      {saved && <Alert type="success" showIcon title={saved} style={{ marginBottom: 12 }} data-testid="grid-saved" />}
      <Table
        size="small"
        rowKey="__key"
        dataSource={cells.map((_, i) => ({ __i: i, __key: orig[i]?.projectId ?? String(i) }))}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content', y: 640 }}
        data-testid="grid-table"
      />
    </div>
  );
}
