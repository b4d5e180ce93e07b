// Column types shared by every *.table.ts. Both engines are configured (connect.ts) to return
// `date` as 'YYYY-MM-DD' strings, `timestamptz` as Date, and int8/numeric as JS numbers.
import type { ColumnType, Generated } from 'kysely';

/** timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a database default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** date: 'YYYY-MM-DD' both ways. */
export type DateString = string;
/** jsonb: read as parsed JSON, written as a JSON string or value. */
export type Json<T> = ColumnType<T, string | T, string | T>;
/** text[] with a default of '{}'. */
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
export type { Generated };

/** The columns every mutable casework record carries (see the casework migration). */
export interface TrackingColumns {
  source_system: string | null;
  source_record_id: string | null;
  synthetic: Generated<boolean>;
  recorded_at: GeneratedTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}
