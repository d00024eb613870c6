import { describe, expect, it } from 'vitest';
import { controlCharIssues, firstControlChar } from './control-chars';

describe('control characters', () => {
  it('refuses C0 controls and DEL, keeps tab, line feed and carriage return', () => {
    for (let c = 0; c < 0x20; c++) {
      const ch = String.fromCharCode(c);
      expect(firstControlChar(`a${ch}b`), `U+${c.toString(16)}`).toBe(
        '\t\n\r'.includes(ch) ? null : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`,
      );
    }
    expect(firstControlChar('\u007f')).toBe('U+007F');
    expect(firstControlChar('已完成 85%，\u3000全角空格与 emoji 🙂 照常')).toBeNull();
    expect(firstControlChar('\u0080\u2028')).toBeNull();
  });

  it('walks values and keys of nested input and names the path', () => {
    const issues = controlCharIssues({ a: 'ok', b: [{ c: 'x\u0000' }, 1, null], 'k\u0001': 'v', d: { e: true } });
    expect(issues.map((i) => i.path)).toEqual([['k\u0001'], ['b', 0, 'c']]);
    expect(issues[1]?.message).toBe('含有不允许的控制字符（U+0000），请删除后重试');
    expect(controlCharIssues('\u0000')[0]?.path).toEqual([]);
    expect(controlCharIssues({ n: 1, s: 'fine\n' })).toEqual([]);
  });

  it('stops at ten issues and survives hostile nesting', () => {
    expect(controlCharIssues(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(10);
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const started = performance.now();
    expect(controlCharIssues(deep)[0]?.path).toHaveLength(32);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('turns Word line and page breaks (U+000B, U+000C) in values into line feeds instead of refusing them', () => {
    const body = { progressText: '1.已完工\u000b2.已验收', nested: { list: ['a\u000cb'] } };
    expect(controlCharIssues(body)).toEqual([]);
    expect(body).toEqual({ progressText: '1.已完工\n2.已验收', nested: { list: ['a\nb'] } });
  });
});
