/**
 * 计划编制: programmes, their tree (category → matter → project → sub-item), units in roles, indicators with period
 * targets, split targets, renumbering and the bulk-edit grid. Every project edit carries the `version` it read; a stale
 * one answers 409 CONFLICT (reload), never a silent overwrite.
 */
import { z } from 'zod';
import { ProgrammeAbilitiesSchema } from '../abilities';
import { ScheduleSettingsSchema } from '../schedule-schema';
import { INDICATOR_KINDS, PROGRAMME_LEVELS, PROJECT_FLAGS, PROJECT_LEVELS, UNIT_ROLES } from '../statuses';
import { EmptyBodySchema, IndicatorCoreSchema, idParams, OkSchema, ProgrammeScheduleSchema } from './common';
import { endpoint } from './endpoint';

const required = (what: string, max: number) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}个字符`);
const optionalText = (what: string, max: number) => z.string().trim().max(max, `${what}不能超过${max}个字符`);
const id = (what: string) => z.string().min(1, `请选择${what}`).max(64, `${what}无效`);
const version = z.number({ message: '缺少版本号，请刷新页面后重试' }).int().min(0);

export const CADENCES = ['monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Record<Cadence, string> = { monthly: '按月', quarterly: '按季度' };
export const PLAN_STATUSES = ['active', 'inactive'] as const;
export const PLAN_STATUS_LABELS: Record<(typeof PLAN_STATUSES)[number], string> = {
  active: '在用',
  inactive: '已停用',
};

const status = z.enum(PLAN_STATUSES, { message: '状态应为“在用”或“已停用”' });
const periodKey = z
  .string()
  .regex(/^\d{4}-(M(0[1-9]|1[0-2])|Q[1-4]|H[12])$/, '期次格式应为 2026-Q3、2026-M08 或 2026-H1');
const finite = (what: string) => z.number({ message: `${what}应为数字` }).finite(`${what}应为数字`);

// ---- Programmes ------------------------------------------------------------------------------------------------

export const ProgrammeInputSchema = z.strictObject({
  name: required('计划名称', 200),
  year: z
    .number({ message: '年度应为数字' })
    .int('年度应为整数')
    .min(2000, '年度应在 2000 至 2100 之间')
    .max(2100, '年度应在 2000 至 2100 之间'),
  level: z.enum(PROGRAMME_LEVELS, { message: '层级应为省、市、区、县、街道之一' }),
  ownerOrgId: id('所属政府'),
  statusVocabulary: z
    .array(required('进度状态', 20))
    .min(1, '请至少填写一个进度状态')
    .max(20, '进度状态不能超过 20 个'),
  cadence: z.enum(CADENCES, { message: '报送周期应为按月或按季度' }),
  schedule: ScheduleSettingsSchema.optional(),
});
export type ProgrammeInput = z.infer<typeof ProgrammeInputSchema>;

export const ProgrammeUpdateSchema = ProgrammeInputSchema.omit({ ownerOrgId: true })
  .partial()
  .extend({ status: status.optional() });
export type ProgrammeUpdateInput = z.infer<typeof ProgrammeUpdateSchema>;

export const PlanProgrammeSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  level: z.string(),
  ownerOrgId: z.string(),
  owner: z.string(),
  statusVocabulary: z.array(z.string()),
  cadence: z.enum(CADENCES),
  schedule: ProgrammeScheduleSchema,
  status: z.string(),
  abilities: ProgrammeAbilitiesSchema,
});

/** An organisation a project may name as a unit (the programme owner's subtree). */
export const PlanUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  /** Other names the unit is known by (the grid accepts them when pasted). */
  aliases: z.array(z.string()),
});

export const PlanCategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  seq: z.number(),
  status: z.string(),
});
export const PlanMatterSchema = z.object({
  id: z.string(),
  categoryId: z.string().nullable(),
  number: z.string(),
  title: z.string(),
  goalText: z.string(),
  seq: z.number(),
  status: z.string(),
});
export const PlanProjectRowSchema = z.object({
  id: z.string(),
  matterId: z.string().nullable(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  seq: z.number(),
  status: z.string(),
  version: z.number(),
  levels: z.array(z.string()),
  flags: z.array(z.string()),
  type: z.string(),
  annualTarget: z.string(),
  leadUnits: z.array(z.string()),
});

/** The whole tree of a programme, for the editor. */
export const PlanTreeSchema = z.object({
  programme: PlanProgrammeSchema,
  categories: z.array(PlanCategorySchema),
  matters: z.array(PlanMatterSchema),
  projects: z.array(PlanProjectRowSchema),
  units: z.array(PlanUnitSchema),
});

// ---- Categories, matters ----------------------------------------------------------------------------------------

export const CategoryInputSchema = z.strictObject({ name: required('类别名称', 200), status: status.optional() });
export const MatterInputSchema = z.strictObject({
  categoryId: id('类别').nullable(),
  number: required('事项序号', 20),
  title: required('事项名称', 500),
  goalText: optionalText('事项目标', 2000).default(''),
  status: status.optional(),
});
export type MatterInput = z.infer<typeof MatterInputSchema>;
export const MatterUpdateSchema = MatterInputSchema.partial();

// ---- Projects ---------------------------------------------------------------------------------------------------

const projectFields = {
  code: optionalText('项目编号', 50),
  name: required('项目名称', 500),
  levels: z.array(z.enum(PROJECT_LEVELS, { message: '级别应为省级、市级、区级、县级或街道级' })).max(5),
  flags: z.array(z.enum(PROJECT_FLAGS, { message: '标记应为人大重点监督、挂牌督办或常态化' })).max(3),
  type: required('项目类型', 20),
  annualTarget: optionalText('年度目标', 2000),
};
export const ProjectCreateSchema = z.strictObject({
  matterId: id('民生事项').nullable(),
  /** A sub-item (子项) names its parent project. */
  parentId: id('上级项目').nullable().default(null),
  ...projectFields,
  code: projectFields.code.default(''),
  levels: projectFields.levels.default([]),
  flags: projectFields.flags.default([]),
  annualTarget: projectFields.annualTarget.default(''),
});
export type ProjectCreateInput = z.infer<typeof ProjectCreateSchema>;
export const ProjectUpdateSchema = z.strictObject({
  version,
  matterId: id('民生事项').nullable().optional(),
  code: projectFields.code.optional(),
  name: projectFields.name.optional(),
  levels: projectFields.levels.optional(),
  flags: projectFields.flags.optional(),
  type: projectFields.type.optional(),
  annualTarget: projectFields.annualTarget.optional(),
  status: status.optional(),
});
export type ProjectUpdateInput = z.infer<typeof ProjectUpdateSchema>;

export const PeriodTargetInputSchema = z.strictObject({
  periodKey,
  targetText: optionalText('本期目标', 2000),
  targetValue: finite('本期目标值').nullable().default(null),
  /** true: 累计 (to date); false: this period alone. */
  cumulative: z.boolean().default(true),
});
export const IndicatorInputSchema = z.strictObject({
  /** Present for an existing indicator; absent for a new one. */
  id: z.string().max(64).optional(),
  name: required('指标名称', 200),
  kind: z.enum(INDICATOR_KINDS, {
    message: '指标类型应为数量、百分比、金额、标准、越低越好、节点/形象进度或完成时限',
  }),
  unit: optionalText('计量单位', 20).default(''),
  targetText: required('年度目标', 2000),
  targetValue: finite('年度目标值').nullable().default(null),
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '完成时限格式应为 YYYY-MM-DD')
    .nullable()
    .default(null),
  periodTargets: z.array(PeriodTargetInputSchema).max(60, '分期目标不能超过 60 个').default([]),
});
export const IndicatorsInputSchema = z
  .strictObject({
    version,
    indicators: z.array(IndicatorInputSchema).max(50, '指标不能超过 50 个'),
    /** 形象进度 per period (text only, not tied to an indicator). */
    milestones: z
      .array(z.strictObject({ periodKey, targetText: required('形象进度', 2000) }))
      .max(60)
      .default([]),
  })
  .superRefine((v, ctx) => {
    v.indicators.forEach((ind, i) => {
      const seen = new Set<string>();
      ind.periodTargets.forEach((t, j) => {
        if (seen.has(t.periodKey))
          ctx.addIssue({
            code: 'custom',
            message: `指标“${ind.name}”的期次 ${t.periodKey} 重复`,
            path: ['indicators', i, 'periodTargets', j, 'periodKey'],
          });
        seen.add(t.periodKey);
      });
      if (ind.kind === 'deadline' && !ind.deadline)
        ctx.addIssue({
          code: 'custom',
          message: `完成时限类指标“${ind.name}”须填写完成时限`,
          path: ['indicators', i, 'deadline'],
        });
    });
  });
export type IndicatorsInput = z.infer<typeof IndicatorsInputSchema>;

export const UnitsInputSchema = z
  .strictObject({
    version,
    units: z
      .array(
        z.strictObject({
          orgId: id('单位'),
          role: z.enum(UNIT_ROLES, { message: '角色应为牵头、协办或共同主办' }),
          shareNote: optionalText('分工说明', 500).default(''),
        }),
      )
      .max(200, '单位不能超过 200 个'),
  })
  .superRefine((v, ctx) => {
    if (!v.units.some((u) => u.role === 'lead'))
      ctx.addIssue({ code: 'custom', message: '须至少有一个牵头单位', path: ['units'] });
    const seen = new Set<string>();
    v.units.forEach((u, i) => {
      const key = `${u.orgId}/${u.role}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: '同一单位在同一角色中重复', path: ['units', i, 'orgId'] });
      seen.add(key);
    });
  });
