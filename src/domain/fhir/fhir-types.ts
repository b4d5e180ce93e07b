/**
 * Minimal FHIR R4 (4.0.1) types for what Linkwork exports: only the elements the mapping sets, each
 * named as in the R4 specification (https://hl7.org/fhir/R4/). Hand-written rather than taken from
 * a package: the domain layer imports no npm packages, and the latest `@types/fhir` is STU3
 * (../shared/standards/standards.md section 3.6). The tests validate every resource built with these
 * types against the official HL7 R4 JSON schema, so a misspelt element fails there.
 */

export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface CodeableConcept {
  readonly coding?: readonly Coding[];
  readonly text?: string;
}

export interface Identifier {
  readonly use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old';
  readonly system: string;
  readonly value: string;
}

/** A reference by `urn:uuid:` fullUrl within the Bundle, `#id` to a contained resource, or display only. */
export interface Reference {
  readonly reference?: string;
  readonly display?: string;
}

export interface Period {
  readonly start?: string;
  readonly end?: string;
}

export interface Quantity {
  readonly value: number;
  readonly unit?: string;
  readonly system?: string;
  readonly code?: string;
}

export interface Annotation {
  readonly text: string;
}

export interface Extension {
  readonly url: string;
  readonly valueCodeableConcept?: CodeableConcept;
}

export interface HumanName {
  readonly use?: 'usual' | 'official';
  readonly text?: string;
  readonly family?: string;
  readonly given?: readonly string[];
}

export interface ContactPoint {
  readonly system: 'phone' | 'email';
  readonly value: string;
}

export interface Address {
  readonly use?: 'home';
  readonly postalCode: string;
}

export type AdministrativeGender = 'male' | 'female' | 'other' | 'unknown';

export interface Patient {
  readonly resourceType: 'Patient';
  readonly id: string;
  readonly extension?: readonly Extension[];
  readonly identifier?: readonly Identifier[];
  readonly name: readonly HumanName[];
  readonly telecom?: readonly ContactPoint[];
  readonly gender?: AdministrativeGender;
  readonly birthDate: string;
  readonly address?: readonly Address[];
  readonly generalPractitioner?: readonly Reference[];
}

export interface Organization {
  readonly resourceType: 'Organization';
  readonly id: string;
  readonly identifier?: readonly Identifier[];
  readonly active: boolean;
  readonly type?: readonly CodeableConcept[];
  readonly name: string;
}

export interface Practitioner {
  readonly resourceType: 'Practitioner';
  readonly id: string;
  readonly name: readonly HumanName[];
}

export interface PractitionerRole {
  readonly resourceType: 'PractitionerRole';
  readonly id: string;
  readonly practitioner?: Reference;
  readonly organization?: Reference;
  readonly code?: readonly CodeableConcept[];
  readonly healthcareService?: readonly Reference[];
}

export interface HealthcareService {
  readonly resourceType: 'HealthcareService';
  readonly id: string;
  readonly active: boolean;
  readonly providedBy?: Reference;
  readonly type?: readonly CodeableConcept[];
  readonly name: string;
}

export type RequestStatus = 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error';

export interface ServiceRequest {
  readonly resourceType: 'ServiceRequest';
  readonly id: string;
  readonly contained?: readonly (PractitionerRole | HealthcareService)[];
  readonly status: RequestStatus;
  readonly intent: 'order';
  readonly category?: readonly CodeableConcept[];
  readonly priority?: 'routine';
  readonly code: CodeableConcept;
  readonly subject: Reference;
  readonly authoredOn: string;
  readonly requester?: Reference;
  readonly performer?: readonly Reference[];
  readonly reasonCode?: readonly CodeableConcept[];
  readonly note?: readonly Annotation[];
}

export type EncounterStatus = 'planned' | 'in-progress' | 'finished' | 'cancelled';

export interface EncounterParticipant {
  readonly individual: Reference;
}

