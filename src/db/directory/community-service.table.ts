import type { Generated, TextArray, TrackingColumns } from '../columns.js';

export interface CommunityServiceTable extends TrackingColumns {
  id: Generated<string>;
  name: string;
  organisation_name: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  area: string | null;
  needs: TextArray;
  taxonomy_terms: TextArray;
  min_age: number | null;
  max_age: number | null;
  active: Generated<boolean>;
}