export type UnitsInput = z.infer<typeof UnitsInputSchema>;

export const SplitInputSchema = z.strictObject({
  version,
  parts: z
    .array(
      z.strictObject({
        orgId: id('单位'),
        targetValue: finite('分解目标').min(0, '分解目标不能为负数'),
        targetText: optionalText('分解目标说明', 500).optional(),
      }),
    )
    .max(200),
});
export type SplitInput = z.infer<typeof SplitInputSchema>;

export const MoveInputSchema = z.strictObject({
  kind: z.enum(['category', 'matter', 'project'], { message: '只能移动类别、事项或项目' }),
  id: id('要移动的节点'),
  /** The new parent: a matter's category, a project's matter or (for a sub-item) parent project; null = top level. */
  parentId: z.string().max(64).nullable(),
  parentKind: z.enum(['category', 'matter', 'project']).nullable().default(null),
  /** 0-based position among the new parent's children. */
  position: z.number().int().min(0, '位置不能为负数'),
  /** The moved project's version (projects only). */
  version: version.optional(),
});
export type MoveInput = z.infer<typeof MoveInputSchema>;

export const RenumberInputSchema = z.strictObject({
  style: z.enum(['dash', 'item'], { message: '编号样式应为“19-2”式或“第19-2项”式' }),
  /** Also number the matters 1, 2, 3 … in their order. */
  matters: z.boolean().default(false),
  /** false: preview only. */
  apply: z.boolean().default(false),
});
export const RenumberResultSchema = z.object({
  applied: z.boolean(),
  matters: z.array(z.object({ id: z.string(), oldNumber: z.string(), newNumber: z.string() })),
  projects: z.array(z.object({ id: z.string(), name: z.string(), oldCode: z.string(), newCode: z.string() })),
});

