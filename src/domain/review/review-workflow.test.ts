import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES } from '../../shared/statuses';
import { allowedActions, isLocked, nextStatus } from './review-workflow';

describe('review workflow', () => {
  it('walks draft → submitted → returned → submitted → approved → published', () => {
    let s = nextStatus('draft', 'submit');
    expect(s).toBe('submitted');
    s = nextStatus(s!, 'return');
    expect(s).toBe('returned');
    expect(nextStatus(s!, 'save')).toBe('returned');
    s = nextStatus(s!, 'submit');
    s = nextStatus(s!, 'approve');
    expect(s).toBe('approved');
    expect(nextStatus(s!, 'publish')).toBe('published');
  });
  it('never allows saving locked reports', () => {
    for (const st of REPORT_STATUSES) {
      if (isLocked(st)) expect(nextStatus(st, 'save')).toBeNull();
    }
    expect(allowedActions('published')).toEqual([]);
  });
  it('refuses approving a draft or returning an approved report', () => {
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('approved', 'return')).toBeNull();
    expect(nextStatus('submitted', 'save')).toBeNull();
  });
});

describe('revoking an approval', () => {
  it('puts an approved report back to submitted; never a published one', () => {
    expect(nextStatus('approved', 'revoke')).toBe('submitted');
    expect(nextStatus('published', 'revoke')).toBeNull();
    expect(nextStatus('submitted', 'revoke')).toBeNull();
  });
});
