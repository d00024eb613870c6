/**
 * The demo's oversight and 满意度测评 (after `shishi seed-demo`): per programme, a 第一监督小组 of the government's
 * deputies following its key-supervision projects, and a 满意度测评 open for two weeks on its first projects.
 * Idempotent per programme (skipped when the programme already has a group).
 */
import { makeActor } from '../../../domain/policies/actor';
import { can } from '../../../domain/policies/policies';
import { RATINGS } from '../../../shared/contract/evaluate';
import type { Role } from '../../../shared/statuses';
import type { Db } from '../../db/connect';
import * as repo from '../../repositories/evaluate.repo';
import { newId } from '../../util';

const DAY = 86_400_000;

export async function seedEvaluateDemo(db: Db, at: Date): Promise<{ groups: number; votes: number }> {
  let groups = 0;
  let votes = 0;
  for (const p of await repo.findProgrammesOf(db, 'all')) {
    if ((await repo.findGroups(db, p.id)).length) continue;
    const owner = { ownerOrgId: p.ownerOrgId };
    const deputies = (await repo.findActiveUsersInOrgs(db, [p.ownerOrgId])).filter((u) =>
      can(
        makeActor(
          { id: u.id, role: u.role as Role, displayName: u.displayName },
          [p.ownerOrgId],
          [{ id: p.ownerOrgId, parentId: null }],
        ),
        'oversight:opine',
        owner,
      ),
    );
    if (!deputies.length) continue;
    const projects = await repo.findProgrammeProjects(db, p.id);
    const key = projects.filter((x) => x.keySupervision === 1).map((x) => x.id);
    const now = at.toISOString();
    await db.transaction().execute(async (trx) => {
      if (key.length) {
        await repo.insertGroup(
          trx,
          { id: newId(), programmeId: p.id, name: '第一监督小组', createdBy: null, createdAt: now },
          deputies.map((d) => d.id),
          key,
        );
        groups++;
      }
      const rated = projects
        .sort((a, b) => (a.matterSeq ?? a.seq) - (b.matterSeq ?? b.seq) || a.seq - b.seq)
        .slice(0, 10)
        .map((x) => x.id);
      if (rated.length) {
        await repo.insertVote(
          trx,
          {
            id: newId(),
            programmeId: p.id,
            title: `${p.year}年度民生实事满意度测评（演示）`,
            opensAt: now,
            closesAt: new Date(at.getTime() + 14 * DAY).toISOString(),
            createdBy: null,
            createdAt: now,
          },
          rated,
          deputies.map((d) => d.id),
          RATINGS,
        );
        votes++;
      }
    });
  }
  return { groups, votes };
}