/** A project as the project editor edits it. */
export const PlanProjectSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  matterId: z.string().nullable(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  levels: z.array(z.string()),
  flags: z.array(z.string()),
  type: z.string(),
  annualTarget: z.string(),
  /** The annual target as first planned when a 年度目标调整 changed it, else null. */
  originalAnnualTarget: z.string().nullable(),
  seq: z.number(),
  status: z.string(),
  version: z.number(),
  /** Someone has reported on it: it can be deactivated, not deleted. */
  hasReports: z.boolean(),
  cadence: z.enum(CADENCES),
  year: z.number(),
  units: z.array(z.object({ orgId: z.string(), name: z.string(), role: z.string(), shareNote: z.string() })),
  indicators: z.array(
    IndicatorCoreSchema.extend({
      deadline: z.string().nullable(),
      orgId: z.string().nullable(),
      splitOf: z.string().nullable(),
      periodTargets: z.array(
        z.object({
          periodKey: z.string(),
          targetText: z.string(),
          targetValue: z.number().nullable(),
          cumulative: z.boolean(),
        }),
      ),
    }),
  ),
  milestones: z.array(z.object({ periodKey: z.string(), targetText: z.string() })),
});
export type PlanProject = z.infer<typeof PlanProjectSchema>;

// ---- The grid ---------------------------------------------------------------------------------------------------

