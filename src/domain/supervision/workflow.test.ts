import { describe, expect, it } from 'vitest';
import { allowedSupervisionActions, nextSupervisionStatus, raiseDecision, supervisionLevelLabel } from './workflow';

describe('督办 workflow', () => {
  it('open → responded → closed, or back to open when rejected', () => {
    expect(nextSupervisionStatus('open', 'respond')).toBe('responded');
    expect(nextSupervisionStatus('open', 'close')).toBeNull();
    expect(nextSupervisionStatus('open', 'reject')).toBeNull();
    expect(nextSupervisionStatus('responded', 'reject')).toBe('open');
    expect(nextSupervisionStatus('responded', 'close')).toBe('closed');
    expect(allowedSupervisionActions('closed')).toEqual([]);
    expect(allowedSupervisionActions('open')).toEqual(['respond']);
  });
  it('upgrades an open lower level, keeps a higher one, opens a new record after 销号', () => {
    expect(raiseDecision(null, 'yellow')).toBe('create');
    expect(raiseDecision({ level: 'yellow', status: 'open' }, 'red')).toBe('upgrade');
    expect(raiseDecision({ level: 'red', status: 'responded' }, 'listed')).toBe('upgrade');
    expect(raiseDecision({ level: 'red', status: 'open' }, 'yellow')).toBe('keep');
    expect(raiseDecision({ level: 'red', status: 'open' }, 'red')).toBe('keep');
    expect(raiseDecision({ level: 'red', status: 'closed' }, 'yellow')).toBe('create');
    expect(supervisionLevelLabel('listed')).toBe('挂牌督办');
  });
});
