import type { DateString, Generated, GeneratedTimestamp, TrackingColumns } from '../columns.js';

export interface PersonTable extends TrackingColumns {
  id: Generated<string>;
  nhs_number: string | null;
  chi_number: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: DateString;
  sex: string | null;
  gender: string | null;
  ethnicity_nation: string | null;
  ethnicity_code: string | null;
  postcode: string | null;
  deprivation_index: string | null;
  deprivation_decile: number | null;
  registered_practice_id: string | null;
  phone: string | null;
  email: string | null;
}

export interface PersonSchemeTable {
  person_id: string;
  scheme_id: string;
  created_at: GeneratedTimestamp;
}
