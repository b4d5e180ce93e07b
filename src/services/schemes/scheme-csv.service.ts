// The scheme-mapping spreadsheet: export every scheme version as a tidy CSV (one row per version,
// one column per variable) and import the same CSV back, so a mapping team can work in a
// spreadsheet. The import reports a result for every row (created, updated, unchanged, rejected
// with field and rule); each row is all-or-nothing in its own transaction, or, in a dry run, the
// whole file runs in one transaction (a savepoint per row) that is rolled back at the end.
import { CsvError, parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { isDomainError, validationError, type DomainError, type FieldIssue } from '../../domain/errors.js';
import { classificationSummary } from '../../domain/schemes/delivery-model.js';
import {
  checkCsvHeader,
  isUuid,
  issuesAsColumns,
  parseSchemeCsvRow,
  SCHEME_CSV_COLUMNS,
  versionToCsvRow,
  type ParsedSchemeRow,
  type SchemeCsvRecord,
} from '../../domain/schemes/scheme-csv.js';
import {
  describeDifferences,
  ORG_ROLES,
  validateSchemeVersion,
  type NamedOrganisation,
  type OrgRole,
  type SchemeVersionRecord,
} from '../../domain/schemes/scheme-description.js';
import type { CodeLookup } from '../../domain/validation.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import {
  createSavepoint,
  findCoverageByVersionIds,
  findDuplicateOrganisationNames,
  findOrganisationsByIds,
  findOrganisationsByNames,
  findRegions,
  findSchemesByName,
  findSchemeVersions,
  insertScheme,
  lockSchemeById,
  releaseSavepoint,
  rollbackToSavepoint,
  updateSchemeName,
  type OrganisationBrief,
  type SchemeVersionRow,
} from '../../db/schemes/scheme.repository.js';
import { loadCodeLookup } from '../reference/reference.service.js';
import { csvText } from './csv-text.js';
import { isoToday, loadVersionViews, rowToRecord, writeVersion } from './scheme-store.js';

export interface ExportOptions {
  /** Only versions in force on this date (default: every version, the whole history). */
  readonly on?: string;
  readonly regionIds?: readonly string[];
  /** Only these schemes (the caller's access scope). */
  readonly schemeIds?: readonly string[];
  /** Prefix a UTF-8 byte-order mark so spreadsheets read the file as UTF-8. */
  readonly bom?: boolean;
}

/**
 * Every scheme version as CSV text (columns: SCHEME_CSV_COLUMNS, documented in
 * docs/scheme-mapping.md), ordered by region, scheme and version. Organisations are named; where a
 * name is shared by several organisations, contains ";" or looks like an id, the id is written.
 */
export async function exportSchemesCsv(db: Kysely<Database>, options: ExportOptions = {}): Promise<string> {
  const views = await loadVersionViews(db, {
    ...(options.on === undefined ? {} : { on: options.on }),
    ...(options.regionIds === undefined ? {} : { regionIds: options.regionIds }),
    ...(options.schemeIds === undefined ? {} : { schemeIds: options.schemeIds }),
  });
  const shared = new Set((await findDuplicateOrganisationNames(db)).map((d) => d.name));
  const referenceOf = (o: NamedOrganisation): string =>
    shared.has(o.name) || o.name.includes(';') || isUuid(o.name) ? o.id : o.name;
  const records = views.map((view) => {
    const row = versionToCsvRow(view, referenceOf);
    return SCHEME_CSV_COLUMNS.map((column) => row[column]);
  });
  return csvText(SCHEME_CSV_COLUMNS, records, { bom: options.bom ?? false });
}

export type ImportStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface ImportRowResult {
  /** The spreadsheet row: the header is row 1, the first scheme row 2. */
  readonly row: number;
  readonly status: ImportStatus;
  readonly schemeId: string | null;
  readonly schemeName: string | null;
  readonly versionNo: number | null;
  /** The derived model ('1'..'4') of the version the row now matches, or null. */
  readonly deliveryModel: string | null;
  readonly reason: string | null;
  readonly notes: readonly string[];
  /** Why a row was rejected: the CSV column (`path`), the rule and a sentence. */
  readonly issues: readonly FieldIssue[];
}

