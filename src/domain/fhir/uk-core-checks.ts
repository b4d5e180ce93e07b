/**
 * Hand-written UK Core checks for an exported Bundle: what the HL7 R4 JSON schema cannot see
 * (../shared/standards/standards.md section 3.6: profile slices and bindings need code). They check
 * the identifier systems UK Core fixes and their values (NHS number Modulus 11, CHI, ODS code
 * format), that every code system is a known one, that SNOMED CT codes are well-formed SCTIDs
 * (Verhoeff check digit), that the referral carries the national social prescribing code, and that
 * the Bundle hangs together (fullUrls, references). They return every problem, never throw.
 */
import type { FieldIssue } from '../errors.js';
import { checkChiNumber } from '../identifiers/chi-number.js';
import { checkNhsNumber } from '../identifiers/nhs-number.js';
import type { BundleEntry } from './fhir-types.js';
import {
  CHI_NUMBER_SYSTEM,
  ETHNIC_CATEGORY_EXTENSION,
  ETHNIC_CATEGORY_SYSTEMS,
  isKnownCodeSystem,
  NHS_NUMBER_SYSTEM,
  ODS_ORGANIZATION_SYSTEM,
  SNOMED_SYSTEM,
  SOCIAL_PRESCRIBING_REFERRAL,
} from './systems.js';

// Verhoeff tables (SNOMED CT Technical Implementation Guide, "Check-digit"): the dihedral group D5
// multiplication table and the permutation table, ten digits a row.
const D =
  '0123456789' +
  '1234067895' +
  '2340178956' +
  '3401289567' +
  '4012395678' +
  '5987604321' +
  '6598710432' +
  '7659821043' +
  '8765932104' +
  '9876543210';
const P =
  '0123456789' +
  '1576283094' +
  '5803796142' +
  '8916043527' +
  '9453127680' +
  '4286573901' +
  '2793806415' +
  '7046913258';

/** True when a string of digits passes the Verhoeff check (its last digit is the check digit). */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    const digit = digits.charCodeAt(n - 1 - i) - 48;
    c = Number(D.charAt(c * 10 + Number(P.charAt((i % 8) * 10 + digit))));
  }
  return c === 0;
}

/**
 * A well-formed SNOMED CT concept id: 6 to 18 digits, no leading zero, a concept partition
 * identifier (`00` short form, `10` long form with a namespace) and a valid Verhoeff check digit.
 */
