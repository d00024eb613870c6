/** 导入表格: preview a file (no writes), commit it into a programme. */
import { actsForAny, inSet } from './actor';
import { office, type Rules } from './rules';

export type ImportAction = 'import:preview' | 'import:commit';
/** The target programme's owner; a preview may not have chosen a programme yet. */
export type ImportSubject = { ownerOrgId?: string | undefined };

export const importRules: Rules<ImportAction, ImportSubject> = {
  'import:preview': office((a, s) =>
    s.ownerOrgId === undefined ? actsForAny(a.orgIds) : inSet(a.orgIds, s.ownerOrgId),
  ),
  // Committing always names the programme it writes into.
  'import:commit': office((a, s) => s.ownerOrgId !== undefined && inSet(a.orgIds, s.ownerOrgId)),
};
