/** A project across the year, and 年度目标调整 of its indicators. */
import { z } from 'zod';
import { ProjectAbilitiesSchema } from '../abilities';
import { AdjustTargetSchema } from '../schemas';
import { idParams, ProjectCoreSchema } from './common';
import { endpoint } from './endpoint';
import { TableRowSchema } from './table';

/** A project across the year: its targets and every round's reports, judged. */
export const ProjectDetailSchema = z.object({
  project: ProjectCoreSchema.extend({ category: z.string().nullable() }),
  abilities: ProjectAbilitiesSchema,
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      unit: z.string(),
      targetText: z.string(),
      targetValue: z.number().nullable(),
      unitName: z.string().nullable(),
    }),
  ),
  targetVersions: z.array(
    z.object({
      indicator: z.string(),
      version: z.number(),
      oldText: z.string(),
      newText: z.string(),
      reason: z.string(),
      approvedBy: z.string(),
      approvedAt: z.string(),
    }),
  ),
  rounds: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      periodLabel: z.string(),
      asOf: z.string(),
      periodTarget: z.string(),
      reports: z.array(
        TableRowSchema.pick({
          reportId: true,
          unit: true,
          unitId: true,
          status: true,
          progress: true,
          selfAssessment: true,
          problems: true,
          nextSteps: true,
          computedStatus: true,
          light: true,
          completionRatio: true,
          gapPoints: true,
          reason: true,
          findings: true,
        }),
      ),
    }),
  ),
});

export const PROJECT_ENDPOINTS = {
  project: endpoint({
    method: 'GET',
    path: '/api/projects/:id',
    summary: '项目全年情况（目标、调整记录、各批次填报及研判）',
    tag: 'projects',
    params: idParams('项目'),
    response: ProjectDetailSchema,
  }),
  adjustTarget: endpoint({
    method: 'POST',
    path: '/api/indicators/:id/adjust',
    summary: '年度目标调整（记录原目标、新目标、原因与批准机关）',
    tag: 'projects',
    params: idParams('指标'),
    body: AdjustTargetSchema,
    response: ProjectDetailSchema,
  }),
};
