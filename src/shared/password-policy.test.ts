import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblems } from './password-policy';

describe('the password policy', () => {
  it('accepts a long password with three classes', () => {
    expect(passwordProblems('Spring#Walk82')).toEqual([]);
    expect(passwordProblems('hill-road-2027')).toEqual([]); // lower + symbol + digit
    expect(passwordProblems('城东社区Work#7')).toEqual([]); // Chinese characters count as symbols
  });

  it('names each problem in Chinese', () => {
    expect(passwordProblems('Ab#1')).toEqual(['密码至少8位']);
    expect(passwordProblems('abcdefghij')[0]).toMatch(/至少3类（还缺：大写字母、数字、符号中的2类）/);
    expect(passwordProblems('Good pass#1')).toContain('密码不能含空格或换行');
    expect(passwordProblems(`${'x'.repeat(129)}A1#`)).toContain('密码不能超过128位');
  });

  it('refuses the user name, the display name, common passwords and runs', () => {
    expect(passwordProblems('Zhangsan#2026', { username: 'zhangsan' })).toContain('密码不能包含用户名');
    expect(passwordProblems('张三#Pass99', { displayName: '张三' })).toContain('密码不能包含姓名');
    expect(passwordProblems('P@ssw0rd')).toContain('这是常见的弱密码，请换一个');
    expect(passwordProblems('Admin@123')).toContain('这是常见的弱密码，请换一个');
    expect(passwordProblems('Qx#12345z')[0]).toMatch(/连续或重复/);
    expect(passwordProblems('Qx#aaaa9z')[0]).toMatch(/连续或重复/);
    expect(passwordProblems('Qx#dcba9z')[0]).toMatch(/连续或重复/);
  });

  it('generates temporary passwords that satisfy it and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pw = generatePassword((n) => randomBytes(n));
      expect(passwordProblems(pw), pw).toEqual([]);
      expect(pw).toHaveLength(14);
      expect(pw).not.toMatch(/[0O1lI]/);
      seen.add(pw);
    }
    expect(seen.size).toBe(200);
  });
});
