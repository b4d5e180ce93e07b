/**
 * Outcome instruments as data, and the one scoring engine every instrument goes through.
 *
 * An `InstrumentDefinition` says what the items are, how they are scored, how missing answers are
 * handled, how scores are interpreted (bands, minimal important difference, reliability) and where
 * each rule comes from. Built-in definitions live next to this file (one per instrument, listed in
 * registry.ts); services define their own as JSON checked by bespoke.ts. Both are scored here by
 * `scoreInstrument`, which never throws for a normal partial questionnaire: it returns `scored`,
 * `incomplete` or `invalid` (house style, convention 3).
 *
 * Facts and their sources: ../shared/standards/instruments.md; per-instrument summaries with
 * licences and rules: docs/instruments.md.
 */
import { DomainError, validationError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import { LIMITS } from '../limits.js';

/** Whether a higher score means better or worse (used by evaluation to orient change). */
export type Direction = 'higher_is_better' | 'lower_is_better';

/** A label for one response value, e.g. `{ value: 0, label: 'Not at all' }`. */
export interface ScaleLabel {
  readonly value: number;
  readonly label: string;
}

/** The integer response scale of one item, `min` to `max` inclusive, with any published labels. */
export interface ResponseScale {
  readonly min: number;
  readonly max: number;
  /** Labels for some or all values; only labels the instrument's source confirms are shipped. */
  readonly labels: readonly ScaleLabel[];
}

/** One question. `wording` is present only where the licence allows it or a deployer loaded it. */
export interface ItemDefinition {
  /** The item's number as printed on the instrument (unique within the instrument). */
  readonly number: number;
  /** A short neutral label, always safe to ship. */
  readonly label: string;
  readonly scale: ResponseScale;
  /** Reverse-scored items count as `min + max - answer`. */
  readonly reversed: boolean;
  readonly wording?: string;
}

/**
 * One interpretation band: the band starts at `min` (inclusive) and runs up to the next band's
 * `min` (exclusive); the last band runs to the measure's maximum. Lower thresholds rather than
 * closed ranges mean a band exists for every score, including prorated or mean (non-integer) ones.
 */
export interface Band {
  readonly min: number;
  readonly label: string;
}

/** A minimal important difference in score points, with where the figure comes from. */
export interface MinimalImportantDifference {
  readonly points: number;
  readonly source: string;
}

/**
 * The reliability figure used for the Jacobson-Truax reliable change index
 * (../shared/standards/instruments.md section 5.3): either a reliability coefficient (the SEM is then
 * `SD_baseline * sqrt(1 - r)` from the sample) or a published standard error of measurement.
 */
export type Reliability =
  | {
      readonly kind: 'coefficient';
      readonly statistic: 'cronbach_alpha' | 'test_retest';
      readonly value: number;
      readonly source: string;
    }
  | { readonly kind: 'sem'; readonly value: number; readonly source: string };

/**
 * One reported score of an instrument (`total`, `raw`, `metric`, or an ONS4 item such as
 * `anxiety`). Evaluation compares baseline with follow-up per instrument and measure, so each
 * measure carries its own range, direction, bands, MID and reliability.
 */
export interface MeasureDefinition {
  /** Stable id, stored with every score: lower snake case. */
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly direction: Direction;
  /** Ascending by `min`, the first at the measure's `min`; empty when no bands are published. */
  readonly bands: readonly Band[];
  readonly bandSource?: string;
  readonly mid?: MinimalImportantDifference;
  readonly reliability?: Reliability;
}

/** A measure that reports one item on its own (ONS4, single questions). */
export interface PerItemMeasure extends MeasureDefinition {
  readonly item: number;
}

/** One row of a conversion table: raw total to converted score. */
export interface LookupRow {
  readonly raw: number;
  readonly value: number;
}

/**
 * How answers become scores.
 * - `sum`: total of the (reverse-adjusted) items.
 * - `mean`: mean of the answered items.
 * - `per_item`: every item is its own measure; there is no total.
 * - `lookup`: sum to a raw total, then convert with a table (SWEMWBS Rasch metric scores).
 */
export type ScoringMethod =
  | { readonly kind: 'sum'; readonly measure: MeasureDefinition }
  | { readonly kind: 'mean'; readonly measure: MeasureDefinition }
  | { readonly kind: 'per_item'; readonly measures: readonly PerItemMeasure[] }
  | {
      readonly kind: 'lookup';
      readonly raw: MeasureDefinition;
      readonly converted: MeasureDefinition;
      readonly table: readonly LookupRow[];
    };

/**
 * What to do with unanswered items.
 * - `complete`: every item is required; otherwise the result is `incomplete`.
 * - `prorate` (sum and mean only): up to `maxMissing` items may be missing; a sum is then the mean
 *   of the answered items times the number of items (not rounded), a mean is the mean of the
 *   answered items.
 * - `per_measure` (per_item only): each answered item is scored on its own; `incomplete` only when
 *   nothing was answered.
 */
export type MissingDataRule =
  | { readonly kind: 'complete' }
  | { readonly kind: 'prorate'; readonly maxMissing: number }
  | { readonly kind: 'per_measure' };

/** The licence position for the instrument and its wording. */
export interface Licence {
  readonly note: string;
  /** True when the definition ships item wording because the licence allows it. */
  readonly wordingShipped: boolean;
  /** A notice that must be shown wherever the instrument is presented. */
  readonly copyrightNotice?: string;
}

/** The citation for the instrument's scoring rules. */
export interface SourceCitation {
  readonly citation: string;
  readonly url?: string;
}

/**
 * A safety prompt raised when an item is answered at or above a value (for example PHQ-9 item 9).
 * Alerts are not scores: they are returned beside the result so a worker can follow up.
 */
export interface AlertRule {
  readonly item: number;
  readonly atLeast: number;
  readonly code: string;
  readonly message: string;
}

/** A complete, validated instrument definition. */
export interface InstrumentDefinition {
  /** Stable id, lower case with hyphens or underscores, e.g. `swemwbs`. */
  readonly id: string;
  /** Version of this definition in Linkwork, e.g. `1.0`. */
  readonly version: string;
  readonly name: string;
  /**
   * Identifies the scoring rules, stored with every score, e.g. `swemwbs-1.0/rasch-2009`. It changes
   * whenever anything that can change a score or a band changes.
   */
  readonly rulesVersion: string;
  readonly origin: 'built_in' | 'bespoke';
  readonly items: readonly ItemDefinition[];
  readonly scoring: ScoringMethod;
  readonly missingData: MissingDataRule;
  readonly licence: Licence;
  readonly source: SourceCitation;
  /** Facts the sources did not confirm, and choices Linkwork made in their absence. */
  readonly caveats: readonly string[];
  readonly alerts: readonly AlertRule[];
}

/** One answer: an integer on the item's scale, or `null`/`undefined` when not answered. */
export type AnswerValue = number | null | undefined;

/** Answers in the order of `definition.items` (answers[0] answers the first item). */
export type Answers = readonly AnswerValue[];

/** One score of one measure, with its band when the measure has bands. */
export interface MeasureScore {
  readonly measure: string;
  readonly value: number;
  readonly band?: string;
}

/** Why one answer cannot be scored. `position` is 1-based in the answers list. */
export interface InvalidAnswer {
  readonly position: number;
  /** The item number, absent when there are more answers than items. */
  readonly item?: number;
  readonly value: number;
  readonly rule: 'integer' | 'out_of_range' | 'unexpected_answer';
  readonly message: string;
}

/** An alert rule that fired for these answers. */
export interface RaisedAlert {
  readonly code: string;
  readonly item: number;
  readonly message: string;
}

interface ResultBase {
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly rulesVersion: string;
}

/** The outcome of scoring one questionnaire. Never thrown: partial answers are a normal case. */
export type ScoreResult =
  | (ResultBase & {
      readonly kind: 'scored';
      readonly scores: readonly MeasureScore[];
      /** Items left unanswered but allowed by the missing-data rule (prorated or per measure). */
      readonly missingItems: readonly number[];
      readonly alerts: readonly RaisedAlert[];
    })
  | (ResultBase & {
      readonly kind: 'incomplete';
      readonly missingItems: readonly number[];
      readonly rule: MissingDataRule;
      readonly message: string;
      readonly alerts: readonly RaisedAlert[];
    })
  | (ResultBase & {
      readonly kind: 'invalid';
      readonly issues: readonly InvalidAnswer[];
    });

/**
 * Lists the measures an instrument reports, in the order `scoreInstrument` returns them
 * (`lookup`: raw then converted). Use it to find a measure's direction, MID and reliability.
 */
export function measuresOf(definition: InstrumentDefinition): readonly MeasureDefinition[] {
  const scoring = definition.scoring;
  switch (scoring.kind) {
    case 'sum':
    case 'mean':
      return [scoring.measure];
    case 'per_item':
      return scoring.measures;
    case 'lookup':
      return [scoring.raw, scoring.converted];
  }
}

/** Finds one measure of an instrument by id. */
export function findMeasure(
  definition: InstrumentDefinition,
  measureId: string,
): MeasureDefinition | undefined {
  return measuresOf(definition).find((m) => m.id === measureId);
}

/**
 * The band label for a score: the last band whose `min` is at or below the score (see `Band`).
 * Returns undefined when the measure has no bands.
 */
export function bandFor(measure: MeasureDefinition, value: number): string | undefined {
  let label: string | undefined;
  for (const band of measure.bands) {
    if (value < band.min) break;
    label = band.label;
  }
  return label;
}

/** The value an answer contributes after reverse scoring (`min + max - answer` when reversed). */
export function itemValue(item: ItemDefinition, answer: number): number {
  return item.reversed ? item.scale.min + item.scale.max - answer : answer;
}

function scoreOf(measure: MeasureDefinition, value: number): MeasureScore {
  const band = bandFor(measure, value);
  return band === undefined ? { measure: measure.id, value } : { measure: measure.id, value, band };
}

function checkAnswers(definition: InstrumentDefinition, answers: Answers): InvalidAnswer[] {
  const issues: InvalidAnswer[] = [];
  answers.forEach((answer, index) => {
    if (answer === null || answer === undefined) return;
    const item = definition.items[index];
    const position = index + 1;
    if (item === undefined) {
      issues.push({
        position,
        value: answer,
        rule: 'unexpected_answer',
        message: `answer ${position} has no item: ${definition.name} has ${definition.items.length} items`,
      });
    } else if (!Number.isInteger(answer)) {
      issues.push({
        position,
        item: item.number,
        value: answer,
        rule: 'integer',
        message: `item ${item.number} must be a whole number from ${item.scale.min} to ${item.scale.max}`,
      });
    } else if (answer < item.scale.min || answer > item.scale.max) {
      issues.push({
        position,
        item: item.number,
        value: answer,
        rule: 'out_of_range',
        message: `item ${item.number} must be from ${item.scale.min} to ${item.scale.max}, got ${answer}`,
      });
    }
  });
  return issues;
}

function raisedAlerts(
  definition: InstrumentDefinition,
  answered: ReadonlyMap<number, number>,
): RaisedAlert[] {
  const raised: RaisedAlert[] = [];
  for (const rule of definition.alerts) {
    const answer = answered.get(rule.item);
    if (answer !== undefined && answer >= rule.atLeast) {
      raised.push({ code: rule.code, item: rule.item, message: rule.message });
    }
  }
  return raised;
}

function lookupValue(table: readonly LookupRow[], raw: number, definition: InstrumentDefinition): number {
  const row = table.find((r) => r.raw === raw);
  if (row === undefined) {
    // Unreachable for validated definitions (bespoke.ts checks table coverage; built-in tests too).
    throw new DomainError('internal_error', `${definition.rulesVersion}: no conversion for raw total ${raw}`);
  }
  return row.value;
}

/**
 * Scores one questionnaire with the instrument's own rules (any built-in or validated bespoke
 * definition; the rules and their sources are on the definition and in docs/instruments.md).
 *
 * `answers` are in item order; `null` or `undefined` (or a short list) means not answered. The
 * result is `invalid` when any answer is not an integer on its item's scale or there are more
 * answers than items, `incomplete` when the missing-data rule cannot be met, and `scored`
 * otherwise, with every score carrying the definition's `rulesVersion`.
 */
export function scoreInstrument(definition: InstrumentDefinition, answers: Answers): ScoreResult {
  const base: ResultBase = {
    instrumentId: definition.id,
    instrumentVersion: definition.version,
    rulesVersion: definition.rulesVersion,
  };
  const issues = checkAnswers(definition, answers);
  if (issues.length > 0) return { kind: 'invalid', ...base, issues };

  // Raw answers (for alerts) and reverse-adjusted values (for scores) of the answered items.
  const answered = new Map<number, number>();
  const adjusted = new Map<number, number>();
  const missingItems: number[] = [];
  definition.items.forEach((item, index) => {
    const answer = answers[index];
    if (answer === null || answer === undefined) {
      missingItems.push(item.number);
    } else {
      answered.set(item.number, answer);
      adjusted.set(item.number, itemValue(item, answer));
    }
  });
  const alerts = raisedAlerts(definition, answered);
  const count = definition.items.length;

  const rule = definition.missingData;
  const incomplete = (message: string): ScoreResult => ({
    kind: 'incomplete',
    ...base,
    missingItems,
    rule,
    message,
    alerts,
  });
  switch (rule.kind) {
    case 'complete':
      if (missingItems.length > 0) {
        return incomplete(`${definition.name} is scored only when all ${count} items are answered`);
      }
      break;
    case 'prorate':
      if (missingItems.length > rule.maxMissing || answered.size === 0) {
        return incomplete(
          `${definition.name} allows at most ${rule.maxMissing} missing items; ${missingItems.length} are missing`,
        );
      }
      break;
    case 'per_measure':
      if (answered.size === 0) return incomplete(`no item of ${definition.name} was answered`);
      break;
  }

  let total = 0;
  for (const value of adjusted.values()) total += value;

  const scoring = definition.scoring;
  let scores: MeasureScore[];
  switch (scoring.kind) {
    case 'sum':
      scores = [scoreOf(scoring.measure, (total * count) / adjusted.size)];
      break;
    case 'mean':
      scores = [scoreOf(scoring.measure, total / adjusted.size)];
      break;
    case 'per_item':
      scores = [];
      for (const measure of scoring.measures) {
        const value = adjusted.get(measure.item);
        if (value !== undefined) scores.push(scoreOf(measure, value));
      }
      break;
    case 'lookup':
      scores = [
        scoreOf(scoring.raw, total),
        scoreOf(scoring.converted, lookupValue(scoring.table, total, definition)),
      ];
      break;
  }
  return { kind: 'scored', ...base, scores, missingItems, alerts };
}

/**
 * Returns a copy of a definition with licensed item wording attached (for instruments whose
 * wording Linkwork does not ship, such as WEMWBS and SWEMWBS: an administrator loads wording they
 * are licensed to use as data). Items not in `wordingByItem` keep their current wording.
 *
 * Throws a `validation_failed` DomainError naming each key that is not an item number or whose
 * wording is empty or longer than LIMITS.noteText: a wording file is configuration, and a mistake
 * in it must not pass unnoticed.
 */
export function withWording(
  definition: InstrumentDefinition,
  wordingByItem: ReadonlyMap<number, string> | Readonly<Record<number, string>>,
): InstrumentDefinition {
  const entries: [string, unknown][] =
    wordingByItem instanceof Map
      ? [...(wordingByItem as ReadonlyMap<number, string>).entries()].map(([k, v]) => [String(k), v])
      : Object.entries(wordingByItem);
  const issues: FieldIssue[] = [];
  const wording = new Map<number, string>();
  const numbers = new Set(definition.items.map((i) => i.number));
  for (const [key, text] of entries) {
    const path = `wording[${key}]`;
    const itemNumber = Number(key);
    if (!numbers.has(itemNumber)) {
      issues.push({ path, rule: 'unknown_item', message: `${definition.name} has no item ${key}` });
    } else if (typeof text !== 'string' || text.trim() === '') {
      issues.push({ path, rule: 'required', message: 'wording must be a non-empty string' });
    } else if (text.length > LIMITS.noteText) {
      issues.push({
        path,
        rule: 'max_length',
        message: `wording must be at most ${LIMITS.noteText} characters`,
      });
    } else {
      wording.set(itemNumber, text);
    }
  }
  if (issues.length > 0) throw validationError(issues);
  return {
    ...definition,
    items: definition.items.map((item) => {
      const text = wording.get(item.number);
      return text === undefined ? item : { ...item, wording: text };
    }),
  };
}

/**
 * Builds items numbered 1..n that share one response scale and are not reverse-scored, from their
 * short labels (a convenience for built-in definitions).
 */
export function itemsOnScale(labels: readonly string[], scale: ResponseScale): readonly ItemDefinition[] {
  return labels.map((label, index) => ({ number: index + 1, label, scale, reversed: false }));
}
