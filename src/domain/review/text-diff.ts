/**
 * A word/character-level text diff for Chinese reports: what a resubmission changed inside a field. Chinese has no
 * spaces, so each Han character is its own token, while runs of digits (with a decimal point or %), Latin letters and
 * whitespace stay whole — "60个" against "80个" changes the number, not one digit of it. Myers' O(ND) algorithm on the
 * tokens; equal neighbours are merged. Pure.
 */

export type DiffOp = 'equal' | 'insert' | 'delete';
export type DiffSegment = { op: DiffOp; text: string };

const TOKEN = /\d+(?:[.．]\d+)?%?|[A-Za-z]+|\s+|[\s\S]/gu;

/** Split a text into diff tokens (numbers, Latin words and whitespace runs whole; everything else per character). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Beyond this many edits the middle is shown as one deletion and one insertion (bounded time and memory). */
const MAX_EDITS = 2000;

type Op = { op: DiffOp; token: string };

/** Which diagonal the furthest path to diagonal k came from (Myers' choice between an insertion and a deletion). */
const fromAbove = (d: number, k: number, get: (k: number) => number) =>
  k === -d || (k !== d && get(k - 1) < get(k + 1));

/** Slide along equal tokens from (x, x − k). */
function snake(a: string[], b: string[], x0: number, k: number): number {
  let x = x0;
  while (x < a.length && x - k < b.length && a[x] === b[x - k]) x++;
  return x;
}

/**
 * Myers' forward search: per number of edits d, the furthest x on each diagonal (trace[d] holds v[k] for k in
 * [−d−1, d+1] before step d, at index k + d + 1). Null when more than MAX_EDITS edits are needed.
 */
function searchTrace(a: string[], b: string[]): Int32Array[] | null {
  const max = Math.min(a.length + b.length, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const get = (k: number) => v[offset + k]!;
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const x = snake(a, b, fromAbove(d, k, get) ? get(k + 1) : get(k - 1) + 1, k);
      v[offset + k] = x;
      if (x >= a.length && x - k >= b.length) return trace;
    }
  }
  return null;
}

/** Walk the trace back from the end: the edit script in reading order. */
function backtrack(a: string[], b: string[], trace: Int32Array[]): Op[] {
  const out: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const get = (k: number) => trace[d]![k + d + 1]!;
    const k = x - y;
    const prevK = fromAbove(d, k, get) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : get(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    for (; x > prevX && y > prevY; x--, y--) out.push({ op: 'equal', token: a[x - 1]! });
    if (d > 0) out.push(x === prevX ? { op: 'insert', token: b[y - 1]! } : { op: 'delete', token: a[x - 1]! });
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}

/** The edit script between two token lists; beyond MAX_EDITS, all of one out and all of the other in. */
function editScript(a: string[], b: string[]): Op[] {
  const trace = searchTrace(a, b);
  if (trace) return backtrack(a, b, trace);
  return [
    ...a.map((token) => ({ op: 'delete' as const, token })),
    ...b.map((token) => ({ op: 'insert' as const, token })),
  ];
}

/** Merge runs of operations into segments; within a changed stretch the deletion comes before the insertion. */
function mergeOps(ops: Op[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (const o of ops) {
    if (o.op === 'delete') del += o.token;
    else if (o.op === 'insert') ins += o.token;
    else {
      flush();
      const last = out.at(-1);
      if (last?.op === 'equal') last.text += o.token;
      else out.push({ op: 'equal', text: o.token });
    }
  }
  flush();
  return out;
}

/** The segments that turn `before` into `after`: equal, deleted and inserted text in reading order. */
export function diffText(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const a = tokenize(before);
  const b = tokenize(after);
  // Common prefix and suffix first: most edits are local, and this keeps the search small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const equal = (tokens: string[]) => tokens.map((token) => ({ op: 'equal' as const, token }));
  return mergeOps([
    ...equal(a.slice(0, start)),
    ...editScript(a.slice(start, endA), b.slice(start, endB)),
    ...equal(a.slice(endA)),
  ]);
}

/** True when a diff changes anything. */
export const diffChanged = (segments: DiffSegment[]): boolean => segments.some((s) => s.op !== 'equal');

/** The text before (equal + deleted) or after (equal + inserted) — for checks and tests. */
export function sideOf(segments: DiffSegment[], side: 'before' | 'after'): string {
  const skip: DiffOp = side === 'before' ? 'insert' : 'delete';
  return segments
    .filter((s) => s.op !== skip)
    .map((s) => s.text)
    .join('');
}