export interface Encounter {
  readonly resourceType: 'Encounter';
  readonly id: string;
  readonly status: EncounterStatus;
  readonly class: Coding;
  readonly type?: readonly CodeableConcept[];
  readonly serviceType?: CodeableConcept;
  readonly subject: Reference;
  readonly basedOn: readonly Reference[];
  readonly participant?: readonly EncounterParticipant[];
  readonly period: Period;
  readonly length?: Quantity;
  readonly serviceProvider?: Reference;
}

export interface QuestionnaireResponseAnswer {
  readonly valueInteger: number;
}

export interface QuestionnaireResponseItem {
  readonly linkId: string;
  readonly text?: string;
  readonly answer?: readonly QuestionnaireResponseAnswer[];
}

export interface QuestionnaireResponse {
  readonly resourceType: 'QuestionnaireResponse';
  readonly id: string;
  readonly basedOn: readonly Reference[];
  readonly questionnaire: string;
  readonly status: 'completed';
  readonly subject: Reference;
  readonly authored: string;
  readonly author?: Reference;
  readonly item: readonly QuestionnaireResponseItem[];
}

export interface Observation {
  readonly resourceType: 'Observation';
  readonly id: string;
  readonly basedOn: readonly Reference[];
  readonly status: 'final';
  readonly category: readonly CodeableConcept[];
  readonly code: CodeableConcept;
  readonly subject: Reference;
  readonly effectiveDateTime: string;
  readonly performer?: readonly Reference[];
  readonly valueQuantity: Quantity;
  readonly interpretation?: readonly CodeableConcept[];
  readonly derivedFrom: readonly Reference[];
}

export interface Condition {
  readonly resourceType: 'Condition';
  readonly id: string;
  readonly clinicalStatus: CodeableConcept;
  readonly category: readonly CodeableConcept[];
  readonly code: CodeableConcept;
  readonly subject: Reference;
  readonly note?: readonly Annotation[];
}

export type GoalLifecycleStatus = 'proposed' | 'accepted' | 'active' | 'completed' | 'cancelled';

export interface GoalTarget {
  readonly dueDate: string;
}

export interface Goal {
  readonly resourceType: 'Goal';
  readonly id: string;
  readonly lifecycleStatus: GoalLifecycleStatus;
  readonly achievementStatus?: CodeableConcept;
  readonly category?: readonly CodeableConcept[];
  readonly description: CodeableConcept;
  readonly subject: Reference;
  readonly startDate?: string;
  readonly target?: readonly GoalTarget[];
  readonly statusDate?: string;
  readonly expressedBy: Reference;
  readonly addresses?: readonly Reference[];
  readonly note?: readonly Annotation[];
}

export type CarePlanActivityStatus = 'not-started' | 'in-progress' | 'completed' | 'cancelled';

export interface CarePlanActivityDetail {
  readonly status: CarePlanActivityStatus;
  readonly description: string;
  readonly goal?: readonly Reference[];
  readonly scheduledPeriod?: Period;
  readonly performer?: readonly Reference[];
}

export interface CarePlanActivity {
  readonly detail: CarePlanActivityDetail;
}

export interface CarePlan {
  readonly resourceType: 'CarePlan';
  readonly id: string;
  readonly status: 'active' | 'completed' | 'revoked';
  readonly intent: 'plan';
  readonly title: string;
  readonly subject: Reference;
  readonly author?: Reference;
  readonly addresses?: readonly Reference[];
  readonly supportingInfo: readonly Reference[];
  readonly goal?: readonly Reference[];
  readonly activity?: readonly CarePlanActivity[];
}

/** Every resource type Linkwork exports. */
export type Resource =
  | Patient
  | Organization
  | Practitioner
  | HealthcareService
  | ServiceRequest
  | Encounter
  | QuestionnaireResponse
  | Observation
  | Condition
  | Goal
  | CarePlan;

export type ResourceType = Resource['resourceType'];

export interface BundleEntry {
  readonly fullUrl: string;
  readonly resource: Resource;
}

export interface Bundle {
  readonly resourceType: 'Bundle';
  readonly id: string;
  readonly meta: { readonly lastUpdated: string };
  readonly identifier: Identifier;
  readonly type: 'collection';
  readonly timestamp: string;
  readonly entry: readonly BundleEntry[];
}
