/**
 * Control characters no request may carry: U+0000–U+0008, U+000B, U+000C, U+000E–U+001F and U+007F (tab, line feed
 * and carriage return are kept). PostgreSQL cannot store U+0000 in text at all, and the others only ever arrive by
 * accident or on purpose (they break exports, logs and terminals). The server walks every request input once
 * (plugins/contract.ts for params, query and JSON bodies; parseInput for inputs read by hand), so no schema has to
 * remember it; the web forms can use the same check.
 */
import type { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters refused.
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** `U+0000` for the first control character of s (null when there is none). */
export function firstControlChar(s: string): string | null {
  const m = CONTROL_CHARS.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** The message of an issue, e.g. 含有不允许的控制字符（U+0000），请删除后重试. */
export const controlCharMessage = (code: string) => `含有不允许的控制字符（${code}），请删除后重试`;

type Path = (string | number)[];

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date) && !ArrayBuffer.isView(x);

/**
 * Issues (zod's shape, code `custom`) for every string — values and object keys — in `input` that holds a control
 * character, at most `max`. Iterative, so hostile nesting cannot overflow the stack.
 */
export function controlCharIssues(input: unknown, max = 10): z.core.$ZodIssueCustom[] {
  const out: z.core.$ZodIssueCustom[] = [];
  const add = (path: Path, code: string | null) => {
    if (code) out.push({ code: 'custom', path, message: controlCharMessage(code), input: undefined });
  };
  const stack: [unknown, Path][] = [[input, []]];
  while (stack.length && out.length < max) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') add(path, firstControlChar(value));
    else if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]]);
    else if (isPlainObject(value))
      for (const key of Object.keys(value).reverse()) {
        add([...path, key], firstControlChar(key));
        stack.push([value[key], [...path, key]]);
      }
  }
  return out.slice(0, max);
}
