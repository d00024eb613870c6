/** A project across the year, and 年度目标调整 of its indicators. */
import { z } from 'zod';
import { ProjectAbilitiesSchema } from '../abilities';
import { AdjustTargetSchema } from '../schemas';
import { IndicatorCoreSchema, idParams, ProjectCoreSchema } from './common';
import { endpoint } from './endpoint';
import { TableRowSchema } from './table';

/** A project across the year: its targets and every round's reports, judged. */
export const ProjectDetailSchema = z.object({
  project: ProjectCoreSchema.extend({
    category: z.string().nullable(),
    /** The annual target as first planned, when a 年度目标调整 changed it (else null). */
    originalAnnualTarget: z.string().nullable(),
  }),
  abilities: ProjectAbilitiesSchema,
  indicators: z.array(IndicatorCoreSchema.extend({ unitName: z.string().nullable() })),
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

/**
 * A 年度目标调整, optionally with the indicator's new period targets. Without them, the period targets of periods that
 * end on or after the approval date are scaled by new/old (domain/plan/target-adjustment.ts).
 */
export const AdjustTargetWithPeriodsSchema = AdjustTargetSchema.extend({
  periodTargets: z
    .array(
      z.strictObject({
        periodKey: z
          .string()
          .regex(/^\d{4}-(M(0[1-9]|1[0-2])|Q[1-4]|H[12])$/, '期次格式应为 2026-Q3、2026-M08 或 2026-H1'),
        targetText: z.string().trim().min(1, '请填写调整后的本期目标').max(2000, '本期目标不能超过2000个字符'),
        targetValue: z.number({ message: '本期目标值应为数字' }).finite().nullable(),
      }),
    )
    .max(60)
    .optional(),
});
export type AdjustTargetWithPeriodsInput = z.infer<typeof AdjustTargetWithPeriodsSchema>;

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
    body: AdjustTargetWithPeriodsSchema,
    response: ProjectDetailSchema,
  }),
};
