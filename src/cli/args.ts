/** Minimal flag parsing: --name value, --flag, positional arguments. */
export type Args = { positional: string[]; flags: Record<string, string | true> };

export function parseArgs(argv: string[], booleanFlags: string[] = []): Args {
  const out: Args = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) out.flags[k] = inline;
      else if (booleanFlags.includes(k) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) out.flags[k] = true;
      else out.flags[k] = argv[++i]!;
    } else out.positional.push(a);
  }
  return out;
}
