/** `abilities` on every resource the API returns, computed from the policies in one place. */
import type {
  Home,
  MeAbilities,
  ProgrammeAbilities,
  ProjectAbilities,
  ReportAbilities,
  RoundAbilities,
} from '../../shared/abilities';
import type { ReportStatus, ReviewAction } from '../../shared/statuses';
import { allowedActions } from '../review/review-workflow';
import type { Actor } from './actor';
import {
  can,
  mayEver,
  type ProgrammeSubject,
  type ProjectSubject,
  REVIEW_ACTION_PERMISSION,
  type ReportSubject,
  type RoundSubject,
} from './policies';

/** What each kind of resource needs to know about its subject. */
type Kinds = {
  programme: { subject: ProgrammeSubject; abilities: ProgrammeAbilities };
  round: { subject: RoundSubject; abilities: RoundAbilities };
  report: { subject: ReportSubject & { status: ReportStatus }; abilities: ReportAbilities };
  project: { subject: ProjectSubject; abilities: ProjectAbilities };
  me: { subject: null; abilities: MeAbilities };
};
export type ResourceKind = keyof Kinds;

const REVIEW_ACTIONS: ReviewAction[] = ['save', 'submit', 'return', 'approve', 'publish', 'revoke'];

const compute: { [K in ResourceKind]: (a: Actor | null, s: Kinds[K]['subject']) => Kinds[K]['abilities'] } = {
  programme: (a, s) => ({
    openRound: can(a, 'round:open', s),
    import: can(a, 'import:commit', s),
    adjustTargets: can(a, 'indicator:adjust', s),
    readTable: can(a, 'round:readTable', s),
    configure: can(a, 'programme:configure', s),
  }),
  round: (a, s) => ({
    readTable: can(a, 'round:readTable', s),
    exportTable: can(a, 'export:table', s),
    // Reviewing is decided by the programme alone, whichever unit's report it is.
    review: can(a, 'report:approve', { ...s, orgId: '', keySupervision: false }),
    publish: can(a, 'round:publish', s),
    close: can(a, 'round:close', s),
    manage: can(a, 'round:manage', s),
    archive: can(a, 'round:archive', s),
  }),
  report: (a, s) => {
    const now = allowedActions(s.status);
    const out = {} as ReportAbilities;
    for (const x of REVIEW_ACTIONS) out[x] = now.includes(x) && can(a, REVIEW_ACTION_PERMISSION[x], s);
    return out;
  },
  project: (a, s) => ({
    adjustTarget: can(a, 'indicator:adjust', s),
    exportDocuments: can(a, 'export:table', { ownerOrgId: s.ownerOrgId }),
  }),
  me: (a) => ({
    openRound: mayEver(a, 'round:open'),
    import: mayEver(a, 'import:commit'),
    readTable: mayEver(a, 'round:readTable'),
    exportTable: mayEver(a, 'export:table'),
    fillReports: mayEver(a, 'report:save'),
    review: mayEver(a, 'report:approve'),
    adjustTargets: mayEver(a, 'indicator:adjust'),
    manageUsers: mayEver(a, 'user:manage'),
    configureProgramme: mayEver(a, 'programme:configure'),
    createProgramme: mayEver(a, 'programme:create'),
    manageOrgs: mayEver(a, 'organisation:manage'),
    readAudit: mayEver(a, 'audit:read'),
    readAuditLog: mayEver(a, 'audit:readLog'),
    secureAccounts: mayEver(a, 'user:secure'),
    readSupervisions: mayEver(a, 'supervision:read'),
    readDashboard: mayEver(a, 'dashboard:read'),
    readRollup: mayEver(a, 'rollup:read'),
    readOversight: mayEver(a, 'oversight:read'),
    manageYearEnd: mayEver(a, 'yearEnd:read'),
    vote: mayEver(a, 'vote:manage') || mayEver(a, 'vote:cast'),
    publishDisclosure: mayEver(a, 'round:publish'),
  }),
};

/** What this actor may do with the resource. */
export function abilitiesFor<K extends ResourceKind>(
  actor: Actor | null,
  kind: K,
  subject: Kinds[K]['subject'],
): Kinds[K]['abilities'] {
  return compute[kind](actor, subject);
}

/** The review actions a report's abilities allow, in workflow order. */
export const allowedReviewActions = (abilities: ReportAbilities): ReviewAction[] =>
  REVIEW_ACTIONS.filter((x) => abilities[x]);

/** Where a user lands after login: units go to their reports, everyone else to the rounds. */
export function homeFor(actor: Actor | null): Home {
  if (mayEver(actor, 'report:save')) return '/mine';
  if (mayEver(actor, 'audit:readLog')) return '/audit';
  if (mayEver(actor, 'user:secure')) return '/security';
  // Leaders (read the dashboard, run nothing) land on the overview; the office keeps its rounds.
  if (mayEver(actor, 'dashboard:read') && !mayEver(actor, 'round:open')) return '/dashboard';
  return '/rounds';
}
