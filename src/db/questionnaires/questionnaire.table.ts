import type { DateString, Generated, Json, TrackingColumns } from '../columns.js';

/** Item answers in item order; null marks a missing item. */
export type Answers = (number | null)[];

export interface QuestionnaireResponseTable extends TrackingColumns {
  id: Generated<string>;
  referral_id: string;
  instrument_id: string;
  instrument_version: string;
  timepoint: string;
  administered_on: DateString;
  administered_by: string | null;
  answers: Json<Answers>;
  score_status: 'scored' | 'incomplete' | 'invalid' | null;
  rules_version: string | null;
}

export interface QuestionnaireScoreTable {
  response_id: string;
  measure: string;
  value: number;
  band: string | null;
}