export interface ImportResult {
  readonly dryRun: boolean;
  readonly rows: readonly ImportRowResult[];
  readonly counts: Readonly<Record<ImportStatus, number>>;
}

export interface ImportOptions {
  /** Check and apply the whole file in one transaction, then roll it back. */
  readonly dryRun?: boolean;
  /** Today (YYYY-MM-DD); defaults to the current UTC date. */
  readonly today?: string;
}

type Outcome = Omit<ImportRowResult, 'row' | 'issues'>;

const rejectWith = (path: string, rule: string, message: string): DomainError =>
  validationError([{ path, rule, message }]);

/** Reads CSV text into a header and records (cells by column); format errors reject the whole file. */
function readCsv(text: string): { header: string[]; records: { cells: SchemeCsvRecord; width: number }[] } {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    if (error instanceof CsvError) {
      throw rejectWith('file', 'csv_format', error.message);
    }
    throw error;
  }
  const [header = [], ...data] = rows;
  const headerIssues = checkCsvHeader(header.map((h) => h.trim()));
  if (headerIssues.length > 0) throw validationError(headerIssues);
  return {
    header,
    records: data.map((cells) => ({
      cells: Object.fromEntries(header.map((h, i) => [h.trim(), cells[i] ?? ''])),
      width: cells.length,
    })),
  };
}

/** Resolves a region by id or name. */
async function resolveRegion(trx: Kysely<Database>, ref: string): Promise<OrganisationBrief> {
  const regions = (await findRegions(trx)).filter((r) => r.id === ref || r.name === ref);
  const [region, other] = regions;
  if (region === undefined) throw rejectWith('region', 'exists', `no region "${ref}"`);
  if (other !== undefined) {
    throw rejectWith('region', 'ambiguous_reference', `several regions are called "${ref}"`);
  }
  return region;
}

/** Resolves the organisations a row names (ids or names), collecting an issue per unknown or ambiguous one. */
async function resolveOrganisations(
  trx: Kysely<Database>,
  parsed: ParsedSchemeRow,
  nation: string,
): Promise<{
  ids: Record<OrgRole, string | null>;
  coverage: string[];
  orgs: Map<string, OrganisationBrief>;
  issues: FieldIssue[];
}> {
  const refs: { path: string; ref: string }[] = [
    ...ORG_ROLES.flatMap((role) => {
      const ref = parsed.organisations[role];
      return ref === null ? [] : [{ path: role, ref }];
    }),
    ...parsed.coverage.map((ref, i) => ({ path: `coverage[${i}]`, ref })),
  ];
  const byId = await findOrganisationsByIds(
    trx,
    refs.filter((r) => isUuid(r.ref)).map((r) => r.ref),
  );
  const byName = await findOrganisationsByNames(
    trx,
    refs.filter((r) => !isUuid(r.ref)).map((r) => r.ref),
  );
  const orgs = new Map<string, OrganisationBrief>();
  const issues: FieldIssue[] = [];
  const resolved = new Map<string, string | null>();
  for (const { path, ref } of refs) {
    let matches = isUuid(ref) ? byId.filter((o) => o.id === ref) : byName.filter((o) => o.name === ref);
    if (matches.length > 1) matches = matches.filter((o) => o.nation === nation);
    const [org, other] = matches;
    if (org === undefined) {
      issues.push({ path, rule: 'exists', message: `no organisation "${ref}"` });
    } else if (other !== undefined) {
      issues.push({
        path,
        rule: 'ambiguous_reference',
        message: `several organisations are called "${ref}": write its id instead`,
      });
    } else {
      orgs.set(org.id, org);
    }
    resolved.set(path, org !== undefined && other === undefined ? org.id : null);
  }
  const ids = Object.fromEntries(ORG_ROLES.map((role) => [role, resolved.get(role) ?? null])) as Record<
    OrgRole,
    string | null
  >;
  const coverage = parsed.coverage.flatMap((_, i) => {
    const id = resolved.get(`coverage[${i}]`);
    return id === undefined || id === null ? [] : [id];
  });
  return { ids, coverage, orgs, issues };
}