export const GridRowSchema = z.object({
  projectId: z.string(),
  version: z.number(),
  code: z.string(),
  name: z.string(),
  leadUnits: z.array(z.string()),
  assistUnits: z.array(z.string()),
  annualTarget: z.string(),
  periodTargets: z.record(z.string(), z.string()),
  flags: z.array(z.string()),
  status: z.string(),
});
export const GridSchema = z.object({
  programme: PlanProgrammeSchema,
  periodKeys: z.array(z.string()),
  rows: z.array(GridRowSchema),
  units: z.array(PlanUnitSchema),
});

/** One changed row: only the columns that changed; units by name (as pasted from Excel). */
export const GridSaveSchema = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        projectId: id('项目'),
        version,
        code: optionalText('项目编号', 50).optional(),
        name: required('项目名称', 500).optional(),
        leadUnits: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
        assistUnits: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
        annualTarget: optionalText('年度目标', 2000).optional(),
        periodTargets: z.record(periodKey, optionalText('本期目标', 2000)).optional(),
        flags: z
          .array(z.enum(PROJECT_FLAGS, { message: '标记应为人大重点监督、挂牌督办或常态化' }))
          .max(3)
          .optional(),
      }),
    )
    .min(1, '没有要保存的修改')
    .max(2000, '一次最多保存 2000 行'),
});
export type GridSaveInput = z.infer<typeof GridSaveSchema>;
export const GridSaveResultSchema = z.object({ saved: z.number(), rows: z.array(GridRowSchema) });

/** The version a DELETE read. */
export const VersionQuerySchema = z.strictObject({
  version: z.coerce.number({ message: '缺少版本号，请刷新页面后重试' }).int().min(0),
});