export function isSnomedConceptId(code: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(code)) return false;
  const partition = code.slice(-3, -1);
  return (partition === '00' || partition === '10') && verhoeffValid(code);
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Calls `visit` for every object under `node` with its path (`entry[0].resource.code.coding[0]`). */
function walk(node: unknown, path: string, visit: (obj: Json, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      walk(child, `${path}[${i}]`, visit);
    });
    return;
  }
  if (!isObject(node)) return;
  visit(node, path);
  for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`, visit);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Identifier checks: the UK Core systems exactly, and valid values for each. */
function checkIdentifier(obj: Json, path: string, resource: Json, issues: FieldIssue[]): void {
  const system = String(obj['system']);
  const value = String(obj['value']);
  if (system === NHS_NUMBER_SYSTEM) {
    const check = checkNhsNumber(value);
    if (check.kind === 'invalid' || check.value !== value) {
      issues.push({
        path,
        rule: 'nhs_number',
        message: `NHS number ${value} is not 10 digits passing Modulus 11`,
      });
    }
  } else if (system === CHI_NUMBER_SYSTEM) {
    const birthDate = str(resource['birthDate']);
    const check = checkChiNumber(value, birthDate);
    if (check.kind === 'invalid') {
      issues.push({ path, rule: 'chi_number', message: `CHI number: ${check.message}` });
    }
  } else if (system === ODS_ORGANIZATION_SYSTEM) {
    if (!/^[A-Z0-9]{3,10}$/.test(value)) {
      issues.push({
        path,
        rule: 'ods_code',
        message: `ODS code ${value} is not 3 to 10 upper-case letters and digits`,
      });
    }
  } else if (/nhs-number|ods-organi[sz]ation|ods-site/i.test(system)) {
    issues.push({
      path,
      rule: 'identifier_system',
      message: `near miss of a UK Core identifier system: ${system}`,
    });
  } else {
    issues.push({ path, rule: 'identifier_system', message: `unexpected identifier system ${system}` });
  }
}

/** Coding checks: a known code system, and SNOMED CT codes that are concept ids. */
function checkCoding(obj: Json, path: string, issues: FieldIssue[]): void {
  const system = str(obj['system']);
  const code = str(obj['code']);
  if (system === undefined || code === undefined) {
    issues.push({ path, rule: 'coding', message: 'a coding needs both system and code' });
    return;
  }
  if (!isKnownCodeSystem(system)) {
    issues.push({ path, rule: 'code_system', message: `unknown code system ${system}` });
  } else if (system === SNOMED_SYSTEM && !isSnomedConceptId(code)) {
    issues.push({ path, rule: 'snomed_ct', message: `${code} is not a SNOMED CT concept id` });
  }
}

/** Resource-level UK Core checks. */
function checkResource(resource: Json, path: string, issues: FieldIssue[]): void {
  const type = str(resource['resourceType']);
  if (type === 'ServiceRequest') {
    const code = resource['code'];
    const codings = isObject(code) && Array.isArray(code['coding']) ? (code['coding'] as unknown[]) : [];
    const national = codings.some(
      (c) => isObject(c) && c['system'] === SNOMED_SYSTEM && c['code'] === SOCIAL_PRESCRIBING_REFERRAL.code,
    );
    if (!national) {
      issues.push({
        path: `${path}.code`,
        rule: 'social_prescribing_code',
        message: `a referral must be coded SNOMED CT ${SOCIAL_PRESCRIBING_REFERRAL.code}`,
      });
    }
  }
  if (type === 'Patient') {
    const extensions = Array.isArray(resource['extension']) ? (resource['extension'] as unknown[]) : [];
    extensions.forEach((e, i) => {
      if (!isObject(e) || e['url'] !== ETHNIC_CATEGORY_EXTENSION) return;
      const value = e['valueCodeableConcept'];
      const codings = isObject(value) && Array.isArray(value['coding']) ? (value['coding'] as unknown[]) : [];
      const ok = codings.some((c) => isObject(c) && ETHNIC_CATEGORY_SYSTEMS.some((s) => s === c['system']));
      if (!ok) {
        issues.push({
          path: `${path}.extension[${i}]`,
          rule: 'ethnic_category',
          message: 'the ethnic category must be coded in a UK Core ethnic category code system',
        });
      }
    });
  }
}

/**
 * Every UK Core problem in a Bundle, each with the path of the element at fault. An empty list
 * means the Bundle passed.
 */
export function checkUkCoreBundle(bundle: {
  readonly type: string;
  readonly entry: readonly BundleEntry[];
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (bundle.type !== 'collection') {
    issues.push({ path: 'type', rule: 'bundle_type', message: 'an export is a collection Bundle' });
  }
  const fullUrls = new Set<string>();
  bundle.entry.forEach((e, i) => {
    const id = e.resource.id;
    if (!UUID.test(id) || e.fullUrl !== `urn:uuid:${id}`) {
      issues.push({
        path: `entry[${i}].fullUrl`,
        rule: 'full_url',
        message: 'fullUrl must be urn:uuid:<resource id>',
      });
    }
    if (fullUrls.has(e.fullUrl)) {
      issues.push({ path: `entry[${i}].fullUrl`, rule: 'unique', message: `${e.fullUrl} appears twice` });
    }
    fullUrls.add(e.fullUrl);
  });
  bundle.entry.forEach((e, i) => {
    const base = `entry[${i}].resource`;
    const resource = e.resource as unknown as Json;
    checkResource(resource, base, issues);
    const contained = new Set(
      (e.resource.resourceType === 'ServiceRequest' ? (e.resource.contained ?? []) : []).map(
        (c) => `#${c.id}`,
      ),
    );
    walk(resource, base, (obj, path) => {
      if (path.endsWith('.identifier') || /\.identifier\[\d+\]$/.test(path)) {
        checkIdentifier(obj, path, resource, issues);
      }
      if (/\.coding\[\d+\]$/.test(path) || path.endsWith('.class')) checkCoding(obj, path, issues);
      const reference = str(obj['reference']);
      if (reference !== undefined && !fullUrls.has(reference) && !contained.has(reference)) {
        issues.push({
          path: `${path}.reference`,
          rule: 'reference',
          message: `${reference} is not in the Bundle`,
        });
      }
    });
  });
  return issues;
}
