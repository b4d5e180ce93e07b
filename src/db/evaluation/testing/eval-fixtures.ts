// Hand-built evaluation data sets: a tiny builder that inserts organisations, schemes (with dated
// descriptions), people, referrals, contacts, signposts and scored questionnaires straight into the
// tables, so a test can state every expected figure by hand.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';

export interface EvalBuilder {
  region(name: string): Promise<string>;
  org(kind: string, name: string, parentId?: string): Promise<string>;
  scheme(
    name: string,
    regionId: string,
    versions: readonly { from: string; to?: string; model: string; networkId?: string }[],
  ): Promise<string>;
  person(p?: {
    dob?: string;
    sex?: string | null;
    ethnicity?: string | null;
    decile?: number | null;
    postcode?: string | null;
    nhs?: string | null;
  }): Promise<string>;
  referral(r: {
    schemeId: string;
    personId?: string;
    at: string;
    status?: 'waiting' | 'active' | 'discharged' | 'declined' | 'did_not_engage';
    closedAt?: string;
    previousId?: string;
    route?: string;
    priorityGroup?: string | null;
    linkWorkerId?: string | null;
    reason?: string | null;
    method?: string | null;
    referrerName?: string | null;
    recordedAt?: string;
  }): Promise<string>;
  contact(
    referralId: string,
    at: string,
    c?: { minutes?: number | null; outcome?: string; recordedAt?: string; location?: string | null },
  ): Promise<string>;
  signpost(referralId: string, on: string, attendance?: string): Promise<string>;
  questionnaire(
    referralId: string,
    instrumentId: string,
    timepoint: string,
    on: string,
    scores: Record<string, number>,
    status?: 'scored' | 'incomplete',
  ): Promise<string>;
}

export function evalBuilder(db: Kysely<Database>): EvalBuilder {
  let n = 0;
  return {
    async region(name) {
      return this.org('region', name);
    },
    async org(kind, name, parentId) {
      const row = await db
        .insertInto('organisation')
        .values({ kind, name, nation: 'england', parent_id: parentId ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async scheme(name, regionId, versions) {
      const s = await db
        .insertInto('scheme')
        .values({ name, region_id: regionId, nation: 'england' })
        .returning('id')
        .executeTakeFirstOrThrow();
      let no = 0;
      for (const v of versions) {
        await db
          .insertInto('scheme_version')
          .values({
            scheme_id: s.id,
            version_no: ++no,
            valid_from: v.from,
            valid_to: v.to ?? null,
            delivery_model: v.model,
            network_org_id: v.networkId ?? null,
            tidier: '{}',
          })
          .execute();
      }
      return s.id;
    },
    async person(p = {}) {
      const decile = p.decile === undefined ? 5 : p.decile;
      const row = await db
        .insertInto('person')
        .values({
          given_name: 'Test',
          family_name: `Person${++n}`,
          date_of_birth: p.dob ?? '1970-06-15',
          sex: p.sex === undefined ? 'female' : p.sex,
          ethnicity_nation: p.ethnicity === null ? null : 'england',
          ethnicity_code: p.ethnicity === undefined ? 'A' : p.ethnicity,
          deprivation_index: decile === null ? null : 'imd2019',
          deprivation_decile: decile,
          postcode: p.postcode === undefined ? 'LS1 4AP' : p.postcode,
          nhs_number: p.nhs === undefined ? null : p.nhs,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async referral(r) {
      const personId = r.personId ?? (await this.person());
      const status = r.status ?? 'waiting';
      const closed = status === 'waiting' || status === 'active' ? null : (r.closedAt ?? r.at);
      const row = await db
        .insertInto('referral')
        .values({
          person_id: personId,
          scheme_id: r.schemeId,
          referred_at: new Date(r.at),
          route: r.route ?? 'gp_practice',
          status,
          closed_at: closed === null ? null : new Date(closed),
          accepted_at:
            status === 'active' || status === 'discharged' || status === 'did_not_engage'
              ? new Date(r.at)
              : null,
          previous_referral_id: r.previousId ?? null,
          priority_group: r.priorityGroup ?? null,
          link_worker_id: r.linkWorkerId ?? null,
          reason: r.reason === undefined ? 'Lonely' : r.reason,
          method: r.method === undefined ? null : r.method,
          referrer_name: r.referrerName === undefined ? 'Dr Referrer' : r.referrerName,
          ...(r.recordedAt === undefined ? {} : { recorded_at: new Date(r.recordedAt) }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async contact(referralId, at, c = {}) {
      const row = await db
        .insertInto('contact')
        .values({
          referral_id: referralId,
          contact_at: new Date(at),
          mode: 'face_to_face',
          duration_minutes: c.minutes === undefined ? 30 : c.minutes,
          outcome: c.outcome ?? 'attended',
          location_type: c.location === undefined ? 'gp_practice' : c.location,
          ...(c.recordedAt === undefined ? {} : { recorded_at: new Date(c.recordedAt) }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async signpost(referralId, on, attendance = 'not_known') {
      const row = await db
        .insertInto('signpost')
        .values({ referral_id: referralId, signposted_on: on, service_name: 'Walking group', attendance })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async questionnaire(referralId, instrumentId, timepoint, on, scores, status = 'scored') {
      const row = await db
        .insertInto('questionnaire_response')
        .values({
          id: randomUUID(),
          referral_id: referralId,
          instrument_id: instrumentId,
          instrument_version: '1',
          timepoint,
          administered_on: on,
          answers: JSON.stringify([]),
          score_status: status,
          rules_version: 'test',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const entries = Object.entries(scores);
      if (entries.length > 0) {
        await db
          .insertInto('questionnaire_score')
          .values(entries.map(([measure, value]) => ({ response_id: row.id, measure, value, band: null })))
          .execute();
      }
      return row.id;
    },
  };
}
