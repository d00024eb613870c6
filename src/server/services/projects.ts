/** The project page: targets, units in roles, target adjustments and every round's reports with their judgement. */
import { pickPeriodTarget } from '../../domain/assess';
import { periodLabel } from '../../domain/periods/periods';
import { abilitiesFor } from '../../domain/policies/abilities';
import { can } from '../../domain/policies/policies';
import type { ProjectDetail } from '../../shared/api-types';
import type { AdjustTargetInput } from '../../shared/schemas';
import type { ReportStatus } from '../../shared/statuses';
import { notFound } from '../errors';
import { insertAudit } from '../repositories/audit.repo';
import { findProgramme } from '../repositories/programmes.repo';
import * as projects from '../repositories/projects.repo';
import * as repo from '../repositories/reports.repo';
import { findProgrammeOwner } from '../repositories/scope.repo';
import { newId, parseJson } from '../util';
import { assessmentFields, assessOnTheSpot } from './assessments';
import { authorize, authorizeRead, type Ctx } from './context';
import { projectSubject, visibleIndicator } from './subjects';

export async function getProjectDetail(ctx: Ctx, id: string): Promise<ProjectDetail> {
  const db = ctx.db;
  const p = await projects.findProjectWithMatter(db, id);
  if (!p) throw notFound('项目');
  const units = await repo.findProjectUnits(db, [id]);
  const flags = parseJson<string[]>(p.flags, []);
  const owner = await findProgrammeOwner(db, p.programmeId);
  const subject = projectSubject({
    ownerOrgId: owner?.ownerOrgId ?? '',
    flags: p.flags,
    unitIds: units.map((u) => u.orgId),
  });
  authorizeRead(ctx, 'project:read', subject, '项目');
  const [indicators, versions, targets, reports] = await Promise.all([
    projects.findIndicatorsWithUnit(db, id),
    projects.findTargetVersions(db, id),
    repo.findPeriodTargets(db, [id]),
    projects.findProjectReports(db, id),
  ]);
  const onTheSpot = await assessOnTheSpot(
    db,
    reports.filter((r) => r.versionId && !r.assessmentId).map((r) => r.versionId!),
  );
  // A reporter sees only their own units' reports of a project they share.
  const visible = reports.filter((r) => can(ctx.actor, 'report:read', { ...subject, orgId: r.orgId }));
  const rounds: ProjectDetail['rounds'] = [];
  for (const r of visible) {
    let round = rounds.find((x) => x.id === r.roundId);
    if (!round) {
      round = {
        id: r.roundId,
        name: r.roundName,
        periodLabel: periodLabel(r.periodKey),
        asOf: r.asOf,
        periodTarget: pickPeriodTarget(targets, r.periodKey),
        reports: [],
      };
      rounds.push(round);
    }
    const row = {
      reportId: r.reportId,
      unit: r.unit,
      unitId: r.orgId,
      status: r.status as ReportStatus,
      progress: r.progressText ?? '',
      selfAssessment: r.selfAssessment ?? null,
      problems: r.problems ?? '',
      nextSteps: r.nextSteps ?? '',
    };
    const stored = r.assessmentId ? r : r.versionId ? (onTheSpot.get(r.versionId) ?? null) : null;
    round.reports.push({ ...row, ...assessmentFields(stored) });
  }
  const names = (role: string) => units.filter((u) => u.role === role).map((u) => u.name);
  return {
    project: {
      id: p.id,
      code: p.code,
      name: p.name,
      annualTarget: p.annualTargetText,
      levels: parseJson<string[]>(p.levels, []),
      flags,
      type: p.type,
      matter: p.matter,
      category: p.category,
      leadUnits: names('lead'),
      assistUnits: names('assist'),
      cohostUnits: names('cohost'),
    },
    abilities: abilitiesFor(ctx.actor, 'project', subject),
    indicators,
    targetVersions: versions,
    rounds,
  };
}

/** Record a 年度目标调整: the indicator's target changes, the old and new target and the approval are kept as a version. */
export async function adjustTarget(ctx: Ctx, indicatorId: string, input: AdjustTargetInput) {
  authorize(ctx, 'indicator:adjust', await visibleIndicator(ctx, indicatorId));
  const actor = ctx.actor;
  const ind = await projects.findIndicator(ctx.db, indicatorId);
  if (!ind) throw notFound('指标');
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const version = await projects.nextTargetVersion(trx, indicatorId);
    await projects.insertTargetVersion(trx, {
      id: newId(),
      indicatorId,
      version,
      oldText: ind.targetText,
      oldValue: ind.targetValue,
      newText: input.newText,
      newValue: input.newValue,
      reason: input.reason,
      approvedBy: input.approvedBy,
      approvedAt: input.approvedAt,
      createdBy: actor.id,
      createdAt: now,
    });
    await projects.updateIndicatorTarget(trx, indicatorId, input.newText, input.newValue);
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'indicator.adjust',
      entity: 'indicator',
      entityId: indicatorId,
      before: { targetText: ind.targetText, targetValue: ind.targetValue },
      after: { ...input, version },
      ip: ctx.ip,
    });
  });
  return getProjectDetail(ctx, ind.projectId);
}
