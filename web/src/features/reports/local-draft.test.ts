import { describe, expect, it } from 'vitest';
import { humanizeMessage } from '../../api/client';
import { decide, type StoredDraft } from './local-draft';
import { EMPTY_LAG, type ReportDraft } from './report-draft';

const draft = (progressText: string): ReportDraft => ({
  progressText,
  selfAssessment: '按计划推进',
  problems: '',
  nextSteps: '',
  targetAdjustmentNote: '',
  completedAnnualTarget: false,
  values: {},
  lagAnalysis: { ...EMPTY_LAG },
});
const stored = (baseVersion: number, text: string, pending = false): StoredDraft => ({
  reportId: 'r1',
  baseVersion,
  draft: draft(text),
  savedAt: '2026-10-01T08:00:00.000Z',
  pending,
});

describe('a draft kept in the browser', () => {
  it('is restored on the same version, shown beside a newer server version, dropped when equal', () => {
    expect(decide(null, 3, draft('a')).kind).toBe('none');
    expect(decide(stored(3, 'a'), 3, draft('a')).kind).toBe('none');
    expect(decide(stored(3, 'b', true), 3, draft('a'))).toMatchObject({ kind: 'restore', stored: { pending: true } });
    expect(decide(stored(2, 'b'), 3, draft('a')).kind).toBe('conflict');
    expect(decide(stored(2, 'a'), 3, draft('a')).kind).toBe('none');
  });
});

describe('server messages shown to users', () => {
  it('keep the Chinese field name and drop internal keys', () => {
    expect(humanizeMessage('字段“落实情况意见”（fieldComments.progress）不能超过500个字符')).toBe(
      '字段“落实情况意见”不能超过500个字符',
    );
    expect(humanizeMessage('字段“dueDate”为必填项')).toBe('某一字段为必填项');
    expect(humanizeMessage('请填写审核意见 (comment)')).toBe('请填写审核意见 ');
    expect(humanizeMessage('服务器错误（HTTP 500）')).toBe('服务器错误（HTTP 500）');
  });
});
