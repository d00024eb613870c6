import { periodLabel } from '../../../domain/plan/periods';
import { abilitiesFor } from '../../../domain/policies/abilities';
import { PUBLIC_SCOPE } from '../../../domain/policies/policies';
import type { ConsolidatedTable, PublicRound } from '../../../shared/api-types';
import type { Db } from '../../db/connect';
import { notFound } from '../../errors';
import { findPublishedRounds } from '../../repositories/programmes.repo';
import { buildTable } from './consolidated-table';
import { type CachedJson, readCacheOf } from './read-cache';

/** The public table as JSON text (cached: anonymous readers must not be able to exhaust the CPU). */
export async function getPublicTableJson(db: Db, roundId: string): Promise<CachedJson> {
  const body = await readCacheOf(db).get(db, `public|${roundId}`, async () => {
    const t = await buildTable(db, roundId, PUBLIC_SCOPE, true);
    return t.rows.length ? { abilities: abilitiesFor(null, 'round', { ownerOrgId: '' }), ...t, missing: [] } : null;
  });
  if (body.json === 'null') throw notFound('公开数据');
  return body;
}

/** The public view: published rows only, no login. */
export async function getPublicTable(db: Db, roundId: string): Promise<ConsolidatedTable> {
  const t = await buildTable(db, roundId, PUBLIC_SCOPE, true);
  if (!t.rows.length) throw notFound('公开数据');
  return { ...t, missing: [], abilities: abilitiesFor(null, 'round', { ownerOrgId: '' }) };
}

/** Rounds that have published rows, for the public page. */
export async function listPublicRounds(db: Db): Promise<PublicRound[]> {
  const rows = await findPublishedRounds(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    programme: r.programme,
    periodLabel: periodLabel(r.periodKey),
    asOf: r.asOf,
  }));
}
