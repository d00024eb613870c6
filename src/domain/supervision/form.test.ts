import { describe, expect, it } from 'vitest';
import { cellText } from '../publish/document/model';
import { composeRecordForm } from './form';

const base = {
  government: '测试区',
  office: '测试区人民政府督查室',
  serial: '督办〔2026〕第3号',
  level: '红色督办单',
  code: '11-2',
  name: '西岭街道长者服务站',
  unit: '西岭街道',
  asOf: '2026-06-30',
  computedStatus: '严重滞后',
  gapPoints: 25,
  reason: '督办事由：连续两期落后序时进度',
  deadline: '2026-07-20',
  issuedOn: '2026-07-10',
};

const texts = (doc: ReturnType<typeof composeRecordForm>) =>
  doc.blocks.flatMap((b) =>
    b.kind === 'table'
      ? b.body.flatMap((r) => r.map(cellText))
      : b.kind === 'paragraph'
        ? [b.para.runs.map((r) => r.text).join('')]
        : [],
  );

describe('the 督办单 of a record', () => {
  it('is the 督办单 layout with the level, the reason and the deadline; blank 反馈栏 before a response', () => {
    const doc = composeRecordForm({ ...base, response: null, statusNote: null });
    const all = texts(doc);
    expect(all[0]).toBe('测试区民生实事项目红色督办单');
    expect(all.some((t) => t.includes('连续两期落后序时进度'))).toBe(true);
    expect(all).toContain('2026年7月20日前书面反馈');
    expect(all.some((t) => t.startsWith('整改措施：\n'))).toBe(true);
  });
  it('fills the 反馈栏 with the unit’s response and notes 销号', () => {
    const doc = composeRecordForm({
      ...base,
      response: { measures: '倒排工期', completionDate: '2026-09-30' },
      statusNote: '已于2026年10月8日销号。',
    });
    const all = texts(doc);
    expect(all).toContain('整改措施：倒排工期\n完成时限：2026年9月30日');
    expect(all).toContain('已于2026年10月8日销号。');
    expect(all[all.length - 1]).toBe('2026年7月10日');
  });
});
