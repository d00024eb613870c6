/** 计划编制: the calls of the plan editor (shared/contract/plan.ts) and the mapping of validation issues to form fields. */
import { API } from '../../../../src/shared/contract';
import type {
  GridSaveInput,
  IndicatorsInput,
  MatterInput,
  MoveInput,
  ProgrammeInput,
  ProgrammeUpdateInput,
  ProjectCreateInput,
  ProjectUpdateInput,
  SplitInput,
  UnitsInput,
} from '../../../../src/shared/contract/plan';
import { ApiError, call } from '../../api/client';

const id = (x: string) => ({ id: x });

export const planApi = {
  createProgramme: (body: ProgrammeInput) => call(API.createProgramme, { body }),
  updateProgramme: (programmeId: string, body: ProgrammeUpdateInput) =>
    call(API.updateProgramme, { params: id(programmeId), body }),
  tree: (programmeId: string) => call(API.planTree, { params: id(programmeId) }),
  createCategory: (programmeId: string, name: string) =>
    call(API.createCategory, { params: id(programmeId), body: { name } }),
  updateCategory: (categoryId: string, body: { name?: string; status?: 'active' | 'inactive' }) =>
    call(API.updateCategory, { params: id(categoryId), body }),
  deleteCategory: (categoryId: string) => call(API.deleteCategory, { params: id(categoryId), body: {} }),
  createMatter: (programmeId: string, body: MatterInput) => call(API.createMatter, { params: id(programmeId), body }),
  updateMatter: (matterId: string, body: Partial<MatterInput>) =>
    call(API.updateMatter, { params: id(matterId), body }),
  deleteMatter: (matterId: string) => call(API.deleteMatter, { params: id(matterId), body: {} }),
  createProject: (programmeId: string, body: ProjectCreateInput) =>
    call(API.createProject, { params: id(programmeId), body }),
  project: (projectId: string) => call(API.planProject, { params: id(projectId) }),
  updateProject: (projectId: string, body: ProjectUpdateInput) =>
    call(API.updateProject, { params: id(projectId), body }),
  deleteProject: (projectId: string, version: number) =>
    call(API.deleteProject, { params: id(projectId), query: { version }, body: {} }),
  setUnits: (projectId: string, body: UnitsInput) => call(API.projectUnits, { params: id(projectId), body }),
  setIndicators: (projectId: string, body: IndicatorsInput) =>
    call(API.projectIndicators, { params: id(projectId), body }),
  split: (indicatorId: string, body: SplitInput) => call(API.splitIndicator, { params: id(indicatorId), body }),
  move: (programmeId: string, body: MoveInput) => call(API.movePlanNode, { params: id(programmeId), body }),
  renumber: (programmeId: string, style: 'dash' | 'item', apply: boolean, matters = false) =>
    call(API.renumber, { params: id(programmeId), body: { style, apply, matters } }),
  grid: (programmeId: string) => call(API.planGrid, { params: id(programmeId) }),
  saveGrid: (programmeId: string, body: GridSaveInput) => call(API.saveGrid, { params: id(programmeId), body }),
};

export type FieldIssue = { path: readonly PropertyKey[]; message: string };

/** antd `form.setFields` entries for validation issues (the field highlighted with its Chinese message). */
export function fieldErrors(issues: readonly FieldIssue[], prefix: (string | number)[] = []) {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const i of issues) {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    const name = path.slice(prefix.length);
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(i.message);
    byField.set(key, entry);
  }
  return [...byField.values()].filter((f) => f.name.length > 0);
}

/** The issues of a server validation error (details.issues), or []. */
export function issuesOf(e: unknown): FieldIssue[] {
  if (!(e instanceof ApiError)) return [];
  const details = (e as ApiError & { details?: { issues?: FieldIssue[] } }).details;
  return Array.isArray(details?.issues) ? details.issues : [];
}

/** True for the 409 of a stale version (the page then offers to reload). */
export const isConflict = (e: unknown) => e instanceof ApiError && e.status === 409;
