/**
 * Identifier and code systems used in Linkwork's FHIR R4 export, with where each comes from. The
 * UK Core values are the fixed values in the UK Core StructureDefinitions
 * (../shared/standards/standards.md sections 3.1 to 3.3); docs/fhir.md lists them with the mapping.
 */

/** NHS number: fixed in UKCore-Patient `identifier:nhsNumber.system`. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/**
 * CHI number (Scotland). UK Core has no CHI slice and no Scottish national FHIR identifier URI was
 * found (standards.md section 2.4). This is the OID one UK implementation guide uses for "Scotland
 * CHI Number"; it is not confirmed as official, and docs/fhir.md says so.
 */
export const CHI_NUMBER_SYSTEM = 'urn:oid:2.16.840.1.113883.2.1.3.2.4.16.53';

/** ODS organisation code: fixed in UKCore-Organization (the -ization spelling is the fixed value). */
export const ODS_ORGANIZATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

export const SNOMED_SYSTEM = 'http://snomed.info/sct';

/** SNOMED CT 871731000000106 |Referral to social prescribing service (procedure)| (standards.md 2.1). */
export const SOCIAL_PRESCRIBING_REFERRAL = {
  system: SNOMED_SYSTEM,
  code: '871731000000106',
  display: 'Referral to social prescribing service',
} as const;

/** UK Core extension for the ethnic category (Extension-UKCore-EthnicCategory 2.2.0, active). */
export const ETHNIC_CATEGORY_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';

/** The UK Core ethnic category code systems Linkwork's `ref_ethnicity` uses, by nation. */
export const ETHNIC_CATEGORY_SYSTEMS = [
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryScotland',
] as const;

/** HL7 terminology (THO) code systems used for R4 elements with HL7 value sets. */
export const HL7 = {
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  goalAchievement: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
} as const;

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/**
 * Linkwork's own code lists and instrument definitions. Linkwork has no published FHIR base URL,
 * so its local code systems are named under the reserved `.invalid` top-level domain (RFC 6761:
 * it never resolves and belongs to no one), rather than claiming someone else's namespace. A
 * deployment that publishes its CodeSystems changes this one constant.
 */
export const LINKWORK_FHIR_BASE = 'https://linkwork.invalid/fhir';

/** The code system of one Linkwork reference list (`ref_<list>`). */
export function localCodeSystem(list: string): string {
  return `${LINKWORK_FHIR_BASE}/CodeSystem/${list.replace(/_/g, '-')}`;
}

/** The code system of instrument measures (`<instrument>.<measure>`, e.g. `swemwbs.metric`). */
export const INSTRUMENT_MEASURE_SYSTEM = `${LINKWORK_FHIR_BASE}/CodeSystem/instrument-measure`;

/** The canonical URL of one Linkwork instrument definition, versioned (`|1.0`). */
export function questionnaireCanonical(instrumentId: string, version: string): string {
  return `${LINKWORK_FHIR_BASE}/Questionnaire/${instrumentId}|${version}`;
}

/** Every code system an export may use (the UK Core checks refuse any other). */
export function isKnownCodeSystem(system: string): boolean {
  return (
    system === SNOMED_SYSTEM ||
    system === UCUM_SYSTEM ||
    system.startsWith('https://fhir.hl7.org.uk/CodeSystem/UKCore-') ||
    Object.values(HL7).some((s) => s === system) ||
    system.startsWith(`${LINKWORK_FHIR_BASE}/CodeSystem/`)
  );
}
