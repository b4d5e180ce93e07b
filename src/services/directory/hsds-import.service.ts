// Community-services directory import from Open Referral UK / HSDS 3.0 (issue #9 point 5): a file
// (one service, an array, or a page of the /services envelope) or a live feed (GET /services,
// paged), each service checked against the HSDS 3.0 service schema, mapped by the domain, and
// written with its HSDS id as source record id, so a re-import updates rather than duplicates.
// Per-service results: created, updated, unchanged, or rejected with the HSDS path and rule.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { mapHsdsService, type DirectoryEntry, type HsdsService } from '../../domain/directory/hsds.js';
import type { FieldIssue } from '../../domain/errors.js';
import { validationError } from '../../domain/errors.js';
import type { Database } from '../../db/database.js';
import {
  findCommunityServiceBySource,
  insertCommunityService,
  updateCommunityService,
  type CommunityServiceRow,
  type CommunityServiceValues,
} from '../../db/directory/community-service.repository.js';
import type { DbHandle } from '../context.js';

const text = z.string().max(20_000);
const phones = z.array(z.looseObject({ number: z.string().max(100) })).max(50);

/**
 * The HSDS 3.0 service schema, for the fields Linkwork reads: required `id` (uuid), `name`,
 * `status` (enum), and the types and formats of the optional ones (standards.md section 4.2,
 * from openreferral/specification schema/service.json). Other fields are allowed and ignored, as
 * HSDS allows local extensions.
 */
export const HsdsServiceSchema = z.looseObject({
  id: z.uuid(),
  name: z.string().min(1).max(1000),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  description: text.nullish(),
  url: z.url().max(2000).nullish(),
  email: z.email().max(500).nullish(),
  minimum_age: z.number().nullish(),
  maximum_age: z.number().nullish(),
  organization: z.looseObject({ name: z.string().max(1000).optional() }).nullish(),
  phones: phones.optional(),
  contacts: z
    .array(z.looseObject({ phones: phones.optional() }))
    .max(50)
    .optional(),
  service_areas: z
    .array(
      z.looseObject({ name: z.string().max(1000).nullish(), service_area: z.string().max(1000).nullish() }),
    )
    .max(200)
    .optional(),
  service_at_locations: z
    .array(
      z.looseObject({
        location: z
          .looseObject({
            addresses: z
              .array(
                z.looseObject({
                  postal_code: z.string().max(20).optional(),
                  address_type: z.string().optional(),
                }),
              )
              .max(20)
              .optional(),
          })
          .nullish(),
      }),
    )
    .max(200)
    .optional(),
  attributes: z
    .array(
      z.looseObject({
        taxonomy_term: z
          .looseObject({
            id: z.string().optional(),
            name: z.string().max(1000).optional(),
            term: z.string().max(1000).optional(),
            code: z.string().max(200).nullish(),
          })
          .nullish(),
      }),
    )
    .max(500)
    .optional(),
});

/** The HSDS 3.0 paging envelope of GET /services (standards.md 4.4). */
const PageSchema = z.looseObject({
  total_pages: z.number().int().min(0),
  page_number: z.number().int().min(0),
  contents: z.array(z.unknown()),
});

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface ServiceResult {
  readonly index: number;
  readonly id: string | null;
  readonly name: string | null;
  readonly outcome: ImportOutcome;
  readonly issues: readonly FieldIssue[];
}

export interface DirectoryImportSummary {
  readonly source: string;
  readonly dryRun: boolean;
  readonly counts: Readonly<Record<ImportOutcome, number>>;
  readonly results: readonly ServiceResult[];
}

/** The services in a parsed file: one service, an array of services, or a /services page. */
export function servicesInDocument(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  const page = PageSchema.safeParse(doc);
  if (page.success) return page.data.contents;
  if (typeof doc === 'object' && doc !== null) return [doc];
  throw validationError([
    {
      path: 'file',
      rule: 'hsds_document',
      message: 'must be a service, an array of services or a /services page',
    },
  ]);
}

export type Fetcher = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

/**
 * Reads every page of an HSDS 3.0 feed's GET /services (page=1.., per_page, full=true), until
 * page_number reaches total_pages or a page is empty. At most `maxPages` pages (a guard against a
 * feed that never ends). Each request times out after 30 s.
 */
