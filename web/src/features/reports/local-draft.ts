/**
 * The report being typed, kept in this browser (localStorage) per report and server version, so a dropped connection
 * or a closed tab loses nothing. `pending` marks a draft the user asked to save while the server was out of reach: it
 * is saved again when the connection is back or on the next visit. A draft written on an older version than the
 * server's is never applied silently (the page shows both).
 */
import { isDirty, type ReportDraft } from './report-draft';

const PREFIX = 'shishi.reportDraft:';

export type StoredDraft = {
  reportId: string;
  /** The server version the draft was typed on. */
  baseVersion: number;
  draft: ReportDraft;
  /** ISO time of the last keystroke kept. */
  savedAt: string;
  /** The user pressed 保存/提交 and the server was not reached. */
  pending: boolean;
};

const keyOf = (reportId: string, baseVersion: number) => `${PREFIX}${reportId}:v${baseVersion}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function keysOf(reportId: string): string[] {
  const s = storage();
  if (!s) return [];
  const prefix = `${PREFIX}${reportId}:v`;
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(prefix)) out.push(k);
  }
  return out;
}

/** Keep the draft (replaces older drafts of the same report: one per report). */
export function keepDraft(reportId: string, baseVersion: number, draft: ReportDraft, pending: boolean): void {
  const s = storage();
  if (!s) return;
  const key = keyOf(reportId, baseVersion);
  for (const k of keysOf(reportId)) if (k !== key) s.removeItem(k);
  const value: StoredDraft = { reportId, baseVersion, draft, savedAt: new Date().toISOString(), pending };
  try {
    s.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still holds the text.
  }
}

/** The kept draft of a report, if any (the newest base version when several survived). */
export function findDraft(reportId: string): StoredDraft | null {
  const s = storage();
  if (!s) return null;
  let best: StoredDraft | null = null;
  for (const k of keysOf(reportId)) {
    try {
      const v = JSON.parse(s.getItem(k) ?? 'null') as StoredDraft | null;
      if (v && typeof v.baseVersion === 'number' && v.draft && (!best || v.baseVersion > best.baseVersion)) best = v;
    } catch {
      s.removeItem(k);
    }
  }
  return best;
}

export function dropDrafts(reportId: string): void {
  const s = storage();
  if (!s) return;
  for (const k of keysOf(reportId)) s.removeItem(k);
}

/** What to do with a kept draft when the server's report arrives. */
export type DraftDecision =
  | { kind: 'none' }
  /** Same version as the server: put it back into the form (and save it again when it was pending). */
  | { kind: 'restore'; stored: StoredDraft }
  /** Typed on an older version, and different from the server's: show both, the user chooses. */
  | { kind: 'conflict'; stored: StoredDraft };

export function decide(stored: StoredDraft | null, serverVersion: number, server: ReportDraft): DraftDecision {
  if (!stored || !isDirty(stored.draft, server)) return { kind: 'none' };
  if (stored.baseVersion === serverVersion) return { kind: 'restore', stored };
  if (stored.baseVersion < serverVersion) return { kind: 'conflict', stored };
  // A base newer than the server's (a restored database): show both as well.
  return { kind: 'conflict', stored };
}
