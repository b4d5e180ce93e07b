// Every resource type the FHIR export writes, built from hand-made records that set every element
// the mapping can write (and as few as it allows), validated against the official HL7 FHIR R4 JSON
// schema, plus the hand-written UK Core checks. The schema validator is first shown to reject what
// it should, so a pass means something.
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../domain/fhir/fhir-types.js';
import { collectionBundle, personEntries, supportEntries } from '../../domain/fhir/social-prescribing.js';
import { checkUkCoreBundle } from '../../domain/fhir/uk-core-checks.js';
import { BARE_RECORD, FULL_RECORD, SAMPLE_CODES, SAMPLE_SUPPORT } from '../../db/testing/fhir-sample.js';
import { fhirSchemaErrors } from '../../db/testing/fhir-schema.js';

const entries = [
  ...personEntries(FULL_RECORD, SAMPLE_CODES),
  ...personEntries(BARE_RECORD, SAMPLE_CODES),
  ...supportEntries(SAMPLE_SUPPORT, SAMPLE_CODES),
];
const bundle = collectionBundle(
  { id: '3f0c2b9e-5d1a-4e8f-9b7c-6a5d4e3f2a10', timestamp: '2026-01-02T03:04:05.000Z' },
  entries,
);

describe('the HL7 FHIR R4 JSON schema validator', () => {
  it('rejects what it should (missing required element, unknown element, bad date, bad code)', () => {
    expect(fhirSchemaErrors({ resourceType: 'Patient' })).toEqual([]);
    expect(
      fhirSchemaErrors({ resourceType: 'ServiceRequest', status: 'active', intent: 'order' }),
    ).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: 'Patient', nhsNumber: '9990000018' })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: 'Patient', birthDate: '1970-13-45' })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: 'Patient', gender: 'woman' })).not.toEqual([]);
    expect(
      fhirSchemaErrors({ resourceType: 'Encounter', status: 'bogus', class: { code: 'AMB' } }),
    ).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: 'Nonsense' })).not.toEqual([]);
  }, 60_000); // each rejection compiles the resource's own schema for its messages (about a second)
});

describe('exported resources against the HL7 FHIR R4 JSON schema', () => {
  const types = new Map<string, number>();
  for (const e of entries) types.set(e.resource.resourceType, (types.get(e.resource.resourceType) ?? 0) + 1);

  it('writes every resource type the export can emit', () => {
    const all: Resource['resourceType'][] = [
      'Patient',
      'Organization',
      'Practitioner',
      'HealthcareService',
      'ServiceRequest',
      'Encounter',
      'QuestionnaireResponse',
      'Observation',
      'Condition',
      'Goal',
      'CarePlan',
    ];
    expect([...types.keys()].sort()).toEqual([...all].sort());
  });

  it.each(entries.map((e) => [`${e.resource.resourceType}/${e.resource.id}`, e.resource] as const))(
    '%s is valid R4',
    (_name, resource) => {
      expect(fhirSchemaErrors(resource)).toEqual([]);
    },
  );

  it('the whole Bundle is valid R4 (entries validated again inside it)', () => {
    expect(fhirSchemaErrors(bundle)).toEqual([]);
  });

  it('passes the UK Core checks (identifier systems, code systems, references)', () => {
    expect(checkUkCoreBundle(bundle)).toEqual([]);
  });
});
