/**
 * Control characters no request may carry: U+0000–U+0008, U+000E–U+001F and U+007F (tab, line feed and carriage
 * return are kept). U+000B and U+000C are what Word puts on the clipboard for a manual line break and a page break:
 * they are turned into line feeds (the walk below rewrites them in the parsed input) instead of being refused. PostgreSQL cannot store U+0000 in text at all, and the others only ever arrive by
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

// biome-ignore lint/suspicious/noControlCharactersInRegex: Word's manual line break and page break.
const SOFT_BREAKS = /[\u000B\u000C]/g;

/** Rewrite Word's line and page breaks in a string value of the parsed input as line feeds; returns the new value. */
function softBreaksToNewlines(node: Node, value: string): string {
  if (!node.parent) return value;
  const fixed = value.replace(SOFT_BREAKS, '\n');
  if (fixed === value) return value;
  (node.parent.value as Record<string | number, unknown>)[node.key as string | number] = fixed;
  return fixed;
}

type Path = (string | number)[];
/** A value to visit and where it sits: the parent's node and its key (paths are built only for an issue). */
type Node = { value: unknown; key: string | number | null; parent: Node | null };

/** Longest path reported: real fields are a few levels deep; a hostile nesting is named by its outer part. */
const MAX_PATH = 32;

const pathOf = (node: Node | null): Path => {
  const path: Path = [];
  for (let n = node; n && n.key !== null; n = n.parent) path.push(n.key);
  return path.reverse().slice(0, MAX_PATH);
};

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date) && !ArrayBuffer.isView(x);

/**
 * Issues (zod's shape, code `custom`) for every string — values and object keys — in `input` that holds a control
 * character, at most `max`. Iterative and linear in the input, so hostile nesting cannot overflow the stack or take
 * quadratic time.
 */
export function controlCharIssues(input: unknown, max = 10): z.core.$ZodIssueCustom[] {
  const out: z.core.$ZodIssueCustom[] = [];
  const add = (node: Node, code: string | null) => {
    if (code) out.push({ code: 'custom', path: pathOf(node), message: controlCharMessage(code), input: undefined });
  };
  const stack: Node[] = [{ value: input, key: null, parent: null }];
  while (stack.length && out.length < max) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') add(node, firstControlChar(softBreaksToNewlines(node, value)));
    else if (Array.isArray(value))
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    else if (isPlainObject(value))
      for (const key of Object.keys(value).reverse()) {
        const child = { value: value[key], key, parent: node };
        add(child, firstControlChar(key));
        stack.push(child);
      }
  }
  return out.slice(0, max);
}
