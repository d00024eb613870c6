/** 组织机构: everyone sees the organisations they act for or report under; admins manage their subtree. */
import { inSet } from './actor';
import { everyone, type Rules } from './rules';

export type OrganisationAction = 'organisation:read' | 'organisation:manage';
export type OrganisationSubject = { orgId: string };

export const organisationRules: Rules<OrganisationAction, OrganisationSubject> = {
  'organisation:read': everyone((a, s) => inSet(a.orgIds, s.orgId) || inSet(a.programmeOwnerIds, s.orgId)),
  'organisation:manage': { admin: (a, s) => inSet(a.orgIds, s.orgId) },
};
