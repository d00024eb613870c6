import { describe, expect, it } from 'vitest';
import { OVERVIEW_TABLE } from '../../../../src/domain/publish/layouts/builtin';
import { checkLayout } from '../../../../src/domain/publish/layouts/validate';
import {
  addColumn,
  changeColumnValue,
  dragColumn,
  moveColumn,
  removeColumn,
  VALUE_OPTIONS,
  valueKey,
} from './layout-fields';

const headers = (l: { columns: { header: string }[] }) => l.columns.map((c) => c.header);

describe('column edits of the layout editor', () => {
  it('keeps the example row’s rules under their columns when columns move or go', () => {
    // OVERVIEW_TABLE: rules under 6 ({period}进展情况) and 7 (存在问题及下一步工作计划).
    const up = moveColumn(OVERVIEW_TABLE, 6, -1);
    expect(headers(up)[5]).toBe('{period}进展情况');
    expect(Object.keys(up.exampleRow!.cells).sort()).toEqual(['5', '7']);
    expect(up.exampleRow!.cells['5']).toBe(OVERVIEW_TABLE.exampleRow!.cells['6']);
    const gone = removeColumn(OVERVIEW_TABLE, 0);
    expect(gone.columns).toHaveLength(OVERVIEW_TABLE.columns.length - 1);
    expect(Object.keys(gone.exampleRow!.cells).sort()).toEqual(['5', '6']);
    const dragged = dragColumn(OVERVIEW_TABLE, 7, 0);
    expect(headers(dragged)[0]).toBe('存在问题及下一步工作计划');
    expect(dragged.exampleRow!.cells['0']).toBe(OVERVIEW_TABLE.exampleRow!.cells['7']);
    expect(checkLayout(dragged).ok).toBe(true);
    expect(moveColumn(OVERVIEW_TABLE, 0, -1)).toBe(OVERVIEW_TABLE);
  });

  it('adds a column and changes what a column shows, the usual header following', () => {
    const added = addColumn(OVERVIEW_TABLE);
    expect(added.columns.at(-1)).toMatchObject({ header: '系统研判', value: { field: 'computedStatus' } });
    const ratio = changeColumnValue(added, added.columns.length - 1, 'completionRatio');
    expect(ratio.columns.at(-1)).toMatchObject({ header: '完成比例', value: { field: 'completionRatio' } });
    // A header the office wrote stays.
    const kept = changeColumnValue(OVERVIEW_TABLE, 6, 'progress:suffix');
    expect(kept.columns[6]).toMatchObject({
      header: '{period}进展情况',
      value: { field: 'progress', selfAssessment: 'suffix' },
    });
    const usual = changeColumnValue(OVERVIEW_TABLE, 3, 'code');
    expect(usual.columns[3]).toMatchObject({ header: '编号', value: { field: 'code' } });
    expect(checkLayout(ratio).ok).toBe(true);
  });

  it('names every kind of column content once', () => {
    const keys = VALUE_OPTIONS.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of VALUE_OPTIONS) expect(valueKey(o.value)).toBe(o.key);
  });
});
