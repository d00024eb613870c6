import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../router';

describe('#/supervisions', () => {
  it('opens the list, or one record’s drawer', () => {
    expect(parseRoute('#/supervisions')).toEqual({ name: 'supervisions', openId: null });
    expect(parseRoute('#/supervisions?open=abc-1')).toEqual({ name: 'supervisions', openId: 'abc-1' });
    expect(parseRoute('#/supervisions/x').name).toBe('notFound');
  });
});