const modelNote = (stated: string | null, derived: string | null): string[] =>
  stated !== null && stated !== (derived ?? '')
    ? [
        `the file says delivery model ${stated}; the classifier derives ${derived ?? 'none'} (delivery_model is read-only)`,
      ]
    : [];

/** Applies one parsed row inside `trx`; throws a DomainError (with CSV-column paths) to reject it. */
async function applyRow(
  trx: Kysely<Database>,
  codes: CodeLookup,
  today: string,
  parsed: ParsedSchemeRow,
): Promise<Outcome> {
  const region = await resolveRegion(trx, parsed.region);
  let scheme: { id: string; name: string; nation: string } | null = null;
  if (parsed.schemeId !== null) {
    const found = await lockSchemeById(trx, parsed.schemeId);
    if (found === undefined) throw rejectWith('scheme_id', 'exists', 'no scheme with this id');
    if (found.region_id !== region.id) {
      throw rejectWith(
        'region',
        'immutable',
        "a scheme's region cannot change (describe a new scheme instead)",
      );
    }
    scheme = { id: found.id, name: found.name, nation: found.nation };
  } else {
    const named = await findSchemesByName(trx, region.id, parsed.schemeName);
    if (named.length > 1) {
      throw rejectWith(
        'scheme_name',
        'ambiguous_reference',
        'several schemes have this name: give the scheme_id',
      );
    }
    const [only] = named;
    if (only !== undefined) await lockSchemeById(trx, only.id);
    scheme = only === undefined ? null : { id: only.id, name: only.name, nation: only.nation };
  }
  const nation = scheme?.nation ?? region.nation;
  const resolved = await resolveOrganisations(trx, parsed, nation);
  const checked = validateSchemeVersion(
    {
      ...parsed.version,
      operatorOrgId: resolved.ids.operator,
      employerOrgId: resolved.ids.employer,
      managerOrgId: resolved.ids.manager,
      commissionerOrgId: resolved.ids.commissioner,
      networkOrgId: resolved.ids.network,
      coverageOrgIds: resolved.coverage,
    },
    { today, codes, organisations: resolved.orgs },
  );
  const issues = [...resolved.issues, ...(checked.kind === 'invalid' ? issuesAsColumns(checked.issues) : [])];
  // An unresolved coverage list is reported once, as the organisations that were not found.
  const relevant = resolved.issues.some((i) => i.path.startsWith('coverage['))
    ? issues.filter((i) => i.path !== 'coverage' || i.rule !== 'required')
    : issues;
  if (checked.kind === 'invalid' || relevant.length > 0) throw validationError(relevant);
  const record = checked.value;

  if (scheme === null) {
    if (parsed.versionNo !== null && parsed.versionNo !== 1) {
      throw rejectWith('version_no', 'exists', 'a new scheme starts at version 1 (leave version_no empty)');
    }
    const id = await insertScheme(trx, {
      name: parsed.schemeName,
      regionId: region.id,
      nation: region.nation,
      startedOn: record.validFrom,
    });
    const written = await writeVersion(trx, { id, nation: region.nation }, [], record, resolved.orgs);
    const summary = classificationSummary(written.classification);
    const derived = summary.model === null ? null : String(summary.model);
    return {
      status: 'created',
      schemeId: id,
      schemeName: parsed.schemeName,
      versionNo: written.versionNo,
      deliveryModel: derived,
      reason: summary.reason,
      notes: modelNote(parsed.statedModel, derived),
    };
  }

  const versions = await findSchemeVersions(trx, scheme.id);
  const latest = versions.at(-1);
  const target = parsed.versionNo === null ? latest : versions.find((v) => v.version_no === parsed.versionNo);
  // A row numbered one past the latest version (or the first row of a scheme with none) adds a version.
  const isNext =
    parsed.versionNo === null ? latest === undefined : parsed.versionNo === (latest?.version_no ?? 0) + 1;
  if (target === undefined && !isNext) {
    throw rejectWith('version_no', 'exists', `scheme has no version ${parsed.versionNo ?? ''}`.trim());
  }
  const rename = parsed.schemeId !== null && parsed.schemeName !== scheme.name;
  const notes: string[] = [];
  if (rename) {
    await updateSchemeName(trx, scheme.id, parsed.schemeName);
    notes.push(`renamed from "${scheme.name}"`);
  }
  const compareWith = target ?? latest;
  const stored = compareWith === undefined ? null : await storedRecord(trx, compareWith);
  const differences = stored === null ? ['everything'] : describeDifferences(stored, record);
  if (differences.length === 0 && compareWith !== undefined) {
    return {
      status: rename ? 'updated' : 'unchanged',
      schemeId: scheme.id,
      schemeName: parsed.schemeName,
      versionNo: compareWith.version_no,
      deliveryModel: compareWith.delivery_model,
      reason: compareWith.delivery_model_reason,
      notes: [...notes, ...modelNote(parsed.statedModel, compareWith.delivery_model)],
    };
  }
  if (target !== undefined && latest !== undefined && target !== latest) {
    // Re-importing a file after its edit was applied: the row still names the old version but
    // describes the latest one (dated as the file dates it, or today if the file left the date alone).
    const againstLatest = describeDifferences(await storedRecord(trx, latest), record);
    const onlyDate =
      againstLatest.length === 1 &&
      againstLatest[0] === 'validFrom' &&
      record.validFrom === target.valid_from;
    if (againstLatest.length === 0 || onlyDate) {
      return {
        status: rename ? 'updated' : 'unchanged',
        schemeId: scheme.id,
        schemeName: parsed.schemeName,
        versionNo: latest.version_no,
        deliveryModel: latest.delivery_model,
        reason: latest.delivery_model_reason,
        notes: [
          ...notes,
          `already recorded as version ${latest.version_no} (the row names version ${target.version_no})`,
        ],
      };
    }
    throw rejectWith(
      'version_no',
      'historical_version',
      `version ${target.version_no} has been replaced; describe changes on the latest version (${latest.version_no})`,
    );
  }
  if (differences.length === 1 && differences[0] === 'validFrom') {
    throw rejectWith(
      'valid_from',
      'valid_from_only',
      'only valid_from differs: versions are not re-dated; describe what changed, or restore valid_from',
    );
  }
  // A changed description becomes the next version. If valid_from was left as it was, the new
  // version starts today (the file does not say when the change happened).
  let validFrom = record.validFrom;
  if (target !== undefined && validFrom === target.valid_from) {
    validFrom = today;
    notes.push(`valid_from was not moved on, so the new version starts today (${today})`);
  }
  const written = await writeVersion(trx, scheme, versions, { ...record, validFrom }, resolved.orgs).catch(
    (error: unknown) => {
      if (isDomainError(error)) throw validationError(issuesAsColumns(error.details?.issues ?? []));
      throw error;
    },
  );
  const summary = classificationSummary(written.classification);
  const derived = summary.model === null ? null : String(summary.model);
  const changedModel = latest !== undefined && latest.delivery_model !== derived;
  return {
    status: 'updated',
    schemeId: scheme.id,
    schemeName: parsed.schemeName,
    versionNo: written.versionNo,
    deliveryModel: derived,
    reason: summary.reason,
    notes: [
      ...notes,
      `new version ${written.versionNo} from ${validFrom} (changed: ${differences.filter((d) => d !== 'validFrom').join(', ')})`,
      ...(changedModel ? [`delivery model ${latest.delivery_model ?? 'none'} -> ${derived ?? 'none'}`] : []),
      ...modelNote(parsed.statedModel, derived),
    ],
  };
}

