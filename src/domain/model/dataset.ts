/** A whole programme as plain data: what the demo generator produces and the seeder loads in one transaction. */
import type { Role } from '../../shared/statuses';
import type {
  Category,
  Indicator,
  Matter,
  Organization,
  PeriodTarget,
  Programme,
  Project,
  ProjectUnit,
  Report,
  ReportVersion,
  Round,
  TargetVersion,
} from './types';

export type DatasetUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitIds: string[];
  /** Plain demo password; hashed by the seeder, never stored. */
  password: string;
  /** For e-mail reminders (the demo uses the reserved example.com domain). */
  email?: string;
};

export type Dataset = {
  organizations: Organization[];
  users: DatasetUser[];
  programmes: Programme[];
  categories: Category[];
  matters: Matter[];
  projects: Project[];
  projectUnits: ProjectUnit[];
  indicators: Indicator[];
  periodTargets: PeriodTarget[];
  targetVersions: TargetVersion[];
  rounds: Round[];
  reports: Report[];
  reportVersions: ReportVersion[];
};
