/**
 * Units named in a file → the organisation tree: exact name, then a known alias, then the same name written with
 * other brackets/spaces. Everything else is listed as unknown for the user to map or create — never created here.
 */
import { normalizeParens } from './text';
import type { OrgRef, UnitMatch, UnitMatchResult } from './types';

/** "各街道", "各相关社区工作站", "相关街镇" stand for several units. */
export function isCollectiveUnit(name: string): boolean {
  return /^(各|相关|有关|全区|全市|各有关|各相关)/.test(name) && name.length <= 12;
}

function loose(s: string): string {
  return normalizeParens(s.normalize('NFKC'))
    .replace(/\s+/g, '')
    .replace(/[（）()]/g, '');
}

type OrgIndex = { exact: Map<string, OrgRef>; alias: Map<string, OrgRef>; normalized: Map<string, OrgRef> };

/** Organisations by exact name, by alias and by loosened name or alias (the first one wins). */
function indexOrgs(orgs: OrgRef[]): OrgIndex {
  const exact = new Map<string, OrgRef>();
  const alias = new Map<string, OrgRef>();
  const normalized = new Map<string, OrgRef>();
  for (const o of orgs) {
    exact.set(o.name, o);
    normalized.set(loose(o.name), o);
    for (const a of o.aliases ?? []) {
      if (!alias.has(a)) alias.set(a, o);
      const la = loose(a);
      if (!normalized.has(la)) normalized.set(la, o);
    }
  }
  return { exact, alias, normalized };
}

/** One name against the index: exact name first, then alias, then loosened. */
function matchOne(name: string, index: OrgIndex): UnitMatch | null {
  const e = index.exact.get(name);
  if (e) return { name, orgId: e.id, orgName: e.name, via: 'exact' };
  const a = index.alias.get(name);
  if (a) return { name, orgId: a.id, orgName: a.name, via: 'alias' };
  const n = index.normalized.get(loose(name));
  if (n) return { name, orgId: n.id, orgName: n.name, via: 'normalized' };
  return null;
}

export function matchUnits(names: string[], orgs: OrgRef[]): UnitMatchResult {
  const index = indexOrgs(orgs);
  const matched: UnitMatch[] = [];
  const unknown: string[] = [];
  const collective: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const m = matchOne(name, index);
    if (m) matched.push(m);
    else if (isCollectiveUnit(name)) collective.push(name);
    else unknown.push(name);
  }
  return { matched, unknown, collective };
}
