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

export function matchUnits(names: string[], orgs: OrgRef[]): UnitMatchResult {
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
  const matched: UnitMatch[] = [];
  const unknown: string[] = [];
  const collective: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const e = exact.get(name);
    if (e) {
      matched.push({ name, orgId: e.id, orgName: e.name, via: 'exact' });
      continue;
    }
    const a = alias.get(name);
    if (a) {
      matched.push({ name, orgId: a.id, orgName: a.name, via: 'alias' });
      continue;
    }
    const n = normalized.get(loose(name));
    if (n) {
      matched.push({ name, orgId: n.id, orgName: n.name, via: 'normalized' });
      continue;
    }
    if (isCollectiveUnit(name)) collective.push(name);
    else unknown.push(name);
  }
  return { matched, unknown, collective };
}
