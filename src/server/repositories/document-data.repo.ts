/** What official documents print beyond the consolidated table's rows. */
import type { DbOrTx } from '../db/connect';

/**
 * The goal text of each project's matter (民生事项), by project: the documents print the whole matter as the office
 * wrote it ("广泛实施社区民生微实事：2023年审核完成…"), where the table shows its short title.
 */
export async function findMatterGoals(db: DbOrTx, projectIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = await db
      .selectFrom('projects')
      .innerJoin('matters', 'matters.id', 'projects.matterId')
      .select(['projects.id', 'matters.goalText'])
      .where('projects.id', 'in', projectIds.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.goalText.trim()) out.set(r.id, r.goalText);
  }
  return out;
}

/** Target adjustments of the projects' indicators and of their own annual targets (0012), oldest first. */
export async function findTargetAdjustments(db: DbOrTx, projectIds: string[]) {
  const [ofIndicators, ofProjects] = await Promise.all([
    indicatorAdjustments(db, projectIds),
    db
      .selectFrom('projectTargetVersions')
      .innerJoin('projects', 'projects.id', 'projectTargetVersions.projectId')
      .select([
        'projectTargetVersions.projectId',
        'projects.originalAnnualTargetText as originalAnnualTarget',
        'projectTargetVersions.oldText',
        'projectTargetVersions.newText',
        'projectTargetVersions.reason',
        'projectTargetVersions.approvedBy',
        'projectTargetVersions.approvedAt',
      ])
      .where('projectTargetVersions.projectId', 'in', projectIds)
      .orderBy('projectTargetVersions.version')
      .execute(),
  ]);
  return [...ofIndicators, ...ofProjects].sort((a, b) => a.approvedAt.localeCompare(b.approvedAt));
}

async function indicatorAdjustments(db: DbOrTx, projectIds: string[]) {
  return db
    .selectFrom('targetVersions')
    .innerJoin('indicators', 'indicators.id', 'targetVersions.indicatorId')
    .innerJoin('projects', 'projects.id', 'indicators.projectId')
    .select([
      'indicators.projectId',
      /** The project's annual target as first planned (0011), what a layout's 原年度目标 prints. */
      'projects.originalAnnualTargetText as originalAnnualTarget',
      'targetVersions.oldText',
      'targetVersions.newText',
      'targetVersions.reason',
      'targetVersions.approvedBy',
      'targetVersions.approvedAt',
    ])
    .where('indicators.projectId', 'in', projectIds)
    .orderBy('targetVersions.approvedAt')
    .orderBy('targetVersions.version')
    .execute();
}

/** The organisation that owns a programme. */
export async function findProgrammeOwner(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('programmes')
    .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
    .select(['organizations.id', 'organizations.name', 'organizations.shortName'])
    .where('programmes.id', '=', programmeId)
    .executeTakeFirst();
}

/** The 督查室 under a government (by name), if the tree has one. */
export async function findOfficeUnder(db: DbOrTx, parentId: string) {
  return db
    .selectFrom('organizations')
    .select('name')
    .where('parentId', '=', parentId)
    .where('name', 'like', '%督查%')
    .executeTakeFirst();
}
