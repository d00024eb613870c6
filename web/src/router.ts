/** A tiny hash router: `#/rounds/ID/table` → Route. No dependencies. */
import { useMemo, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'login'; next: string | null }
  | { name: 'rounds' }
  | { name: 'table'; roundId: string }
  | { name: 'mine'; roundId: string | null }
  | { name: 'report'; reportId: string }
  | { name: 'project'; projectId: string }
  | { name: 'public'; roundId: string | null }
  | { name: 'import' }
  | { name: 'audit' }
  | { name: 'account' }
  | { name: 'security' }
  | { name: 'orgs' }
  | { name: 'users' }
  | { name: 'layouts'; programmeId: string | null }
  | { name: 'layout'; layoutId: string }
  | { name: 'plan'; programmeId: string | null }
  | { name: 'planGrid'; programmeId: string }
  | { name: 'notify'; programmeId: string | null }
  | { name: 'supervisions'; openId: string | null }
  | { name: 'chase'; roundId: string }
  | { name: 'notifications' }
  | { name: 'dashboard'; programmeId: string | null }
  | { name: 'rollup' }
  | { name: 'oversight' }
  | { name: 'yearEnd'; programmeId: string | null }
  | { name: 'scores'; programmeId: string | null }
  | { name: 'votes'; voteId: string | null }
  | { name: 'disclosure'; programmeId: string | null }
  | { name: 'notFound'; path: string };

/** Parse the part after '#', e.g. "/rounds/abc/table" or "/login?next=%2Frounds". */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', query = ''] = raw.split('?', 2);
  const parts = pathPart
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const params = new URLSearchParams(query);
  const [a, b, c] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (a === 'login' && parts.length === 1) return { name: 'login', next: params.get('next') };
  if (a === 'rounds' && parts.length === 1) return { name: 'rounds' };
  if (a === 'rounds' && b && c === 'table' && parts.length === 3) return { name: 'table', roundId: b };
  if (a === 'rounds' && b && c === 'mine' && parts.length === 3) return { name: 'mine', roundId: b };
  if (a === 'mine' && parts.length === 1) return { name: 'mine', roundId: null };
  if (a === 'reports' && b && parts.length === 2) return { name: 'report', reportId: b };
  if (a === 'projects' && b && parts.length === 2) return { name: 'project', projectId: b };
  if (a === 'import' && parts.length === 1) return { name: 'import' };
  if (a === 'audit' && parts.length === 1) return { name: 'audit' };
  if (a === 'account' && parts.length === 1) return { name: 'account' };
  if (a === 'security' && parts.length === 1) return { name: 'security' };
  if (a === 'orgs' && parts.length === 1) return { name: 'orgs' };
  if (a === 'accounts' && parts.length === 1) return { name: 'users' };
  if (a === 'public' && parts.length <= 2) return { name: 'public', roundId: b ?? null };
  // 计划编制: `/plan` (the programmes), `/plan/:id` (the editor), `/plan/:id/grid` (the bulk-edit grid).
  if (a === 'plan' && parts.length <= 2) return { name: 'plan', programmeId: b ?? null };
  if (a === 'plan' && b && c === 'grid' && parts.length === 3) return { name: 'planGrid', programmeId: b };
  const layouts = moreRoutes(parts, params);
  if (layouts) return layouts;
  return { name: 'notFound', path: pathPart };
}

/** 版式: `/programmes/:id/layouts`, `/layouts` (the programme worked on), `/layouts/:id`. */
function layoutsRoute([a, b, c, ...rest]: string[]): Route | null {
  if (a === 'programmes' && b && c === 'layouts' && rest.length === 0) return { name: 'layouts', programmeId: b };
  if (a === 'layouts' && !c) return b ? { name: 'layout', layoutId: b } : { name: 'layouts', programmeId: null };
  return null;
}

/** 催办看板 `/rounds/:id/chase` and 通知 `/notifications`. */
function chaseRoute([a, b, c, ...rest]: string[]): Route | null {
  if (a === 'rounds' && b && c === 'chase' && rest.length === 0) return { name: 'chase', roundId: b };
  if (a === 'notifications' && !b) return { name: 'notifications' };
  return null;
}

/** 督办: `/supervisions`, `/supervisions?open=<id>` (one record's drawer). */
function supervisionsRoute(parts: string[], params: URLSearchParams): Route | null {
  return parts.length === 1 && parts[0] === 'supervisions'
    ? { name: 'supervisions', openId: params.get('open') }
    : null;
}

/** 消息通道: `/notify` (the programme worked on) or `/programmes/:id/notify`. */
function notifyRoute([a, b, c, ...rest]: string[]): Route | null {
  if (a === 'notify' && !b) return { name: 'notify', programmeId: null };
  if (a === 'programmes' && b && c === 'notify' && rest.length === 0) return { name: 'notify', programmeId: b };
  return null;
}

/**
 * 领导总览 `/dashboard[?programme=<id>]`, 多政府汇总 `/rollup`, 人大监督 `/oversight`, 年终 `/year-end[?programme=]`,
 * 考核 `/scores[?programme=]`, 满意度测评 `/votes`, `/votes/:id`, 政务公开 `/disclosure[?programme=]`.
 */
function evaluateRoute([a, b, ...rest]: string[], params: URLSearchParams): Route | null {
  if (rest.length) return null;
  const programmeId = params.get('programme');
  if (a === 'dashboard' && !b) return { name: 'dashboard', programmeId };
  if (a === 'rollup' && !b) return { name: 'rollup' };
  if (a === 'oversight' && !b) return { name: 'oversight' };
  if (a === 'year-end' && !b) return { name: 'yearEnd', programmeId };
  if (a === 'scores' && !b) return { name: 'scores', programmeId };
  if (a === 'votes') return { name: 'votes', voteId: b ?? null };
  if (a === 'disclosure' && !b) return { name: 'disclosure', programmeId };
  return null;
}

/** Routes parsed outside parseRoute (keeps it simple): 版式, 督办, 催办, 消息通道, 总览与评价. */
const moreRoutes = (parts: string[], params: URLSearchParams): Route | null =>
  layoutsRoute(parts) ??
  supervisionsRoute(parts, params) ??
  chaseRoute(parts) ??
  notifyRoute(parts) ??
  evaluateRoute(parts, params);

/** Build a hash href: href('/rounds', id, 'table') → "#/rounds/<id>/table". */
export function href(...segments: string[]): string {
  const path = segments
    .flatMap((s) => s.split('/'))
    .filter(Boolean)
    .map((s) => encodeURIComponent(s))
    .join('/');
  return `#/${path}`;
}

/** Go to a hash path such as "/rounds" (adds a history entry). */
export function navigate(path: string, opts: { replace?: boolean } = {}) {
  const target = path.startsWith('#') ? path : `#${path.startsWith('/') ? path : `/${path}`}`;
  if (opts.replace) {
    const url = `${window.location.pathname}${window.location.search}${target}`;
    window.history.replaceState(null, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (window.location.hash !== target) {
    window.location.hash = target;
  }
}

/** The current path without '#', for "come back here after login". */
export function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/** The current route; re-renders on hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, getHash);
  return useMemo(() => parseRoute(hash), [hash]);
}
