/** The project page: targets, units in roles, target adjustments and every round's reports with their stored judgement. */
import { pickPeriodTarget } from '../../../domain/assess';
import { periodLabel } from '../../../domain/plan/periods';
import { abilitiesFor } from '../../../domain/policies/abilities';
import { can } from '../../../domain/policies/policies';
import type { ProjectDetail } from '../../../shared/api-types';
import type { ReportStatus } from '../../../shared/statuses';
import { notFound } from '../../errors';
import * as projects from '../../repositories/projects.repo';
import * as repo from '../../repositories/reports.repo';
import { findProgrammeOwner } from '../../repositories/scope.repo';
import { parseJson } from '../../util';
import { assessmentFields, assessOnTheSpot } from '../assess/assessments';
import { authorizeRead, type Ctx } from '../context';
import { projectForReader } from '../evaluate/deputy-view';
import { projectSubject } from '../subjects';

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
  // Deputies: approved or published content only (services/evaluate/deputy-view.ts).
  return projectForReader(ctx, subject.ownerOrgId, {
    project: {
      id: p.id,
      code: p.code,
      name: p.name,
      annualTarget: p.annualTargetText,
      originalAnnualTarget: p.originalAnnualTargetText ?? null,
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
  });
}
