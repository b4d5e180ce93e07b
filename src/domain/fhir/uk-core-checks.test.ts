import { describe, expect, it } from 'vitest';
import type { BundleEntry, Resource } from './fhir-types.js';
import { isSnomedConceptId, verhoeffValid, checkUkCoreBundle } from './uk-core-checks.js';
import {
  CHI_NUMBER_SYSTEM,
  ETHNIC_CATEGORY_EXTENSION,
  NHS_NUMBER_SYSTEM,
  ODS_ORGANIZATION_SYSTEM,
} from './systems.js';

const P = '00000005-0000-4000-8000-000000000001';
const O = '00000001-0000-4000-8000-000000000001';
const R = '00000006-0000-4000-8000-000000000001';

const entry = (resource: Resource): BundleEntry => ({ fullUrl: `urn:uuid:${resource.id}`, resource });
const check = (...resources: Resource[]) =>
  checkUkCoreBundle({ type: 'collection', entry: resources.map(entry) });
const rules = (...resources: Resource[]) =>
  check(...resources)
    .map((i) => i.rule)
    .sort();

const patient = (over: Partial<Extract<Resource, { resourceType: 'Patient' }>> = {}): Resource => ({
  resourceType: 'Patient',
  id: P,
  name: [{ family: 'Example' }],
  birthDate: '1970-01-01',
  ...over,
});

const request = (code: string): Resource => ({
  resourceType: 'ServiceRequest',
  id: R,
  status: 'active',
  intent: 'order',
  code: { coding: [{ system: 'http://snomed.info/sct', code }] },
  subject: { reference: `urn:uuid:${P}` },
  authoredOn: '2025-10-01',
});

describe('SNOMED CT identifiers', () => {
  it('checks the Verhoeff check digit', () => {
    expect(verhoeffValid('871731000000106')).toBe(true);
    expect(verhoeffValid('871731000000107')).toBe(false);
    expect(verhoeffValid('22298006')).toBe(true);
  });

  it('accepts concept ids only (length, leading zero, partition, check digit)', () => {
    expect(isSnomedConceptId('871731000000106')).toBe(true);
    expect(isSnomedConceptId('871711000000103')).toBe(true);
    expect(isSnomedConceptId('22298006')).toBe(true);
    expect(isSnomedConceptId('12345')).toBe(false);
    expect(isSnomedConceptId('022298006')).toBe(false);
    expect(isSnomedConceptId('871731000000107')).toBe(false);
    // A description id (partition 01) with a valid check digit is not a concept id.
    expect(isSnomedConceptId('1234567011')).toBe(false);
  });
});

describe('UK Core checks', () => {
  it('passes a clean Bundle', () => {
    expect(
      check(
        patient({
          identifier: [
            { system: NHS_NUMBER_SYSTEM, value: '9990000018' },
            { system: CHI_NUMBER_SYSTEM, value: '0101701241' },
          ],
          extension: [
            {
              url: ETHNIC_CATEGORY_EXTENSION,
              valueCodeableConcept: {
                coding: [
                  { system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland', code: 'A' },
                ],
              },
            },
            { url: 'https://example.invalid/other-extension' },
          ],
          generalPractitioner: [{ reference: `urn:uuid:${O}` }],
        }),
        {
          resourceType: 'Organization',
          id: O,
          active: true,
          name: 'P',
          identifier: [{ system: ODS_ORGANIZATION_SYSTEM, value: 'S12345' }],
        },
        request('871731000000106'),
      ),
    ).toEqual([]);
  });

  it('refuses a bad NHS number, a spaced one, a CHI that does not match the birth date, a bad ODS code', () => {
    expect(rules(patient({ identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990000019' }] }))).toEqual([
      'nhs_number',
    ]);
    expect(rules(patient({ identifier: [{ system: NHS_NUMBER_SYSTEM, value: '999 000 0018' }] }))).toEqual([
      'nhs_number',
    ]);
    expect(rules(patient({ identifier: [{ system: CHI_NUMBER_SYSTEM, value: '0201701245' }] }))).toEqual([
      'chi_number',
    ]);
    expect(
      rules({
        resourceType: 'Organization',
        id: O,
        active: true,
        name: 'P',
        identifier: [{ system: ODS_ORGANIZATION_SYSTEM, value: 's1' }],
      }),
    ).toEqual(['ods_code']);
  });

  it('refuses near misses of the UK Core identifier systems and unknown ones', () => {
    expect(
      rules(
        patient({
          identifier: [
            { system: 'http://fhir.nhs.uk/Id/nhs-number', value: '9990000018' },
            { system: 'https://fhir.nhs.uk/Id/ods-organisation-code', value: 'S1' },
            { system: 'https://example.invalid/local', value: '1' },
          ],
        }),
      ),
    ).toEqual(['identifier_system', 'identifier_system', 'identifier_system']);
  });

  it('refuses referrals without the national social prescribing code, and bad SNOMED codes', () => {
    expect(rules(patient(), request('871711000000103'))).toEqual(['social_prescribing_code']);
    expect(rules(patient(), request('871731000000107'))).toEqual(
      ['snomed_ct', 'social_prescribing_code'].sort(),
    );
    expect(
      rules(patient(), {
        resourceType: 'ServiceRequest',
        id: R,
        status: 'active',
        intent: 'order',
        code: { text: 'no coding at all' },
        subject: { reference: `urn:uuid:${P}` },
        authoredOn: '2025-10-01',
      }),
    ).toEqual(['social_prescribing_code']);
  });

  it('refuses unknown code systems, half codings and an ethnic category outside UK Core', () => {
    expect(
      rules(
        patient({
          extension: [
            {
              url: ETHNIC_CATEGORY_EXTENSION,
              valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'X' }, { code: 'A' }] },
            },
            { url: ETHNIC_CATEGORY_EXTENSION },
          ],
        }),
      ),
    ).toEqual(['code_system', 'coding', 'ethnic_category', 'ethnic_category'].sort());
  });

  it('refuses references outside the Bundle, bad fullUrls and duplicates; allows contained references', () => {
    const sr: Resource = {
      resourceType: 'ServiceRequest',
      id: R,
      contained: [{ resourceType: 'PractitionerRole', id: 'referrer' }],
      status: 'active',
      intent: 'order',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }] },
      subject: { reference: `urn:uuid:${P}` },
      authoredOn: '2025-10-01',
      requester: { reference: '#referrer' },
      performer: [{ reference: '#nowhere' }, { display: 'only a name' }],
    };
    expect(rules(sr)).toEqual(['reference', 'reference']);
    const p = patient();
    expect(
      checkUkCoreBundle({
        type: 'collection',
        entry: [entry(p), entry(p), { fullUrl: 'Patient/x', resource: { ...p, id: 'not-a-uuid' } }],
      })
        .map((i) => i.rule)
        .sort(),
    ).toEqual(['full_url', 'unique'].sort());
  });

  it('refuses a Bundle that is not a collection', () => {
    expect(checkUkCoreBundle({ type: 'transaction', entry: [] })).toEqual([
      { path: 'type', rule: 'bundle_type', message: 'an export is a collection Bundle' },
    ]);
  });
});
