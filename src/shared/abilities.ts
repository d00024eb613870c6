/**
 * What the current actor may do with a resource the API returns (`abilities`). Computed on the server from the
 * policies (domain/policies/abilities.ts); the web shows or hides buttons and menu items from these and nothing else.
 */
import { z } from 'zod';

/** A programme: open a round, import a table into it, adjust its targets, read its rounds' tables. */
export const ProgrammeAbilitiesSchema = z.object({
  openRound: z.boolean(),
  import: z.boolean(),
  adjustTargets: z.boolean(),
  readTable: z.boolean(),
  /** Change the programme's settings (序时进度 plan, traffic-light bands). */
  configure: z.boolean(),
});
export type ProgrammeAbilities = z.infer<typeof ProgrammeAbilitiesSchema>;

/** A round: read and export its consolidated table, review its submitted reports, publish its approved ones. */
export const RoundAbilitiesSchema = z.object({
  readTable: z.boolean(),
  exportTable: z.boolean(),
  review: z.boolean(),
  publish: z.boolean(),
  /** Close the round, or reopen a closed one. */
  close: z.boolean(),
  /** Open a draft round, extend its due date (whole round or one unit), reopen it for one unit (0013). */
  manage: z.boolean(),
  /** Archive a closed round (read-only forever). */
  archive: z.boolean(),
});
export type RoundAbilities = z.infer<typeof RoundAbilitiesSchema>;

/** A report, given its state: the review actions this actor may take now. */
export const ReportAbilitiesSchema = z.object({
  save: z.boolean(),
  submit: z.boolean(),
  return: z.boolean(),
  approve: z.boolean(),
  publish: z.boolean(),
  /** Withdraw an approval before publication. */
  revoke: z.boolean(),
});
export type ReportAbilities = z.infer<typeof ReportAbilitiesSchema>;

/** A project: record a 年度目标调整 on its indicators. */
export const ProjectAbilitiesSchema = z.object({
  adjustTarget: z.boolean(),
  /** Official documents of the project's rounds (the 督办单 of a lagging report). */
  exportDocuments: z.boolean(),
});
export type ProjectAbilities = z.infer<typeof ProjectAbilitiesSchema>;

/** The logged-in user, for menus: what they may do somewhere in their scope. */
export const MeAbilitiesSchema = z.object({
  openRound: z.boolean(),
  import: z.boolean(),
  readTable: z.boolean(),
  exportTable: z.boolean(),
  fillReports: z.boolean(),
  review: z.boolean(),
  adjustTargets: z.boolean(),
  manageUsers: z.boolean(),
  /** 计划编制: edit a programme's tree, projects, units and targets (the office of its government). */
  configureProgramme: z.boolean(),
  /** Create a programme (实事计划) for an organisation the actor acts for. */
  createProgramme: z.boolean(),
  /** 组织机构: create, edit, merge, deactivate organisations (系统管理员). */
  manageOrgs: z.boolean(),
  readAudit: z.boolean(),
  /** The installation's audit log (审计管理员). */
  readAuditLog: z.boolean(),
  /** Reset passwords, unlock, end sessions of accounts (安全管理员). */
  secureAccounts: z.boolean(),
  /** 督办: the office's 督办 records of its programmes, a unit's own, leaders read (issue 11). */
  readSupervisions: z.boolean(),
  /** 领导总览, 排名, 考核: the office and the leaders of the programme's government (issue 12). */
  readDashboard: z.boolean(),
  /** 全市汇总: the roll-up of the district programmes below the actor's government (issue 12 §4). */
  readRollup: z.boolean(),
  /** 人大监督: deputies' groups, projects and 督办建议; the office answers them (issue 12). */
  readOversight: z.boolean(),
  /** 年终总结: the year-end list (the office confirms, leaders read). */
  manageYearEnd: z.boolean(),
  /** 满意度测评: the office sets votes up, deputies and resident representatives vote. */
  vote: z.boolean(),
  /** 政务公开: publish a round as a public snapshot, correct it, moderate 公示期 comments (the office). */
  publishDisclosure: z.boolean(),
});
export type MeAbilities = z.infer<typeof MeAbilitiesSchema>;

/** The page a user lands on after login (a hash path of the web app). */
export const HomeSchema = z.enum(['/mine', '/rounds', '/audit', '/security', '/dashboard']);
export type Home = z.infer<typeof HomeSchema>;
