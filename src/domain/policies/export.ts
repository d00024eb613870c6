/** 导出: the consolidated table as a file goes to whoever may read the table. */
import { office, ownsProgramme, type ProgrammeSubject, type Rules } from './rules';

export type ExportAction = 'export:table';
export type ExportSubject = ProgrammeSubject;

export const exportRules: Rules<ExportAction, ExportSubject> = {
  'export:table': { ...office(ownsProgramme), leader: ownsProgramme, deputy: ownsProgramme },
};
