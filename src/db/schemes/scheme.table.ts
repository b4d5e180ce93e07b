import type { DateString, Generated, GeneratedTimestamp, Json, TextArray } from '../columns.js';

export interface SchemeTable {
  id: Generated<string>;
  name: string;
  region_id: string;
  nation: string;
  started_on: DateString | null;
  ended_on: DateString | null;
  synthetic: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

/** The twelve TIDieR items (Hoffmann et al. 2014, BMJ 348:g1687), free text each. */
export interface TidierItems {
  brief_name?: string;
  why?: string;
  what_materials?: string;
  what_procedures?: string;
  who_provides?: string;
  how?: string;
  where?: string;
  when_how_much?: string;
  tailoring?: string;
  modifications?: string;
  how_well_planned?: string;
  how_well_actual?: string;
}

export interface SchemeVersionTable {
  id: Generated<string>;
  scheme_id: string;
  version_no: number;
  valid_from: DateString;
  valid_to: DateString | null;
  voice: string | null;
  checked_on: DateString | null;
  tidier: Json<TidierItems>;
  operator_org_id: string | null;
  employer_org_id: string | null;
  manager_org_id: string | null;
  commissioner_org_id: string | null;
  network_org_id: string | null;
  delivery_model: string | null;
  delivery_model_reason: string | null;
  age_range: 'adults' | 'all_ages' | 'children' | null;
  min_age: number | null;
  max_age: number | null;
  accepted_routes: TextArray;
  priority_groups: TextArray;
  specialism: 'generic' | 'specialist' | null;
  session_cap: number | null;
  session_cap_mode: Generated<'warn' | 'block'>;
  keeps_at_risk: boolean | null;
  rereferral_policy: 'allowed' | 'after_interval' | 'not_allowed' | null;
  rereferral_min_days: number | null;
  accompanies_first_meeting: 'routinely' | 'if_needed' | 'last_resort' | 'no' | null;
  home_visits: boolean | null;
  exclusion_criteria: TextArray;
  exclusion_notes: string | null;
  data_systems: TextArray;
  data_recorded: TextArray;
  outcome_tools: TextArray;
  outcome_tool_consistency: 'none' | 'sporadic' | 'occasional' | 'systematic' | null;
  funding_sources: TextArray;
  recorded_at: GeneratedTimestamp;
  created_at: GeneratedTimestamp;
}

export interface SchemeVersionCoverageTable {
  scheme_version_id: string;
  org_id: string;
}
