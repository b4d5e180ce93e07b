// The pseudonymised research extract (issue #9 point 4) as CSV, streamed a page of referrals at a
// time. Identifiers are replaced by HMAC-SHA-256 keyed hashes under a secret made for this extract
// alone (32 random bytes): the same person has the same pseudonym throughout one extract, and a
// different one in every other extract. The secret is never written into the extract or stored by
// Linkwork: the command line hands it to the data owner (printed once, or written to a file of its
// own); the API never reveals it, so API extracts cannot be re-identified or linked by anyone.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { validationError, type FieldIssue } from '../../domain/errors.js';
import {
  RESEARCH_COLUMNS,
  researchRow,
  type Pseudonymise,
  type ResearchReferral,
} from '../../domain/research/extract.js';
import { isIsoDate } from '../../domain/validation.js';
import type { Database } from '../../db/database.js';
import {
  findResearchReferralPage,
  findResearchScores,
  type ResearchFilter,
  type ResearchReferralRow,
} from '../../db/harmonisation/export.repository.js';
import { findSchemeById } from '../../db/schemes/scheme.repository.js';
import { csvRecord } from '../schemes/csv-text.js';
import { auditExport, type Exporter } from './export-audit.js';

export type { ResearchFilter };

/** Referrals per page. */
export const RESEARCH_PAGE_SIZE = 500;

/** Hex characters kept of each keyed hash (128 bits: collisions are not a practical concern). */
const PSEUDONYM_LENGTH = 32;

/** A keyed hash under `secret`: HMAC-SHA-256 of `<kind>:<key>`, hex, first 128 bits. */
export function pseudonymiser(secret: Buffer): Pseudonymise {
  return (kind, key) =>
    createHmac('sha256', secret).update(`${kind}:${key}`, 'utf8').digest('hex').slice(0, PSEUDONYM_LENGTH);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a filter: real dates, `from` not after `to`, schemes that exist. */
export async function checkResearchFilter(db: Kysely<Database>, filter: ResearchFilter): Promise<void> {
  const issues: FieldIssue[] = [];
  if (filter.from !== undefined && !isIsoDate(filter.from)) {
    issues.push({ path: 'from', rule: 'date', message: 'must be a date YYYY-MM-DD' });
  }
  if (filter.to !== undefined && !isIsoDate(filter.to)) {
    issues.push({ path: 'to', rule: 'date', message: 'must be a date YYYY-MM-DD' });
  }
  if (
    filter.from !== undefined &&
    filter.to !== undefined &&
    issues.length === 0 &&
    filter.from > filter.to
  ) {
    issues.push({ path: 'to', rule: 'not_before_from', message: 'must not be before from' });
  }
  for (const [i, id] of (filter.schemeIds ?? []).entries()) {
    if (!UUID.test(id)) {
      issues.push({ path: `schemeIds.${i}`, rule: 'uuid', message: 'must be a scheme id (a UUID)' });
    } else if ((await findSchemeById(db, id)) === undefined) {
      issues.push({ path: `schemeIds.${i}`, rule: 'exists', message: 'no such scheme' });
    }
  }
  if (issues.length > 0) throw validationError(issues);
}

function toResearch(r: ResearchReferralRow, scores: ResearchReferral['scores']): ResearchReferral {
  return {
    referralId: r.id,
    previousReferralId: r.previous_referral_id,
    person: {
      id: r.person_id,
      nhsNumber: r.nhs_number,
      chiNumber: r.chi_number,
      dateOfBirth: r.date_of_birth,
      sex: r.sex,
      gender: r.gender,
      ethnicityCode: r.ethnicity_code,
      deprivationIndex: r.deprivation_index,
      deprivationDecile: r.deprivation_decile,
    },
    synthetic: r.synthetic,
    schemeId: r.scheme_id,
    schemeName: r.scheme_name,
    regionName: r.region_name,
    nation: r.nation,
    deliveryModel: r.delivery_model,
    referredOn: r.referred_on,
    status: r.status,
    route: r.route,
    method: r.method,
    referrerRole: r.referrer_role,
    priorityGroup: r.priority_group,
    dischargeReason: r.discharge_reason,
    needs: r.needs,
    daysToAccept: r.days_to_accept,
    daysToFirstContact: r.days_to_first_contact,
    daysToClose: r.days_to_close,
    contacts: r.contacts,
    contactsAttended: r.contacts_attended,
    minutesAttended: r.minutes_attended,
    signposts: r.signposts,
    onwardReferrals: r.onward_referrals,
    signpostsAttended: r.signposts_attended,
    goals: r.goals,
    goalsAchieved: r.goals_achieved,
    scores,
  };
}

export interface ResearchExtract {
  /** The extract's id (in the audit trail; not in the file). */
  readonly extractId: string;
  /**
   * The secret the pseudonyms are keyed with, hex. Only the data owner may hold it (with it, an
   * NHS number can be tested against the pseudonyms); never write it next to the extract.
   */
  readonly secret: string;
  /** The CSV: the header, then one line per referral; counts rows in `rows()` as it goes. */
  readonly csv: AsyncGenerator<string>;
  /** Rows written so far (all of them once `csv` is done). */
  readonly rows: () => number;
}

/**
 * Starts an extract: checks the filter, makes the secret, audits the export (who, which schemes and
 * dates), and returns the CSV as a stream of lines. When the stream ends, a second event records the
 * number of rows.
 */
export async function beginResearchExtract(
  db: Kysely<Database>,
  who: Exporter,
  filter: ResearchFilter,
  pageSize: number = RESEARCH_PAGE_SIZE,
): Promise<ResearchExtract> {
  await checkResearchFilter(db, filter);
  const extractId = randomUUID();
  const secret = randomBytes(32);
  const pseudonym = pseudonymiser(secret);
  const detail = {
    schemeIds: filter.schemeIds ?? 'all',
    from: filter.from ?? null,
    to: filter.to ?? null,
    columns: RESEARCH_COLUMNS.length,
  };
  await auditExport(db, who, [
    { action: 'export', entity: 'research_extract', entityId: extractId, schemeId: null, detail },
  ]);
  let rows = 0;
  async function* lines(): AsyncGenerator<string> {
    yield csvRecord(RESEARCH_COLUMNS);
    let after: string | null = null;
    for (;;) {
      const page = await findResearchReferralPage(db, filter, after, pageSize);
      if (page.length === 0) break;
      after = page[page.length - 1]?.id ?? null;
      const scores = await findResearchScores(
        db,
        page.map((r) => r.id),
      );
      const byReferral = new Map<string, ResearchReferral['scores'][number][]>();
      for (const s of scores) {
        const list = byReferral.get(s.referral_id) ?? [];
        list.push({
          responseId: s.response_id,
          instrumentId: s.instrument_id,
          timepoint: s.timepoint,
          administeredOn: s.administered_on,
          measure: s.measure,
          value: s.value,
        });
        byReferral.set(s.referral_id, list);
      }
      yield page
        .map((r) => csvRecord(researchRow(toResearch(r, byReferral.get(r.id) ?? []), pseudonym)))
        .join('');
      rows += page.length;
      if (page.length < pageSize) break;
    }
    await auditExport(db, who, [
      {
        action: 'export',
        entity: 'research_extract',
        entityId: extractId,
        schemeId: null,
        detail: { ...detail, rows, completed: true },
      },
    ]);
  }
  return { extractId, secret: secret.toString('hex'), csv: lines(), rows: () => rows };
}
