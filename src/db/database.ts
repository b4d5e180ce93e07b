// The Database interface: every table Kysely may query, from the *.table.ts files.
import type { AppSessionTable, AppUserTable, StaffTable, UserSchemeTable } from './accounts/account.table.js';
import type { AuditEventTable } from './audit/audit.table.js';
import type {
  CareActionTable,
  CareGoalTable,
  CareNeedTable,
  ContactTable,
  ReferralNeedTable,
  ReferralTable,
  RiskTable,
  SignpostTable,
} from './casework/casework.table.js';
import type { CommunityServiceTable } from './directory/community-service.table.js';
import type {
  ImportRunTable,
  PersonMatchReviewTable,
  PersonSourceAliasTable,
} from './import/import.table.js';
import type { OrganisationTable } from './organisations/organisation.table.js';
import type { PersonSchemeTable, PersonTable } from './people/person.table.js';
import type {
  QuestionnaireResponseTable,
  QuestionnaireScoreTable,
} from './questionnaires/questionnaire.table.js';
import type { ReferenceTables } from './reference/reference.table.js';
import type { SchemeTable, SchemeVersionCoverageTable, SchemeVersionTable } from './schemes/scheme.table.js';

export interface Database extends ReferenceTables {
  organisation: OrganisationTable;
  scheme: SchemeTable;
  scheme_version: SchemeVersionTable;
  scheme_version_coverage: SchemeVersionCoverageTable;
  staff: StaffTable;
  app_user: AppUserTable;
  user_scheme: UserSchemeTable;
  person: PersonTable;
  person_scheme: PersonSchemeTable;
  app_session: AppSessionTable;
  audit_event: AuditEventTable;
  referral: ReferralTable;
  referral_need: ReferralNeedTable;
  contact: ContactTable;
  community_service: CommunityServiceTable;
  signpost: SignpostTable;
  care_need: CareNeedTable;
  care_goal: CareGoalTable;
  care_action: CareActionTable;
  risk: RiskTable;
  questionnaire_response: QuestionnaireResponseTable;
  questionnaire_score: QuestionnaireScoreTable;
  import_run: ImportRunTable;
  person_source_alias: PersonSourceAliasTable;
  person_match_review: PersonMatchReviewTable;
}

/** Tables that hold data (not reference lists), in an order safe for inserting (parents first). */
export const DATA_TABLES = [
  'organisation',
  'scheme',
  'scheme_version',
  'scheme_version_coverage',
  'staff',
  'app_user',
  'user_scheme',
  'person',
  'person_scheme',
  'community_service',
  'referral',
  'referral_need',
  'contact',
  'signpost',
  'care_need',
  'care_goal',
  'care_action',
  'risk',
  'questionnaire_response',
  'questionnaire_score',
  'import_run',
  'person_source_alias',
  'person_match_review',
  'app_session',
  'audit_event',
] as const satisfies readonly (keyof Database)[];
export type DataTable = (typeof DATA_TABLES)[number];
