// A person's record as one timeline: every referral's events (made, accepted, contacts, signposts,
// goals, questionnaires with scores and change from baseline, discharge), newest first. Pure: the
// page loads the data and renders the entries.
import type { z } from 'zod';
import type { CarePlanSchema } from '../../server/care-plan/care-plan.schema.js';
import type { ContactSchema } from '../../server/contacts/contact.schema.js';
import type { QuestionnaireWithChangeSchema } from '../../server/questionnaires/questionnaire.schema.js';
import type { ReferralSchema } from '../../server/referrals/referral.schema.js';
import type { SignpostSchema } from '../../server/signposts/signpost.schema.js';
import type { InstrumentRes } from '../api/endpoints.js';
import type { Reference } from '../app/reference.js';

export interface ReferralRecord {
  readonly referral: z.output<typeof ReferralSchema>;
  readonly contacts: readonly z.output<typeof ContactSchema>[];
  readonly signposts: readonly z.output<typeof SignpostSchema>[];
  readonly plan: z.output<typeof CarePlanSchema>;
  readonly questionnaires: readonly z.output<typeof QuestionnaireWithChangeSchema>[];
}

export type EntryKind =
  'referral' | 'accepted' | 'contact' | 'signpost' | 'goal' | 'questionnaire' | 'closed';

export interface TimelineEntry {
  readonly key: string;
  readonly kind: EntryKind;
  /** ISO date or date-time, as recorded. */
  readonly at: string;
  /** The minute to sort by (YYYY-MM-DDTHH:MM): `at`, or for a date when it was recorded that day (else midday). */
  readonly order: string;
  /** Breaks ties within a minute: when the record was written (else `at`). */
  readonly written: string;
  readonly referralId: string;
  readonly title: string;
  readonly lines: readonly string[];
}

const KIND_ORDER: Readonly<Record<EntryKind, number>> = {
  referral: 0,
  accepted: 1,
  goal: 2,
  contact: 3,
  signpost: 4,
  questionnaire: 5,
  closed: 6,
};

/**
 * The minute an entry sorts at: a date-time's own; a date's by when it was recorded that day, else
 * midday. Minutes, because times are entered to the minute (a discharge at 10:05 follows a
 * questionnaire saved at 10:05:40).
 */
