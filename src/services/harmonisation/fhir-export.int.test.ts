// The FHIR R4 export on a real database (both engines) with the synthetic demo data set and one
// record made through the casework services that has every kind of record on it. Every exported
// resource is validated against the official HL7 R4 JSON schema and the UK Core checks.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, BundleEntry } from '../../domain/fhir/fhir-types.js';
import { checkUkCoreBundle } from '../../domain/fhir/uk-core-checks.js';
import { fhirSchemaErrors } from '../../db/testing/fhir-schema.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import type { RequestContext } from '../audit/audit.service.js';
import { addAction, addGoal, addNeed } from '../casework/care-plan.service.js';
import { createContact } from '../casework/contacts.service.js';
import { createPerson } from '../casework/people.service.js';
import { recordResponse } from '../casework/questionnaires.service.js';
import { changeReferralStatus, createReferral } from '../casework/referrals.service.js';
import { loadDemo } from '../demo/demo.service.js';
import { derivedId, exportPersonFhir, FULL_ACCESS, streamSchemeFhir } from './fhir-export.service.js';

const allow = (): void => undefined;
const NOW = new Date('2026-01-15T12:00:00Z');

async function collect(chunks: AsyncIterable<string>): Promise<Bundle> {
  let text = '';
  for await (const c of chunks) text += c;
  return JSON.parse(text) as Bundle;
}

/** Schema errors of every entry's resource, keyed by resource. */
function schemaFailures(entries: readonly BundleEntry[]): string[] {
  return entries.flatMap((e) =>
    fhirSchemaErrors(e.resource).map((m) => `${e.resource.resourceType}/${e.resource.id}: ${m}`),
  );
}

const countTypes = (b: Bundle): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const e of b.entry) out[e.resource.resourceType] = (out[e.resource.resourceType] ?? 0) + 1;
  return out;
};

