/**
 * Field limits shared by database constraints, server schemas, importers and web forms, so that every
 * edge agrees. Where a limit comes from the PRSB Social Prescribing Information Standard v1.1 the
 * section is cited (../shared/standards/standards.md section 1).
 */
export const LIMITS = {
  /** PRSB 1.3 "Reason for referral": free text, max 150 characters. */
  referralReason: 150,
  /** PRSB 1.3 "Referrer details > Name": string max 70. */
  referrerName: 70,
  /** PRSB 1.3 "Referrer details > Organisation" free-text alternative: max 150. */
  referrerOrganisationText: 150,
  /** PRSB 1.4 "Contact type" and 1.5 signpost free-text fields: max 150. */
  shortText: 150,
  /** PRSB 1.6 "Assessment summary": max 250. */
  summaryText: 250,
  /** Care and support plan needs, goals and actions: descriptions (Linkwork's limit, as the database CHECKs). */
  carePlanText: 500,
  /** Case notes and descriptions (not PRSB-bounded; kept short to discourage copying whole letters). */
  noteText: 2000,
  /** Person names: PRSB person name parts are strings; 100 is the NHS PDS maximum for a name part. */
  personName: 100,
  /** A contact session: at most one day. */
  contactMinutesMax: 1440,
  /** PRSB 1 "Person's email address": string max 255. */
  email: 255,
  /** Oldest plausible age in years for a date of birth. */
  maxAgeYears: 120,
} as const;
