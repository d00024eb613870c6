/**
 * The columns of a table layout as a table: header text (several lines), what the column shows, width, alignment,
 * merge-down, header span, the 示例 row's rule when the layout has one; move up/down (or drag a row), remove, 添加列.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type DragEvent, type HTMLAttributes, useState } from 'react';
import type { Layout, LayoutColumn } from '../../../../src/domain/publish/layouts/schema';
import {
  ALIGN_OPTIONS,
  addColumn,
  changeColumn,
  changeColumnValue,
  dragColumn,
  moveColumn,
  removeColumn,
  usableWidth,
  VALUE_SELECT_OPTIONS,
  valueKey,
} from './layout-fields';

type Row = { index: number; col: LayoutColumn };
type Props = { layout: Layout; onChange: (l: Layout) => void; readOnly: boolean };

function exampleRule(layout: Layout, index: number, onChange: (l: Layout) => void) {
  const ex = layout.exampleRow!;
  const rule = ex.cells[String(index)] ?? '';
  const set = (text: string) => {
    const cells = { ...ex.cells };
    if (text) cells[String(index)] = text;
    else delete cells[String(index)];
    onChange({ ...layout, exampleRow: { ...ex, cells } });
  };
  return (
    <Input.TextArea
      value={rule}
      autoSize={{ minRows: 1, maxRows: 4 }}
      placeholder="（空：印“-”）"
      onChange={(e) => set(e.target.value)}
      aria-label={`第${index + 1}列示例行要求`}
    />
  );
}

function buildColumns({ layout, onChange, readOnly }: Props): ColumnsType<Row> {
  const n = layout.columns.length;
  const set = (i: number, patch: Partial<LayoutColumn>) => onChange(changeColumn(layout, i, patch));
  const cols: ColumnsType<Row> = [
    {
      title: '',
      key: 'order',
      width: 92,
      render: (_, { index }) => (
        <Space size={2}>
          <HolderOutlined style={{ cursor: readOnly ? undefined : 'grab', color: '#999' }} title="拖动排序" />
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            onClick={() => onChange(moveColumn(layout, index, -1))}
            aria-label="上移"
            data-testid={`layout-col-up-${index}`}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={index === n - 1}
            onClick={() => onChange(moveColumn(layout, index, 1))}
            aria-label="下移"
            data-testid={`layout-col-down-${index}`}
          />
        </Space>
      ),
    },
    {
      title: '表头（可换行）',
      key: 'header',
      width: 200,
      render: (_, { index, col }) => (
        <Input.TextArea
          value={col.header}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={200}
          onChange={(e) => set(index, { header: e.target.value })}
          aria-label={`第${index + 1}列表头`}
          data-testid={`layout-col-header-${index}`}
        />
      ),
    },
    {
      title: '显示内容',
      key: 'value',
      width: 230,
      render: (_, { index, col }) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Select
            value={valueKey(col.value)}
            options={VALUE_SELECT_OPTIONS}
            onChange={(key: string) => onChange(changeColumnValue(layout, index, key))}
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
            aria-label={`第${index + 1}列显示内容`}
            data-testid={`layout-col-value-${index}`}
          />
          {col.value.field === 'fixed' && (
            <Input
              value={col.value.text}
              maxLength={200}
              placeholder="固定文字（可留空）"
              onChange={(e) => set(index, { value: { field: 'fixed', text: e.target.value } })}
              aria-label={`第${index + 1}列固定文字`}
            />
          )}
        </Space>
      ),
    },
    {
      title: '宽度（毫米）',
      key: 'width',
      width: 100,
      render: (_, { index, col }) => (
        <InputNumber
          value={col.width}
          min={4}
          max={300}
          step={1}
          onChange={(v) => typeof v === 'number' && set(index, { width: v })}
          style={{ width: 80 }}
          aria-label={`第${index + 1}列宽度`}
        />
      ),
    },
    {
      title: '对齐',
      key: 'align',
      width: 110,
      render: (_, { index, col }) => (
        <Select
          value={col.align ?? ''}
          options={ALIGN_OPTIONS}
          onChange={(v: string) => set(index, { align: (v || undefined) as LayoutColumn['align'] })}
          style={{ width: 96 }}
          aria-label={`第${index + 1}列对齐`}
        />
      ),
    },
    {
      title: <Tooltip title="相邻行内容相同时合并为一格（如民生事项、项目分类）">向下合并</Tooltip>,
      key: 'merge',
      width: 80,
      align: 'center',
      render: (_, { index, col }) => (
        <Checkbox
          checked={Boolean(col.mergeDown)}
          onChange={(e) => set(index, { mergeDown: e.target.checked || undefined })}
          aria-label={`第${index + 1}列向下合并`}
        />
      ),
    },
    {
      title: <Tooltip title="本列表头同时覆盖其后几列（如“序号”覆盖两列编号）">表头跨列</Tooltip>,
      key: 'span',
      width: 80,
      render: (_, { index, col }) => (
        <InputNumber
          value={col.headerSpan ?? 1}
          min={1}
          max={10}
          onChange={(v) => typeof v === 'number' && set(index, { headerSpan: v > 1 ? v : undefined })}
          style={{ width: 60 }}
          aria-label={`第${index + 1}列表头跨列`}
        />
      ),
    },
  ];
  if (layout.exampleRow)
    cols.push({
      title: '示例行要求',
      key: 'example',
      width: 200,
      render: (_, { index }) => exampleRule(layout, index, onChange),
    });
  cols.push({
    title: '',
    key: 'remove',
    width: 60,
    render: (_, { index }) => (
      <Tooltip title="从版式中去掉此列">
        <Button
          size="small"
          danger
          type="text"
          icon={<DeleteOutlined />}
          onClick={() => onChange(removeColumn(layout, index))}
          aria-label="移除此列"
          data-testid={`layout-col-remove-${index}`}
        />
      </Tooltip>
    ),
  });
  return cols;
}

export function ColumnsEditor(props: Props) {
  const { layout, onChange, readOnly } = props;
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const rows: Row[] = layout.columns.map((col, index) => ({ index, col }));
  const total = layout.columns.reduce((s, c) => s + c.width, 0);
  const rowProps = (r: Row) =>
    ({
      draggable: !readOnly,
      onDragStart: (e: DragEvent) => {
        // Only a drag started on the handle's row, not while selecting text in an input.
        if ((e.target as HTMLElement).closest('input, textarea')) return e.preventDefault();
        setDragFrom(r.index);
      },
      onDragOver: (e: DragEvent) => dragFrom !== null && e.preventDefault(),
      onDrop: () => {
        if (dragFrom !== null) onChange(dragColumn(layout, dragFrom, r.index));
        setDragFrom(null);
      },
      'data-testid': `layout-col-${r.index}`,
    }) as HTMLAttributes<HTMLElement>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Row>
        rowKey="index"
        size="small"
        bordered
        pagination={false}
        columns={buildColumns(props)}
        dataSource={rows}
        scroll={{ x: layout.exampleRow ? 1150 : 950 }}
        onRow={rowProps}
        locale={{ emptyText: '还没有列，请点“添加列”' }}
        data-testid="layout-columns"
      />
      <Space wrap>
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange(addColumn(layout))}
          disabled={layout.columns.length >= 30}
          data-testid="layout-add-column"
        >
          添加列
        </Button>
        <Typography.Text type="secondary">
          共 {layout.columns.length} 列，宽度合计 {total} 毫米（页面可用宽度约 {usableWidth(layout)}{' '}
          毫米，导出时按比例缩放）
        </Typography.Text>
      </Space>
    </Space>
  );
}
