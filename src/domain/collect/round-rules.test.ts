import { describe, expect, it } from 'vitest';
import { chinaDate, roundActions, roundAllows, roundStateLabel, roundTransition } from './round-rules';

const open = { status: 'open', dueDate: '2026-10-08' };
const closed = { status: 'closed', dueDate: '2026-10-08' };
const at = (iso: string) => new Date(iso);

describe('round rules', () => {
  it('a closed round refuses saves, submissions and returns, not approval or publishing', () => {
    for (const action of ['save', 'submit', 'return'] as const)
      expect(roundAllows(action, closed, at('2026-10-01T00:00:00Z'))).toMatchObject({ ok: false, reason: 'closed' });
    for (const action of ['approve', 'publish'] as const)
      expect(roundAllows(action, closed, at('2026-10-01T00:00:00Z')).ok).toBe(true);
  });
  it('the due date is a China calendar day: 23:30 Beijing time on the due date is on time', () => {
    expect(chinaDate(at('2026-10-08T15:30:00Z'))).toBe('2026-10-08');
    expect(chinaDate(at('2026-10-08T16:30:00Z'))).toBe('2026-10-09');
    expect(roundAllows('submit', open, at('2026-10-08T15:30:00Z'))).toEqual({ ok: true, late: false });
  });
  it('after the due date a submission is marked late, or refused when the programme says so', () => {
    expect(roundAllows('submit', open, at('2026-10-09T02:00:00Z'))).toEqual({ ok: true, late: true });
    expect(roundAllows('submit', open, at('2026-10-09T02:00:00Z'), 'refuse')).toMatchObject({
      ok: false,
      reason: 'overdue',
    });
    // Saving a draft late is fine; only handing in is late.
    expect(roundAllows('save', open, at('2026-10-20T02:00:00Z'), 'refuse')).toEqual({ ok: true, late: false });
  });
});

describe('round lifecycle', () => {
  it('draft → open → closed → archived; closed may reopen; archived takes nothing', () => {
    expect(roundTransition('draft', 'open')).toEqual({ ok: true, next: 'open' });
    expect(roundTransition('open', 'close')).toEqual({ ok: true, next: 'closed' });
    expect(roundTransition('closed', 'archive')).toEqual({ ok: true, next: 'archived' });
    expect(roundTransition('closed', 'reopen')).toEqual({ ok: true, next: 'open' });
    expect(roundTransition('open', 'archive')).toMatchObject({ ok: false });
    expect(roundTransition('archived', 'reopen')).toMatchObject({
      ok: false,
      message: expect.stringContaining('归档'),
    });
    expect(roundActions('archived')).toEqual([]);
    expect(roundStateLabel('closed')).toBe('已关闭');
  });
  it('a draft or archived round takes nothing; reopening for a unit lets it save and submit', () => {
    const now = at('2026-10-01T00:00:00Z');
    expect(roundAllows('save', { status: 'draft', dueDate: '2026-10-08' }, now)).toMatchObject({ ok: false });
    expect(roundAllows('approve', { status: 'archived', dueDate: '2026-10-08' }, now)).toMatchObject({ ok: false });
    expect(roundAllows('submit', { ...closed, reopenedForUnit: true }, now)).toEqual({ ok: true, late: false });
  });
  it("a unit's extension moves its due date: on time, and not refused", () => {
    const later = at('2026-10-12T02:00:00Z');
    expect(roundAllows('submit', { ...open, unitDueDate: '2026-10-15' }, later, 'refuse')).toEqual({
      ok: true,
      late: false,
    });
    expect(roundAllows('submit', { ...open, unitDueDate: '2026-10-10' }, later)).toEqual({ ok: true, late: true });
  });
});