describe.each(TEST_ENGINES)('[%s] FHIR R4 export service', (engine) => {
  let db: TestDb;
  let schemeId: string;
  let personId: string;
  let referralId: string;
  let ctx: RequestContext;

  beforeAll(async () => {
    db = await openTestDb(engine);
    await loadDemo(db, { scale: 300, seed: 5, today: '2025-12-31' });
    // The scheme holding the most people, with a link worker.
    const busiest = await sql<{ scheme_id: string; staff_id: string; practice_id: string }>`
      SELECT ps.scheme_id, min(st.id::text) AS staff_id,
        (SELECT id FROM organisation WHERE kind = 'gp_practice' AND ods_code IS NOT NULL ORDER BY id LIMIT 1) AS practice_id
      FROM person_scheme ps JOIN staff st ON st.scheme_id = ps.scheme_id AND st.role = 'link_worker'
      GROUP BY ps.scheme_id ORDER BY count(DISTINCT ps.person_id) DESC, ps.scheme_id LIMIT 1`.execute(db.db);
    const row = busiest.rows[0];
    if (row === undefined) throw new Error('no scheme');
    schemeId = row.scheme_id;
    ctx = {
      actor: {
        userId: '00000000-0000-4000-8000-00000000eeee',
        role: 'scheme_manager',
        schemeIds: [schemeId],
        staffIds: [row.staff_id],
        regionId: null,
      },
      username: 'fhir-test',
      requestId: 'fhir-test',
      now: NOW,
    };
    // One person with every kind of record the export maps.
    const person = await createPerson(
      db.db,
      ctx,
      {
        schemeId,
        givenName: 'Export',
        familyName: 'Everything',
        dateOfBirth: '1965-03-04',
        sex: 'male',
        gender: 'man',
        postcode: 'M1 1AE',
        phone: '0161 496 0000',
        email: 'export@example.invalid',
        ethnicity: { nation: 'england', code: 'A' },
        registeredPracticeId: row.practice_id,
        allowPossibleDuplicate: true,
      },
      () => true,
    );
    personId = person.id;
    const referral = await createReferral(db.db, ctx, {
      personId,
      schemeId,
      referredAt: '2025-10-01T09:00:00Z',
      route: 'gp_practice',
      referrerRole: 'gp',
      referrerName: 'Dr Referrer (synthetic)',
      method: 'phone',
      reason: 'Isolated since retirement',
      linkWorkerId: row.staff_id,
      needs: ['loneliness', 'physical_activity'],
    });
    referralId = referral.id;
    await changeReferralStatus(
      db.db,
      ctx,
      referralId,
      { version: referral.version, status: 'active', at: '2025-10-02T09:00:00Z' },
      allow,
    );
    await createContact(
      db.db,
      ctx,
      referralId,
      {
        contactAt: '2025-10-03T10:00:00Z',
        mode: 'face_to_face',
        durationMinutes: 50,
        outcome: 'attended',
        contactType: 'First meeting',
        staffId: row.staff_id,
      },
      allow,
    );
    const need = await addNeed(
      db.db,
      ctx,
      referralId,
      { need: 'loneliness', description: 'Misses work' },
      allow,
    );
    const goal = await addGoal(
      db.db,
      ctx,
      referralId,
      { description: 'Join a club', needId: need.id, importance: 7, agreedOn: '2025-10-03' },
      allow,
    );
    await addAction(
      db.db,
      ctx,
      goal.id,
      { description: 'Visit the club', who: 'Export', dueOn: '2025-11-01' },
      allow,
    );
    await recordResponse(
      db.db,
      ctx,
      referralId,
      { instrumentId: 'ons4', timepoint: 'baseline', administeredOn: '2025-10-03', answers: [5, 6, 5, 4] },
      allow,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('exports a whole scheme, streamed in pages: every resource valid R4 and UK Core', async () => {
    const bundle = await collect(streamSchemeFhir(db.db, { kind: 'user', ctx }, schemeId, NOW, 5));
    const types = countTypes(bundle);
    console.log(`[${engine}] scheme export: ${bundle.entry.length} resources`, JSON.stringify(types));
    expect(Object.keys(types).sort()).toEqual(
      [
        'CarePlan',
        'Condition',
        'Encounter',
        'Goal',
        'HealthcareService',
        'Observation',
        'Organization',
        'Patient',
        'Practitioner',
        'QuestionnaireResponse',
        'ServiceRequest',
      ].sort(),
    );
    expect(schemaFailures(bundle.entry)).toEqual([]);
    expect(fhirSchemaErrors({ ...bundle, entry: bundle.entry.slice(0, 50) })).toEqual([]);
    expect(checkUkCoreBundle(bundle)).toEqual([]);

    // Exactly the people the scheme holds, each once, and only referrals to this scheme.
    const held = await db.db
      .selectFrom('person_scheme')
      .select('person_id')
      .where('scheme_id', '=', schemeId)
      .execute();
    const patients = bundle.entry
      .filter((e) => e.resource.resourceType === 'Patient')
      .map((e) => e.resource.id);
    expect(patients.sort()).toEqual(held.map((h) => h.person_id).sort());
    const referrals = await db.db
      .selectFrom('referral')
      .select('id')
      .where('scheme_id', '=', schemeId)
      .execute();
    const requests = bundle.entry.filter((e) => e.resource.resourceType === 'ServiceRequest');
    expect(requests.map((e) => e.resource.id).sort()).toEqual(referrals.map((r) => r.id).sort());
  });

  it('gives the same resources the same ids whatever the page size (only the Bundle id changes)', async () => {
    const a = await collect(streamSchemeFhir(db.db, { kind: 'user', ctx }, schemeId, NOW, 3));
    const b = await collect(streamSchemeFhir(db.db, { kind: 'user', ctx }, schemeId, NOW));
    expect(a.id).not.toBe(b.id);
    expect(a.entry.map((e) => e.fullUrl).sort()).toEqual(b.entry.map((e) => e.fullUrl).sort());
    expect(a.entry.find((e) => e.resource.resourceType === 'CarePlan')?.resource.id).toBe(
      b.entry.find((e) => e.resource.resourceType === 'CarePlan')?.resource.id,
    );
    expect(derivedId('careplan:x')).toBe(derivedId('careplan:x'));
    expect(derivedId('careplan:x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('audits a scheme export: the scheme, then every person as written', async () => {
    const exporter = { kind: 'user' as const, ctx: { ...ctx, requestId: 'audit-scheme-export' } };
    await collect(streamSchemeFhir(db.db, exporter, schemeId, NOW, 4));
    const events = await db.db
      .selectFrom('audit_event')
      .select(['entity', 'entity_id', 'action', 'username', 'role'])
      .where('request_id', '=', 'audit-scheme-export')
      .execute();
    const held = await db.db
      .selectFrom('person_scheme')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('scheme_id', '=', schemeId)
      .executeTakeFirstOrThrow();
    expect(events.filter((e) => e.entity === 'scheme')).toEqual([
      {
        entity: 'scheme',
        entity_id: schemeId,
        action: 'export',
        username: 'fhir-test',
        role: 'scheme_manager',
      },
    ]);
    expect(events.filter((e) => e.entity === 'person' && e.action === 'export')).toHaveLength(held.n);
  });

  it("exports one person's record with everything on it", async () => {
    const bundle = await exportPersonFhir(db.db, { kind: 'user', ctx }, personId, FULL_ACCESS, NOW);
    expect(schemaFailures(bundle.entry)).toEqual([]);
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(checkUkCoreBundle(bundle)).toEqual([]);
    const types = countTypes(bundle);
    expect(types).toMatchObject({
      Patient: 1,
      ServiceRequest: 1,
      Encounter: 1,
      QuestionnaireResponse: 1,
      Observation: 4,
      Condition: 1,
      Goal: 1,
      CarePlan: 1,
      HealthcareService: 1,
    });
    const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource;
    expect(patient).toMatchObject({
      name: [{ family: 'Everything', given: ['Export'] }],
      gender: 'male',
      address: [{ postalCode: 'M1 1AE' }],
    });
    const practice = bundle.entry.find(
      (e) => e.resource.resourceType === 'Organization' && 'identifier' in e.resource,
    )?.resource;
    expect(practice).toMatchObject({
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code' }],
    });
    const request = bundle.entry.find((e) => e.resource.id === referralId)?.resource;
    expect(request).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'active',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }] },
      note: [{ text: 'Isolated since retirement' }],
    });
  });

  it('leaves out referrals the reader may not see, and refuses people they may not see (no audit)', async () => {
    const none = await exportPersonFhir(
      db.db,
      { kind: 'user', ctx },
      personId,
      { authorizePerson: allow, canSeeReferral: () => false },
      NOW,
    );
    expect(Object.keys(countTypes(none)).sort()).toEqual(['Organization', 'Patient']);
    const denied = { kind: 'user' as const, ctx: { ...ctx, requestId: 'denied-export' } };
    await expect(
      exportPersonFhir(
        db.db,
        denied,
        personId,
        {
          authorizePerson: () => {
            throw new Error('not yours');
          },
          canSeeReferral: () => true,
        },
        NOW,
      ),
    ).rejects.toThrow('not yours');
    await expect(
      exportPersonFhir(db.db, denied, '00000000-0000-4000-8000-000000000000', FULL_ACCESS, NOW),
    ).rejects.toMatchObject({ code: 'not_found' });
    const events = await db.db
      .selectFrom('audit_event')
      .select('id')
      .where('request_id', '=', 'denied-export')
      .execute();
    expect(events).toEqual([]);
  });

  it('audits an export from the command line as the operator, with no Linkwork user', async () => {
    await exportPersonFhir(
      db.db,
      { kind: 'operator', name: 'tester', runId: 'cli-run-1' },
      personId,
      FULL_ACCESS,
      NOW,
    );
    const events = await db.db
      .selectFrom('audit_event')
      .select(['user_id', 'username', 'role', 'action', 'entity', 'entity_id'])
      .where('request_id', '=', 'cli-run-1')
      .execute();
    expect(events).toEqual([
      {
        user_id: null,
        username: 'cli:tester',
        role: null,
        action: 'export',
        entity: 'person',
        entity_id: personId,
      },
    ]);
  });
});