export const PLAN_ENDPOINTS = {
  createProgramme: endpoint({
    method: 'POST',
    path: '/api/programmes',
    summary: '新建实事计划',
    tag: 'plan',
    body: ProgrammeInputSchema,
    response: PlanProgrammeSchema,
    status: 201,
  }),
  updateProgramme: endpoint({
    method: 'PUT',
    path: '/api/programmes/:id',
    summary: '修改实事计划（名称、年度、层级、进度状态、报送周期、序时进度与红黄绿灯规则）',
    tag: 'plan',
    params: idParams('实事计划'),
    body: ProgrammeUpdateSchema,
    response: PlanProgrammeSchema,
  }),
  planTree: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/plan',
    summary: '实事计划的结构（类别、民生事项、项目、子项）与可选单位',
    tag: 'plan',
    params: idParams('实事计划'),
    response: PlanTreeSchema,
  }),
  createCategory: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/categories',
    summary: '新增类别',
    tag: 'plan',
    params: idParams('实事计划'),
    body: CategoryInputSchema,
    response: PlanCategorySchema,
    status: 201,
  }),
  updateCategory: endpoint({
    method: 'PUT',
    path: '/api/categories/:id',
    summary: '修改类别（名称、停用）',
    tag: 'plan',
    params: idParams('类别'),
    body: CategoryInputSchema.partial(),
    response: PlanCategorySchema,
  }),
  deleteCategory: endpoint({
    method: 'DELETE',
    path: '/api/categories/:id',
    summary: '删除类别（已有填报时拒绝，请改为停用）',
    tag: 'plan',
    params: idParams('类别'),
    body: EmptyBodySchema,
    response: OkSchema,
  }),
  createMatter: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/matters',
    summary: '新增民生事项',
    tag: 'plan',
    params: idParams('实事计划'),
    body: MatterInputSchema,
    response: PlanMatterSchema,
    status: 201,
  }),
  updateMatter: endpoint({
    method: 'PUT',
    path: '/api/matters/:id',
    summary: '修改民生事项（序号、名称、目标、停用）',
    tag: 'plan',
    params: idParams('民生事项'),
    body: MatterUpdateSchema,
    response: PlanMatterSchema,
  }),
  deleteMatter: endpoint({
    method: 'DELETE',
    path: '/api/matters/:id',
    summary: '删除民生事项（已有填报时拒绝，请改为停用）',
    tag: 'plan',
    params: idParams('民生事项'),
    body: EmptyBodySchema,
    response: OkSchema,
  }),
  createProject: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/projects',
    summary: '新增项目或子项',
    tag: 'plan',
    params: idParams('实事计划'),
    body: ProjectCreateSchema,
    response: PlanProjectSchema,
    status: 201,
  }),
  planProject: endpoint({
    method: 'GET',
    path: '/api/plan/projects/:id',
    summary: '编辑中的项目（单位、指标、分期目标、形象进度）',
    tag: 'plan',
    params: idParams('项目'),
    response: PlanProjectSchema,
  }),
  updateProject: endpoint({
    method: 'PUT',
    path: '/api/plan/projects/:id',
    summary: '修改项目（编号、名称、级别、标记、类型、年度目标、停用；须带读取时的版本号）',
    tag: 'plan',
    params: idParams('项目'),
    body: ProjectUpdateSchema,
    response: PlanProjectSchema,
  }),
  deleteProject: endpoint({
    method: 'DELETE',
    path: '/api/plan/projects/:id',
    summary: '删除项目（本项目或子项已有填报时拒绝，请改为停用）',
    tag: 'plan',
    params: idParams('项目'),
    query: VersionQuerySchema,
    body: EmptyBodySchema,
    response: OkSchema,
  }),
  projectUnits: endpoint({
    method: 'PUT',
    path: '/api/plan/projects/:id/units',
    summary: '设置项目的责任单位（牵头、协办、共同主办）及分工',
    tag: 'plan',
    params: idParams('项目'),
    body: UnitsInputSchema,
    response: PlanProjectSchema,
  }),
  projectIndicators: endpoint({
    method: 'PUT',
    path: '/api/plan/projects/:id/indicators',
    summary: '设置项目的指标、年度目标、分期目标与形象进度',
    tag: 'plan',
    params: idParams('项目'),
    body: IndicatorsInputSchema,
    response: PlanProjectSchema,
  }),
  splitIndicator: endpoint({
    method: 'PUT',
    path: '/api/plan/indicators/:id/split',
    summary: '把指标的年度目标分解到各单位（合计须等于年度目标）',
    tag: 'plan',
    params: idParams('指标'),
    body: SplitInputSchema,
    response: PlanProjectSchema,
  }),
  movePlanNode: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/plan/move',
    summary: '调整类别、事项、项目的顺序或上级',
    tag: 'plan',
    params: idParams('实事计划'),
    body: MoveInputSchema,
    response: PlanTreeSchema,
  }),
  renumber: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/plan/renumber',
    summary: '重新编号（“19-2”式或“第19-2项”式；先预览，再应用）',
    tag: 'plan',
    params: idParams('实事计划'),
    body: RenumberInputSchema,
    response: RenumberResultSchema,
  }),
  planGrid: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/grid',
    summary: '批量编辑表（每行一个项目）',
    tag: 'plan',
    params: idParams('实事计划'),
    response: GridSchema,
  }),
  saveGrid: endpoint({
    method: 'PUT',
    path: '/api/programmes/:id/grid',
    summary: '保存批量编辑表中修改的行（一次事务，全部成功或全部不保存）',
    tag: 'plan',
    params: idParams('实事计划'),
    body: GridSaveSchema,
    response: GridSaveResultSchema,
  }),
};
