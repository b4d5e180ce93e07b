import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { validateAction, validateCareNeed, validateGoal, type GoalInput } from './care-plan.js';

const codes = codeLookup({
  need: ['loneliness'],
  goal_status: ['agreed', 'achieved'],
  action_status: ['planned', 'done'],
});
const TODAY = '2025-06-01';
const referral = { referredAt: new Date('2025-05-01T09:00:00Z') };
const issuesOf = (r: { kind: string; issues?: readonly { path: string; rule: string }[] }): string[] =>
  (r.issues ?? []).map((i) => `${i.path}:${i.rule}`);

describe('validateCareNeed', () => {
  it('accepts a coded need with a description', () => {
    expect(validateCareNeed({ need: 'loneliness', description: ' Lives alone ' }, codes)).toEqual({
      kind: 'valid',
      value: { need: 'loneliness', description: 'Lives alone' },
    });
  });

  it('refuses a missing or unknown need and a long description', () => {
    expect(issuesOf(validateCareNeed({ need: '' }, codes))).toEqual(['need:required']);
    expect(issuesOf(validateCareNeed({ need: 'boredom', description: 'd'.repeat(501) }, codes))).toEqual([
      'need:unknown_code',
      'description:max_length',
    ]);
  });
});

describe('validateGoal', () => {
  const goal = (g: Partial<GoalInput>) =>
    validateGoal({ description: 'Join a walking group', ...g }, codes, TODAY, referral);

  it('accepts a minimal goal with the default status', () => {
    expect(goal({})).toEqual({
      kind: 'valid',
      value: {
        description: 'Join a walking group',
        needId: null,
        importance: null,
        status: 'agreed',
        agreedOn: null,
        reviewOn: null,
        achievedOn: null,
      },
    });
  });

  it('accepts a full goal', () => {
    expect(
      goal({
        needId: 'n',
        importance: 10,
        status: 'achieved',
        agreedOn: '2025-05-01',
        reviewOn: '2025-07-01',
        achievedOn: '2025-05-20',
      }),
    ).toMatchObject({ kind: 'valid', value: { needId: 'n', importance: 10, status: 'achieved' } });
  });

  it('refuses a missing description, importance outside 1-10, unknown status and bad dates', () => {
    expect(
      issuesOf(
        goal({
          description: ' ',
          importance: 11,
          status: 'dreaming',
          agreedOn: '2025-06-02',
          reviewOn: '2025-13-01',
          achievedOn: '2025-06-03',
        }),
      ),
    ).toEqual([
      'description:required',
      'importance:range',
      'status:unknown_code',
      'agreedOn:not_in_future',
      'reviewOn:date_format',
      'achievedOn:not_in_future',
    ]);
    expect(issuesOf(goal({ description: 'd'.repeat(501), importance: 1.5 }))).toEqual([
      'description:max_length',
      'importance:integer',
    ]);
  });

  it('refuses a goal agreed before the referral, and review or achievement before agreement', () => {
    expect(issuesOf(goal({ agreedOn: '2025-04-30' }))).toEqual(['agreedOn:not_before_referral']);
    expect(
      issuesOf(goal({ agreedOn: '2025-05-10', reviewOn: '2025-05-09', achievedOn: '2025-05-08' })),
    ).toEqual(['reviewOn:not_before_agreed', 'achievedOn:not_before_agreed']);
    expect(goal({ reviewOn: '2025-01-01', achievedOn: '2025-01-02' }).kind).toBe('valid');
  });
});

describe('validateAction', () => {
  it('accepts an action with the default status, and a full one', () => {
    expect(validateAction({ description: 'Phone the group leader' }, codes)).toEqual({
      kind: 'valid',
      value: {
        description: 'Phone the group leader',
        who: null,
        dueOn: null,
        status: 'planned',
        confidence: null,
      },
    });
    expect(
      validateAction(
        { description: 'Go along', who: 'Person', dueOn: '2030-01-01', status: 'done', confidence: 1 },
        codes,
      ),
    ).toMatchObject({
      kind: 'valid',
      value: { who: 'Person', dueOn: '2030-01-01', status: 'done', confidence: 1 },
    });
  });

  it('refuses a missing description, long who, bad date, unknown status and confidence outside 1-10', () => {
    expect(
      issuesOf(
        validateAction(
          { description: '', who: 'w'.repeat(151), dueOn: 'soon', status: 'maybe', confidence: 0 },
          codes,
        ),
      ),
    ).toEqual([
      'description:required',
      'who:max_length',
      'dueOn:date_format',
      'status:unknown_code',
      'confidence:range',
    ]);
  });
});
