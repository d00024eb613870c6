/** 系统: installation-level reading such as the API documentation (/api/docs) — the offices that run programmes. */
import { actsForAny } from './actor';
import { office, type Rules } from './rules';

export type SystemAction = 'system:readApiDocs';
/** Nothing about a record: the answer depends on the actor alone. */
export type SystemSubject = Record<string, never>;

export const systemRules: Rules<SystemAction, SystemSubject> = {
  'system:readApiDocs': office((a) => actsForAny(a.orgIds)),
};
