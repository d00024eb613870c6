import { describe, expect, it } from 'vitest';
import { API, type Endpoint, urlOf } from '.';

describe('the shared contract', () => {
  it('builds URLs from an endpoint path, encoding parameters and query', () => {
    expect(urlOf(API.report, { id: 'r-1' })).toBe('/api/reports/r-1');
    expect(urlOf(API.tableXlsx, { id: 'a/b c' })).toBe('/api/rounds/a%2Fb%20c/table.xlsx');
    expect(urlOf(API.programmes, undefined, { page: 2, q: '东湖', none: undefined })).toBe(
      '/api/programmes?page=2&q=%E4%B8%9C%E6%B9%96',
    );
    expect(() => urlOf(API.report, {})).toThrow(/id/);
  });
  it('has one endpoint per method and path, each with a response schema and a Chinese summary', () => {
    const keys = Object.values(API).map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of Object.values(API) as Endpoint[]) {
      expect(e.response).toBeDefined();
      expect(e.summary).toMatch(/[\u4e00-\u9fa5]/);
      expect(Boolean(e.params), e.path).toBe(e.path.includes(':'));
    }
  });
  it('treats a malformed id as an unknown record', () => {
    const r = API.report.params.safeParse({ id: '../etc' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('填报记录不存在或无权访问');
    expect(API.report.params.safeParse({ id: 'r_1-A' }).success).toBe(true);
  });
});
