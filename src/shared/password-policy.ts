/**
 * The password policy (等保2.0 身份鉴别: 口令复杂度): one pure function, shared verbatim by the server (which enforces
 * it on every change and reset) and the browser (which shows the same messages while the user types). Reuse of the
 * last PASSWORD_HISTORY passwords is checked by the server, which alone holds their hashes.
 */
import { LIMITS } from './limits';

/** How many earlier passwords a new one may not repeat. */
export const PASSWORD_HISTORY = 5;
/** Character classes required out of four (大写字母、小写字母、数字、其他符号). */
export const PASSWORD_CLASSES_REQUIRED = 3;

/** Common and default passwords refused whatever their classes (compared without case and separators). */
const WEAK = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'admin123',
  'admin@123',
  'qwerty123',
  'qwer1234',
  '1qaz2wsx',
  '1q2w3e4r',
  'abc12345',
  'abcd1234',
  'aa123456',
  'a1234567',
  'shishi2026',
  'welcome1',
  'iloveyou1',
  'zaq12wsx',
]);

const CLASSES: readonly [RegExp, string][] = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

/** Runs of 4+ ascending or descending characters, or 4+ of the same ("1234", "dcba", "aaaa"). */
function hasRun(pw: string): boolean {
  let up = 1;
  let down = 1;
  let same = 1;
  for (let i = 1; i < pw.length; i++) {
    const d = pw.charCodeAt(i) - pw.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    same = d === 0 ? same + 1 : 1;
    if (up >= 4 || down >= 4 || same >= 4) return true;
  }
  return false;
}

/**
 * What is wrong with a new password, in Chinese, or [] when it is acceptable. `username` (and the display name, when
 * given) may not appear in it.
 */
export function passwordProblems(password: string, who: { username?: string; displayName?: string } = {}): string[] {
  const out: string[] = [];
  const chars = [...password];
  if (chars.length < LIMITS.passwordMin) out.push(`密码至少${LIMITS.passwordMin}位`);
  if (chars.length > LIMITS.passwordMax) out.push(`密码不能超过${LIMITS.passwordMax}位`);
  if (/\s/.test(password)) out.push('密码不能含空格或换行');
  const present = CLASSES.filter(([re]) => re.test(password));
  if (present.length < PASSWORD_CLASSES_REQUIRED) {
    const missing = CLASSES.filter(([re]) => !re.test(password)).map(([, name]) => name);
    out.push(
      `密码须包含大写字母、小写字母、数字、符号中的至少${PASSWORD_CLASSES_REQUIRED}类（还缺：${missing.join('、')}中的${PASSWORD_CLASSES_REQUIRED - present.length}类）`,
    );
  }
  const lower = password.toLowerCase();
  const name = who.username?.trim().toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) out.push('密码不能包含用户名');
  const display = who.displayName?.trim().toLowerCase();
  if (display && display.length >= 2 && lower.includes(display)) out.push('密码不能包含姓名');
  if (WEAK.has(lower.replace(/[\s_.-]/g, ''))) out.push('这是常见的弱密码，请换一个');
  else if (hasRun(password)) out.push('密码不能含4个及以上连续或重复的字符（如 1234、abcd、aaaa）');
  return out;
}

/** A random password that satisfies the policy (temporary passwords after a reset), from a random-bytes source. */
export function generatePassword(randomBytes: (n: number) => Uint8Array, length = 14): string {
  // No look-alikes (0/O, 1/l/I) so it can be read out over the phone.
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];
  for (let attempt = 0; attempt < 100; attempt++) {
    const bytes = randomBytes(length);
    const all = sets.join('');
    const chars = [...bytes].map((b, i) => {
      const set = i < sets.length ? sets[i]! : all;
      return set[b % set.length]!;
    });
    // Shuffle so the classes are not always at the front.
    const order = randomBytes(length);
    const pw = chars
      .map((c, i) => [order[i]!, c] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, c]) => c)
      .join('');
    if (passwordProblems(pw).length === 0) return pw;
  }
  throw new Error('无法生成符合规则的临时密码');
}
