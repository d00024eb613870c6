/** Regular-expression helpers for the engine's hot paths. */

/**
 * Every match of a global regex in `s`, in order: the same as `[...s.matchAll(re)]`, without the copy of the regex
 * that `matchAll` makes on every call. `re` must have the `g` flag; its `lastIndex` is 0 again afterwards.
 */
export function allMatches(re: RegExp, s: string): readonly RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    out.push(m);
    // an empty match: step over one character (one code point with the u flag), as matchAll does
    if (m[0] === '') re.lastIndex += re.unicode && isSurrogatePair(s, re.lastIndex) ? 2 : 1;
  }
  return out;
}

function isSurrogatePair(s: string, i: number): boolean {
  const hi = s.charCodeAt(i);
  const lo = s.charCodeAt(i + 1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}