async function storedRecord(trx: Kysely<Database>, row: SchemeVersionRow): Promise<SchemeVersionRecord> {
  const coverage = await findCoverageByVersionIds(trx, [row.id]);
  return rowToRecord(
    row,
    coverage.map((c) => c.org_id),
  );
}

function rejected(row: number, error: DomainError, parsed: ParsedSchemeRow | null): ImportRowResult {
  const issues = error.details?.issues ?? [{ path: 'row', rule: error.code, message: error.message }];
  return {
    row,
    status: 'rejected',
    schemeId: parsed?.schemeId ?? null,
    schemeName: parsed?.schemeName ?? null,
    versionNo: parsed?.versionNo ?? null,
    deliveryModel: null,
    reason: null,
    notes: [],
    issues,
  };
}

/** Rolls back a dry run once every row has been tried. */
class DryRunRollback extends Error {
  constructor(readonly rows: ImportRowResult[]) {
    super('dry run');
  }
}

/**
 * Imports scheme descriptions from CSV text (the export's columns; read-only columns may be left
 * out). Each row is matched to a scheme by scheme_id, or by region and scheme_name, and then:
 * - `created`: a new scheme with version 1;
 * - `updated`: a changed description became the next version (the previous one ends the day
 *   before), or the scheme was renamed; the delivery model is derived again;
 * - `unchanged`: the row describes the stored version (or the latest) exactly;
 * - `rejected`: nothing from the row was kept; `issues` name the column and rule.
 * A file that is not CSV, or whose header has unknown or missing columns, is rejected whole
 * (validation_failed). Rows are applied in file order, each in its own transaction.
 */
