import type { DateString, Generated, TextArray, Timestamp, TrackingColumns } from '../columns.js';

export interface ReferralTable extends TrackingColumns {
  id: Generated<string>;
  person_id: string;
  scheme_id: string;
  referred_at: Timestamp;
  route: string;
  referrer_role: string | null;
  referrer_name: string | null;
  referrer_org_id: string | null;
  referrer_org_text: string | null;
  method: string | null;
  reason: string | null;
  priority_group: string | null;
  status: Generated<string>;
  snomed_code: string | null;
  link_worker_id: string | null;
  previous_referral_id: string | null;
  accepted_at: Timestamp | null;
  closed_at: Timestamp | null;
  discharge_reason: string | null;
  consent_to_share: boolean | null;
}

export interface ReferralNeedTable {
  referral_id: string;
  need: string;
}

export interface ContactTable extends TrackingColumns {
  id: Generated<string>;
  referral_id: string;
  contact_at: Timestamp;
  mode: string;
  duration_minutes: number | null;
  location_type: string | null;
  outcome: Generated<string>;
  staff_id: string | null;
  contact_type: string | null;
  notes: string | null;
}

export interface SignpostTable extends TrackingColumns {
  id: Generated<string>;
  referral_id: string;
  kind: Generated<string>;
  service_id: string | null;
  service_name: string | null;
  signposted_on: DateString;
  reason_need: string | null;
  reason_text: string | null;
  attendance: Generated<string>;
  response: 'pending' | 'accepted' | 'declined' | null;
  staff_id: string | null;
}

export interface CareNeedTable extends TrackingColumns {
  id: Generated<string>;
  referral_id: string;
  need: string;
  description: string | null;
}

export interface CareGoalTable extends TrackingColumns {
  id: Generated<string>;
  referral_id: string;
  need_id: string | null;
  description: string;
  importance: number | null;
  status: Generated<string>;
  agreed_on: DateString | null;
  review_on: DateString | null;
  achieved_on: DateString | null;
}

export interface CareActionTable extends TrackingColumns {
  id: Generated<string>;
  goal_id: string;
  description: string;
  who: string | null;
  due_on: DateString | null;
  status: Generated<string>;
  confidence: number | null;
}

export interface RiskTable extends TrackingColumns {
  id: Generated<string>;
  referral_id: string;
  kind: string;
  description: string | null;
  recorded_on: DateString;
  resolved_on: DateString | null;
}

export type { TextArray };
