// The JSON shape of a mapping profile, as a zod schema: it checks a profile file at the edge and is
// exported as JSON Schema (profiles/profile.schema.json) so that editors complete and check
// profiles. What a schema cannot check (date formats, patterns, how records refer to each other)
// is checked by compileProfile in src/domain/harmonisation/profile.ts.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { validationError, type FieldIssue } from '../../domain/errors.js';
import {
  compileProfile,
  CONTACT_FIELDS,
  PERSON_FIELDS,
  REFERRAL_FIELDS,
  type CompiledProfile,
  type ProfileSpec,
} from '../../domain/harmonisation/profile.js';

const FieldMappingSchema = z
  .strictObject({
    column: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A column, by its header (case and extra spaces ignored).'),
    value: z.string().max(500).optional().describe('A constant value for every row.'),
    template: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'Text with {Column} placeholders (and {n}, the repeat key); empty if any column named is empty.',
      ),
    pattern: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe('A regular expression the value must match (the row is rejected otherwise).'),
    group: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .describe('The named group of the pattern to keep (default: the whole match).'),
    default: z.string().max(500).optional().describe('The value when the cell is empty.'),
    split: z
      .string()
      .min(1)
      .max(10)
      .optional()
      .describe('List fields (needs): the separator between items (default ";").'),
    map: z
      .record(z.string(), z.string().max(200))
      .optional()
      .describe(
        'Source value -> Linkwork value (keys compared without case and extra spaces; "" means empty).',
      ),
    unmapped: z
      .enum(['keep', 'reject', 'empty'])
      .optional()
      .describe('A value the map does not list: keep it (default), reject the row, or treat it as empty.'),
    formats: z
      .array(z.string().min(1).max(50))
      .min(1)
      .max(10)
      .optional()
      .describe('Date formats for this field, tried in order, e.g. "dd/MM/yyyy" (ISO 8601 always works).'),
  })
  .describe('Where a field comes from and how it is read.');

const FieldSpecSchema = z.union([
  z.string().min(1).max(200).describe('A column, by its header.'),
  FieldMappingSchema,
]);

function fieldsSchema<const K extends readonly string[]>(keys: K, what: string) {
  const shape = Object.fromEntries(keys.map((k) => [k, FieldSpecSchema.optional()])) as {
    [P in K[number]]: z.ZodOptional<typeof FieldSpecSchema>;
  };
  return z.strictObject(shape).describe(`The ${what} fields this sheet gives (docs/import.md lists each).`);
}

const recordSchema = <const K extends readonly string[]>(keys: K, what: string) =>
  z.strictObject({
    id: FieldSpecSchema.optional().describe(
      `The ${what}'s id in the source system (kept as source_record_id: importing again updates it).`,
    ),
    fields: fieldsSchema(keys, what),
  });

const keysOf = <T extends object>(o: T): (keyof T & string)[] => Object.keys(o) as (keyof T & string)[];

const SheetSchema = z.strictObject({
  name: z.string().min(1).max(60).describe('The sheet name used in results and messages.'),
  sheet: z.string().min(1).max(100).optional().describe('The workbook sheet it is read from (XLSX).'),
  file: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The CSV file name it is read from: a pattern with * and ?.'),
  headerRow: z.int().min(1).max(100).optional().describe('The row holding the column headers (default 1).'),
  person: recordSchema(keysOf(PERSON_FIELDS), 'person').optional(),
  referral: recordSchema(keysOf(REFERRAL_FIELDS), 'referral').optional(),
  contact: recordSchema(keysOf(CONTACT_FIELDS), 'contact')
    .extend({
      repeat: z
        .array(z.string().min(1).max(20))
        .min(1)
        .max(50)
        .optional()
        .describe(
          'One contact per key, for spreadsheets with columns like "Session 1 date", "Session 2 date" ({n}).',
        ),
    })
    .optional(),
});

export const ProfileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/)
      .describe('The profile name: lower-case letters, digits and hyphens.'),
    title: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    sourceSystem: z
      .string()
      .min(1)
      .max(50)
      .describe(
        'Kept with every record as source_system; two sources whose ids could clash need different ones.',
      ),
    timeZone: z.enum(['Europe/London', 'UTC']).optional().describe('How date-times without a zone are read.'),
    dateFormats: z
      .array(z.string().min(1).max(50))
      .max(10)
      .optional()
      .describe('Date formats tried in order for every date field, e.g. ["dd/MM/yyyy", "d MMM yyyy"].'),
    csv: z
      .strictObject({
        delimiter: z.string().min(1).max(1).optional().describe('The field separator (default ",").'),
        encoding: z
          .enum(['utf-8', 'windows-1252'])
          .optional()
          .describe('The text encoding of CSV files (default utf-8).'),
      })
      .optional(),
    sheets: z
      .array(SheetSchema)
      .min(1)
      .max(20)
      .describe('In import order: people before the referrals that name them.'),
  })
  .describe('A Linkwork mapping profile (docs/import.md).');

/** A profile as the schema reads it; assignable to the domain's ProfileSpec (a compile error here means they drifted). */
const asSpec = (p: z.infer<typeof ProfileSchema>): ProfileSpec => p;

/** The profile schema as JSON Schema (draft 2020-12), for editors (profiles/profile.schema.json). */
export function profileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ProfileSchema, { target: 'draft-2020-12' }),
    $id: 'https://linkwork.example/profile.schema.json',
    title: 'Linkwork mapping profile',
  };
}

export interface LoadedProfile {
  readonly spec: ProfileSpec;
  readonly compiled: CompiledProfile;
  /** sha256 of the profile file's bytes: a changed profile is a different import. */
  readonly hash: string;
}

/** Checks profile JSON (text); throws validation_failed naming the profile key of every problem. */
export function parseProfile(text: string): LoadedProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw validationError([
      { path: 'profile', rule: 'json', message: `is not JSON: ${(error as Error).message}` },
    ]);
  }
  const shaped = ProfileSchema.safeParse(json);
  if (!shaped.success) {
    const issues: FieldIssue[] = shaped.error.issues.map((i) => ({
      path:
        i.path
          .map((p, n) => (typeof p === 'number' ? `[${p}]` : n === 0 ? String(p) : `.${String(p)}`))
          .join('') || 'profile',
      rule: i.code,
      message: i.message,
    }));
    throw validationError(issues);
  }
  const spec = asSpec(shaped.data);
  const compiled = compileProfile(spec);
  if (compiled.kind === 'invalid') throw validationError(compiled.issues);
  return {
    spec: shaped.data,
    compiled: compiled.value,
    hash: createHash('sha256').update(text).digest('hex'),
  };
}

/** Reads and checks a profile file. */
export async function loadProfile(path: string): Promise<LoadedProfile> {
  return parseProfile(await readFile(path, 'utf8'));
}