export async function* readHsdsFeed(
  baseUrl: string,
  options: {
    perPage?: number;
    maxPages?: number;
    fetcher?: Fetcher;
    onPage?: (page: number, pages: number) => void;
  } = {},
): AsyncGenerator {
  const perPage = options.perPage ?? 100;
  const maxPages = options.maxPages ?? 10_000;
  const fetcher: Fetcher = options.fetcher ?? ((url, init) => fetch(url, init));
  const base = baseUrl.replace(/\/+$/, '');
  for (let page = 1; page <= maxPages; page++) {
    const url = `${base}/services?page=${page}&per_page=${perPage}&full=true`;
    const res = await fetcher(url, {
      signal: AbortSignal.timeout(30_000),
      headers: { accept: 'application/json' },
    });
    if (!res.ok) {
      throw validationError([
        { path: 'feed', rule: 'http_status', message: `${url} answered ${res.status}` },
      ]);
    }
    const parsed = PageSchema.safeParse(await res.json());
    if (!parsed.success) {
      throw validationError([
        {
          path: 'feed',
          rule: 'hsds_page',
          message: `${url} is not an HSDS 3.0 /services page (total_pages, page_number, contents)`,
        },
      ]);
    }
    options.onPage?.(page, parsed.data.total_pages);
    for (const item of parsed.data.contents) yield item;
    if (parsed.data.contents.length === 0 || page >= parsed.data.total_pages) return;
  }
}

function valuesOf(e: DirectoryEntry): CommunityServiceValues {
  return {
    name: e.name,
    organisation_name: e.organisationName,
    description: e.description,
    url: e.url,
    email: e.email,
    phone: e.phone,
    postcode: e.postcode,
    area: e.area,
    needs: [...e.needs],
    taxonomy_terms: [...e.taxonomyTerms],
    min_age: e.minAge,
    max_age: e.maxAge,
    active: e.active,
  };
}

function sameAs(row: CommunityServiceRow, v: CommunityServiceValues): boolean {
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (Object.keys(v) as (keyof CommunityServiceValues)[]).every((k) => same(row[k], v[k]));
}

async function writeOne(db: Kysely<Database>, source: string, e: DirectoryEntry): Promise<ImportOutcome> {
  const values = valuesOf(e);
  const existing = await findCommunityServiceBySource(db, source, e.sourceRecordId);
  if (existing === undefined) {
    await insertCommunityService(db, source, e.sourceRecordId, values);
    return 'created';
  }
  if (sameAs(existing, values)) return 'unchanged';
  await updateCommunityService(db, existing.id, values);
  return 'updated';
}

/**
 * Imports services into the directory under `source` (e.g. "oruk:directory.example.org"). Valid
 * services are written in one transaction per 500; invalid ones are reported, never half-written.
 * A dry run does the same work and rolls it back.
 */
export async function importHsdsServices(
  handle: DbHandle,
  services: AsyncIterable<unknown> | Iterable<unknown>,
  options: { source: string; dryRun?: boolean; onProgress?: (done: number) => void },
): Promise<DirectoryImportSummary> {
  const source = options.source.slice(0, 50);
  const results: ServiceResult[] = [];
  const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  let batch: { index: number; entry: DirectoryEntry }[] = [];
  const seen = new Set<string>();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const outcomes: ImportOutcome[] = [];
    const rollback = new Error('dry run');
    await handle.db
      .transaction()
      .execute(async (trx) => {
        for (const { entry } of current) outcomes.push(await writeOne(trx, source, entry));
        if (options.dryRun === true) throw rollback;
      })
      .catch((e: unknown) => {
        if (e !== rollback) throw e;
      });
    current.forEach(({ index, entry }, i) => {
      const outcome = outcomes[i] ?? 'rejected';
      counts[outcome]++;
      results.push({ index, id: entry.sourceRecordId, name: entry.name, outcome, issues: [] });
    });
    options.onProgress?.(results.length);
  };
  let index = 0;
  for await (const raw of services) {
    const i = index++;
    const parsed = HsdsServiceSchema.safeParse(raw);
    const rawId =
      typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : null;
    if (!parsed.success) {
      counts.rejected++;
      results.push({
        index: i,
        id: rawId,
        name: null,
        outcome: 'rejected',
        issues: parsed.error.issues.map((x) => ({
          path: x.path.join('.') || '(service)',
          rule: x.code,
          message: x.message,
        })),
      });
      continue;
    }
    const service = parsed.data as unknown as HsdsService;
    if (seen.has(service.id)) {
      counts.rejected++;
      results.push({
        index: i,
        id: service.id,
        name: service.name,
        outcome: 'rejected',
        issues: [{ path: 'id', rule: 'unique', message: 'the same service id appears twice in this import' }],
      });
      continue;
    }
    seen.add(service.id);
    const mapped = mapHsdsService(service);
    if ('issues' in mapped) {
      counts.rejected++;
      results.push({
        index: i,
        id: service.id,
        name: service.name,
        outcome: 'rejected',
        issues: mapped.issues,
      });
      continue;
    }
    batch.push({ index: i, entry: mapped.entry });
    if (batch.length >= 500) await flush();
  }
  await flush();
  results.sort((a, b) => a.index - b.index);
  return { source, dryRun: options.dryRun === true, counts, results };
}
