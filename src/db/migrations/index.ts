// The static, ordered list of migrations. The CLI, the server and the tests all see exactly this list
// (no folder scan), so the bundled server and PGlite behave the same as server PostgreSQL.
import type { Migration } from 'kysely';
import * as m20261124_2000 from './2026_11_24_2000_create_reference_lists.js';
import * as m20261124_2010 from './2026_11_24_2010_create_organisations_and_schemes.js';
import * as m20261124_2020 from './2026_11_24_2020_create_casework_record.js';
import * as m20261124_2200 from './2026_11_24_2200_create_sessions_audit_person_scheme.js';
import * as m20261125_1000 from './2026_11_25_1000_create_import_runs.js';
import * as m20261125_1100 from './2026_11_25_1100_create_evaluation_facts.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026_11_24_2000_create_reference_lists': m20261124_2000,
  '2026_11_24_2010_create_organisations_and_schemes': m20261124_2010,
  '2026_11_24_2020_create_casework_record': m20261124_2020,
  '2026_11_24_2200_create_sessions_audit_person_scheme': m20261124_2200,
  '2026_11_25_1000_create_import_runs': m20261125_1000,
  '2026_11_25_1100_create_evaluation_facts': m20261125_1100,
};
