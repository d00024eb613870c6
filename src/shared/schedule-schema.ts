/** A programme's schedule settings as sent by the office: how 序时进度 is computed and the traffic-light bands. */
import { z } from 'zod';

const fraction = z.number().finite().min(0, '应在 0 到 1 之间').max(1, '应在 0 到 1 之间');
const cumulative = (n: number, what: string) =>
  z
    .array(fraction)
    .length(n, `${what}应有 ${n} 个累计比例`)
    .refine((p) => p.every((x, i) => i === 0 || x >= p[i - 1]!), `${what}的累计比例不能下降`);

export const ScheduleSettingsSchema = z
  .strictObject({
    mode: z.enum(['linear', 'monthly', 'quarterly', 'deadline'], {
      message: '应为 linear（按月线性）/monthly（月度计划）/quarterly（季度计划）/deadline（时限）之一',
    }),
    yellowBandPoints: z.number().finite().min(0).max(100).default(30),
    redBelowShareOfSchedule: z.number().finite().gt(0).max(1).nullable().default(null),
    monthlyPoints: cumulative(12, '月度计划').nullable().optional(),
    quarterlyPoints: cumulative(4, '季度计划').nullable().optional(),
    deadline: z
      .string()
      .regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '时限格式应为 MM-DD 或 YYYY-MM-DD')
      .nullable()
      .optional(),
    lateSubmission: z
      .enum(['allow', 'refuse'], { message: '应为 allow（接受并标记逾期）或 refuse（不接受逾期提交）' })
      .optional(),
  })
  .refine((s) => s.mode !== 'monthly' || s.monthlyPoints, {
    message: '月度计划须填写 12 个月的累计比例',
    path: ['monthlyPoints'],
  })
  .refine((s) => s.mode !== 'quarterly' || s.quarterlyPoints, {
    message: '季度计划须填写 4 个季度的累计比例',
    path: ['quarterlyPoints'],
  })
  .refine((s) => s.mode !== 'deadline' || s.deadline, { message: '时限模式须填写完成时限', path: ['deadline'] });
export type ScheduleSettingsInput = z.infer<typeof ScheduleSettingsSchema>;
