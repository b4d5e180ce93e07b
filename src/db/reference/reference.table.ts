import type { Generated } from '../columns.js';

/** Every reference list table (ref_*) has this shape, except ref_ethnicity. */
export interface ReferenceTable {
  code: string;
  label: string;
  system: string | null;
  system_code: string | null;
  sort_order: number;
  active: Generated<boolean>;
}

export interface EthnicityTable {
  nation: string;
  code: string;
  label: string;
  system: string;
  sort_order: number;
  active: Generated<boolean>;
}

/** The names of the reference lists held as ref_<name> tables (all but ethnicity). */
export const REFERENCE_LISTS = [
  'nation',
  'org_kind',
  'referral_route',
  'referrer_role',
  'referral_method',
  'referral_status',
  'need',
  'priority_group',
  'contact_mode',
  'location_type',
  'contact_outcome',
  'signpost_kind',
  'attendance',
  'discharge_reason',
  'timepoint',
  'sex',
  'gender',
  'deprivation_index',
  'staff_role',
  'goal_status',
  'action_status',
  'risk_kind',
  'delivery_model',
  'funding_source',
  'data_system',
  'exclusion_criterion',
  'outcome_tool',
  'data_item',
] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

export type ReferenceTables = { [K in ReferenceList as `ref_${K}`]: ReferenceTable } & {
  ref_ethnicity: EthnicityTable;
};