function orderOf(at: string, recordedAt?: string): string {
  if (at.length !== 10) return new Date(at).toISOString().slice(0, 16);
  const recorded = recordedAt === undefined ? null : new Date(recordedAt).toISOString();
  return (recorded?.startsWith(at) === true ? recorded : `${at}T12:00`).slice(0, 16);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A number as shown: up to 2 decimal places, no trailing zeros. */
export function formatScore(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A change with its sign: +3.1, -2, 0. */
export function formatChange(value: number): string {
  const s = formatScore(value);
  return value > 0 ? `+${s}` : s;
}

export const INTERPRETATION_LABELS: Readonly<
  Record<'improved' | 'deteriorated' | 'no_important_change', string>
> = {
  improved: 'improved (by at least the minimal important difference)',
  deteriorated: 'worse (by at least the minimal important difference)',
  no_important_change: 'no important change (less than the minimal important difference)',
};

export function measureLabel(
  instruments: readonly InstrumentRes[],
  instrumentId: string,
  measure: string,
): string {
  return (
    instruments.find((i) => i.id === instrumentId)?.measures.find((m) => m.id === measure)?.label ?? measure
  );
}

export function buildTimeline(
  records: readonly ReferralRecord[],
  reference: Reference,
  instruments: readonly InstrumentRes[],
  /** Directory service names by id, for signposts that name a directory entry only. */
  serviceNames: ReadonlyMap<string, string> = new Map(),
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const { referral: r, contacts, signposts, plan, questionnaires } of records) {
    const referrer = [reference.label('referrer_role', r.referrerRole), r.referrerName, r.referrerOrgText]
      .filter((x): x is string => x !== null && x !== '')
      .join(', ');
    entries.push({
      key: `referral-${r.id}`,
      kind: 'referral',
      at: r.referredAt,
      order: orderOf(r.referredAt),
      written: r.referredAt,
      referralId: r.id,
      title: `Referred (${reference.label('referral_route', r.route)})`,
      lines: [
        referrer === '' ? '' : `Referrer: ${referrer}`,
        r.reason === null ? '' : `Reason: ${r.reason}`,
        r.needs.length === 0 ? '' : `Needs: ${r.needs.map((n) => reference.label('need', n)).join(', ')}`,
      ].filter((l) => l !== ''),
    });
    if (r.acceptedAt !== null) {
      entries.push({
        key: `accepted-${r.id}`,
        kind: 'accepted',
        at: r.acceptedAt,
        order: orderOf(r.acceptedAt),
        written: r.acceptedAt,
        referralId: r.id,
        title: 'Accepted: support started',
        lines: [],
      });
    }
    for (const c of contacts) {
      entries.push({
        key: `contact-${c.id}`,
        kind: 'contact',
        at: c.contactAt,
        order: orderOf(c.contactAt),
        written: c.recordedAt,
        referralId: r.id,
        title: `Contact: ${reference.label('contact_mode', c.mode)}, ${reference.label('contact_outcome', c.outcome).toLowerCase()}`,
        lines: [
          c.durationMinutes === null ? '' : plural(c.durationMinutes, 'minute', 'minutes'),
          c.locationType === null ? '' : `Where: ${reference.label('location_type', c.locationType)}`,
          c.contactType ?? '',
          c.notes ?? '',
        ].filter((l) => l !== ''),
      });
    }
    for (const s of signposts) {
      const onward = s.kind === 'onward_referral';
      entries.push({
        key: `signpost-${s.id}`,
        kind: 'signpost',
        at: s.signpostedOn,
        order: orderOf(s.signpostedOn, s.recordedAt),
        written: s.recordedAt,
        referralId: r.id,
        title: `${onward ? 'Onward referral' : 'Signposted'} to ${s.serviceName ?? serviceNames.get(s.serviceId ?? '') ?? 'a directory service'}`,
        lines: [
          s.reasonNeed === null ? '' : `For: ${reference.label('need', s.reasonNeed)}`,
          s.reasonText ?? '',
          `Attendance: ${reference.label('attendance', s.attendance).toLowerCase()}`,
          onward && s.response !== null ? `Service’s response: ${s.response}` : '',
        ].filter((l) => l !== ''),
      });
    }
    for (const g of plan.goals) {
      const need = plan.needs.find((n) => n.id === g.needId);
      entries.push({
        key: `goal-${g.id}`,
        kind: 'goal',
        at: g.agreedOn ?? g.recordedAt,
        order: orderOf(g.agreedOn ?? g.recordedAt, g.recordedAt),
        written: g.recordedAt,
        referralId: r.id,
        title: `Goal: ${g.description}`,
        lines: [
          `Status: ${reference.label('goal_status', g.status).toLowerCase()}`,
          need === undefined ? '' : `Need: ${reference.label('need', need.need)}`,
          g.importance === null ? '' : `Importance to the person: ${g.importance} out of 10`,
          g.reviewOn === null ? '' : `Review on ${g.reviewOn}`,
          ...g.actions.map(
            (a) => `Action: ${a.description} (${reference.label('action_status', a.status).toLowerCase()})`,
          ),
        ].filter((l) => l !== ''),
      });
    }
    for (const q of questionnaires) {
      const name = instruments.find((i) => i.id === q.instrumentId)?.name ?? q.instrumentId;
      const lines: string[] = [];
      if (q.scoreStatus === 'scored') {
        for (const s of q.scores) {
          lines.push(
            `${measureLabel(instruments, q.instrumentId, s.measure)}: ${formatScore(s.value)}${s.band === null ? '' : ` (${s.band})`}`,
          );
        }
      } else {
        lines.push('Not scored: some items were not answered');
      }
      for (const c of q.changes ?? []) {
        lines.push(
          `Change from baseline in ${measureLabel(instruments, q.instrumentId, c.measure)}: ${formatChange(c.change)} (${formatScore(c.baselineValue)} to ${formatScore(c.value)})${c.interpretation === null ? '' : `, ${INTERPRETATION_LABELS[c.interpretation]}`}`,
        );
      }
      entries.push({
        key: `questionnaire-${q.id}`,
        kind: 'questionnaire',
        at: q.administeredOn,
        order: orderOf(q.administeredOn, q.recordedAt),
        written: q.recordedAt,
        referralId: r.id,
        title: `${name} at ${reference.label('timepoint', q.timepoint).toLowerCase()}`,
        lines,
      });
    }
    if (r.closedAt !== null && r.status !== 'waiting' && r.status !== 'active') {
      entries.push({
        key: `closed-${r.id}`,
        kind: 'closed',
        at: r.closedAt,
        order: orderOf(r.closedAt),
        written: r.closedAt,
        referralId: r.id,
        title:
          r.status === 'discharged'
            ? `Discharged: ${reference.label('discharge_reason', r.dischargeReason).toLowerCase()}`
            : reference.label('referral_status', r.status),
        lines: [],
      });
    }
  }
  // Newest first; in the same minute, in reverse of the order things happen on a referral, then of
  // when they were written.
  return entries.sort((a, b) => {
    if (a.order !== b.order) return a.order < b.order ? 1 : -1;
    if (a.kind !== b.kind) return KIND_ORDER[b.kind] - KIND_ORDER[a.kind];
    return a.written === b.written ? 0 : a.written < b.written ? 1 : -1;
  });
}
