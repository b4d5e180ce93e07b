// Every API call the web app makes, typed by the API's own zod schemas (src/server/*/*.schema.ts):
// request types are the schemas' inputs, replies are parsed with the response schemas.
import { z } from 'zod';
import type { LoginBodySchema, PasswordChangeBodySchema } from '../../server/auth/auth.schema.js';
import { SessionResponseSchema } from '../../server/auth/auth.schema.js';
import type { GoalCreateSchema } from '../../server/care-plan/care-plan.schema.js';
import { CarePlanSchema, GoalSchema } from '../../server/care-plan/care-plan.schema.js';
import type { ContactCreateSchema } from '../../server/contacts/contact.schema.js';
import { ContactListSchema, ContactWrittenSchema } from '../../server/contacts/contact.schema.js';
import { ServiceListSchema, ServiceSchema } from '../../server/directory/directory.schema.js';
import type { PersonCreateSchema } from '../../server/people/person.schema.js';
import { PersonListSchema, PersonSchema } from '../../server/people/person.schema.js';
import type { QuestionnaireCreateSchema } from '../../server/questionnaires/questionnaire.schema.js';
import {
  InstrumentListSchema,
  QuestionnaireListSchema,
  QuestionnaireWrittenSchema,
} from '../../server/questionnaires/questionnaire.schema.js';
import { ReferenceListsSchema } from '../../server/reference/reference.schema.js';
import type {
  ReferralCreateSchema,
  ReferralStatusSchema,
  ReferralUpdateSchema,
} from '../../server/referrals/referral.schema.js';
import {
  CaseloadSchema,
  ReferralListSchema,
  ReferralSchema,
  WaitingListSchema,
} from '../../server/referrals/referral.schema.js';
import { SchemeListSchema } from '../../server/schemes/scheme.schema.js';
import type { SignpostCreateSchema } from '../../server/signposts/signpost.schema.js';
import { SignpostListSchema, SignpostSchema } from '../../server/signposts/signpost.schema.js';
import { PublishedReportSchema } from '../../server/evaluation/evaluation.schema.js';
import { request } from './client.js';

export type PublishedReport = z.infer<typeof PublishedReportSchema>;

type In<S extends z.ZodType> = z.input<S>;

/** `?a=1&b=x` from the defined values (empty when none). */
function query(params: Readonly<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

const id = (value: string): string => encodeURIComponent(value);

export const api = {
  evaluation: (set: string, params: Readonly<Record<string, string>>) =>
    request('GET', `/api/evaluation/${id(set)}${query(params)}`, PublishedReportSchema),
  session: () => request('GET', '/api/auth/session', SessionResponseSchema),
  signIn: (body: In<typeof LoginBodySchema>) =>
    request('POST', '/api/auth/login', SessionResponseSchema, body),
  signOut: () => request('POST', '/api/auth/logout', z.null()),
  changePassword: (body: In<typeof PasswordChangeBodySchema>) =>
    request('POST', '/api/auth/password', z.null(), body),

  reference: () => request('GET', '/api/reference', ReferenceListsSchema),
  instruments: () => request('GET', '/api/instruments', InstrumentListSchema),
  schemes: () => request('GET', '/api/schemes?pageSize=200', SchemeListSchema),
  services: (search: { q?: string; need?: string }) =>
    request('GET', `/api/services${query({ ...search, pageSize: 20 })}`, ServiceListSchema),
  service: (serviceId: string) => request('GET', `/api/services/${id(serviceId)}`, ServiceSchema),

  caseload: () => request('GET', '/api/caseload', CaseloadSchema),
  waitingList: (schemeId: string) =>
    request('GET', `/api/schemes/${id(schemeId)}/waiting-list`, WaitingListSchema),

  people: (search: { name?: string; nhsNumber?: string; chiNumber?: string; dateOfBirth?: string }) =>
    request('GET', `/api/people${query({ ...search, pageSize: 50 })}`, PersonListSchema),
  person: (personId: string) => request('GET', `/api/people/${id(personId)}`, PersonSchema),
  createPerson: (body: In<typeof PersonCreateSchema>) => request('POST', '/api/people', PersonSchema, body),

  referralsOf: (personId: string) =>
    request('GET', `/api/referrals${query({ personId, pageSize: 200 })}`, ReferralListSchema),
  referral: (referralId: string) => request('GET', `/api/referrals/${id(referralId)}`, ReferralSchema),
  createReferral: (body: In<typeof ReferralCreateSchema>) =>
    request('POST', '/api/referrals', ReferralSchema, body),
  updateReferral: (referralId: string, body: In<typeof ReferralUpdateSchema>) =>
    request('PATCH', `/api/referrals/${id(referralId)}`, ReferralSchema, body),
  changeStatus: (referralId: string, body: In<typeof ReferralStatusSchema>) =>
    request('POST', `/api/referrals/${id(referralId)}/status`, ReferralSchema, body),

  contacts: (referralId: string) =>
    request('GET', `/api/referrals/${id(referralId)}/contacts?pageSize=200`, ContactListSchema),
  createContact: (referralId: string, body: In<typeof ContactCreateSchema>) =>
    request('POST', `/api/referrals/${id(referralId)}/contacts`, ContactWrittenSchema, body),

  signposts: (referralId: string) =>
    request('GET', `/api/referrals/${id(referralId)}/signposts?pageSize=200`, SignpostListSchema),
  createSignpost: (referralId: string, body: In<typeof SignpostCreateSchema>) =>
    request('POST', `/api/referrals/${id(referralId)}/signposts`, SignpostSchema, body),

  carePlan: (referralId: string) =>
    request('GET', `/api/referrals/${id(referralId)}/care-plan`, CarePlanSchema),
  createGoal: (referralId: string, body: In<typeof GoalCreateSchema>) =>
    request('POST', `/api/referrals/${id(referralId)}/goals`, GoalSchema, body),

  questionnaires: (referralId: string) =>
    request('GET', `/api/referrals/${id(referralId)}/questionnaires`, QuestionnaireListSchema),
  createQuestionnaire: (referralId: string, body: In<typeof QuestionnaireCreateSchema>) =>
    request('POST', `/api/referrals/${id(referralId)}/questionnaires`, QuestionnaireWrittenSchema, body),
};

export type SessionRes = z.output<typeof SessionResponseSchema>;
export type SessionUser = SessionRes['user'];
export type SchemeSummary = z.output<typeof SchemeListSchema>['items'][number];
export type ReferralListItem = z.output<typeof ReferralListSchema>['items'][number];
export type InstrumentRes = z.output<typeof InstrumentListSchema>['items'][number];