export async function importSchemesCsv(
  db: Kysely<Database>,
  text: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const today = options.today ?? isoToday();
  const { header, records } = readCsv(text);
  const codes = await loadCodeLookup(db);
  const dryRun = options.dryRun ?? false;

  const attempt = async (trx: Kysely<Database>, index: number): Promise<ImportRowResult> => {
    const row = index + 2;
    const record = records[index];
    if (record === undefined || record.width !== header.length) {
      const message = `has ${record?.width ?? 0} cells; the header has ${header.length}`;
      return rejected(row, rejectWith('row', 'column_count', message), null);
    }
    const parsed = parseSchemeCsvRow(record.cells);
    if (parsed.kind === 'invalid') return rejected(row, validationError(parsed.issues), null);
    try {
      const outcome = dryRun
        ? await inSavepoint(trx, `row_${index}`, () => applyRow(trx, codes, today, parsed.value))
        : await trx
            .transaction()
            .execute((rowTrx) => applyRow(rowTrx, codes, today, parsed.value))
            .catch(translateDbError);
      return { row, issues: [], ...outcome };
    } catch (error) {
      if (isDomainError(error)) return rejected(row, error, parsed.value);
      throw error;
    }
  };

  let rows: ImportRowResult[] = [];
  if (dryRun) {
    try {
      await db.transaction().execute(async (trx) => {
        const all: ImportRowResult[] = [];
        for (let i = 0; i < records.length; i++) all.push(await attempt(trx, i));
        throw new DryRunRollback(all);
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
      rows = error.rows;
    }
  } else {
    for (let i = 0; i < records.length; i++) rows.push(await attempt(db, i));
  }
  const counts: Record<ImportStatus, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) counts[r.status]++;
  return { dryRun, rows, counts };
}

/** Runs `work` inside a savepoint of `trx`, undoing only its own changes if it fails. */
async function inSavepoint<T>(trx: Kysely<Database>, name: string, work: () => Promise<T>): Promise<T> {
  await createSavepoint(trx, name);
  try {
    const value = await work().catch(translateDbError);
    await releaseSavepoint(trx, name);
    return value;
  } catch (error) {
    await rollbackToSavepoint(trx, name);
    throw error;
  }
}
