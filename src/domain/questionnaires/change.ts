/**
 * Change from baseline for one person's questionnaires on one referral: each follow-up score
 * (any time point other than `baseline`) compared with the baseline score of the same instrument
 * and measure. Whether a change matters is read against the measure's minimal important
 * difference (MID) in the direction the measure counts as better (instrument.ts; sources in
 * docs/instruments.md). Evaluation across people (paired change, RCI) is in src/domain/evaluation.
 */
import type { Direction, MeasureDefinition } from './instrument.js';

export interface ResponseScores {
  readonly id: string;
  readonly instrumentId: string;
  readonly timepoint: string;
  /** YYYY-MM-DD. */
  readonly administeredOn: string;
  readonly scores: readonly { readonly measure: string; readonly value: number }[];
}

/** `improved`/`deteriorated`: the change reaches the MID in that direction; null: no MID known. */
export type ChangeInterpretation = 'improved' | 'deteriorated' | 'no_important_change';

export interface MeasureChange {
  readonly measure: string;
  readonly baselineResponseId: string;
  readonly baselineValue: number;
  readonly value: number;
  /** Follow-up minus baseline, in score points (rounded to 6 decimals to drop float noise). */
  readonly change: number;
  readonly direction: Direction | null;
  readonly interpretation: ChangeInterpretation | null;
}

const BASELINE = 'baseline';

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Reads a change against a measure's direction and MID (null when either is unknown). */
export function interpretChange(
  measure: MeasureDefinition | undefined,
  change: number,
): ChangeInterpretation | null {
  if (measure?.mid === undefined) return null;
  const better = measure.direction === 'higher_is_better' ? change : -change;
  if (better >= measure.mid.points) return 'improved';
  if (better <= -measure.mid.points) return 'deteriorated';
  return 'no_important_change';
}

/**
 * For every follow-up response, the change of each of its scores from the baseline. The baseline
 * for an instrument and measure is the earliest `baseline` response (by `administeredOn`, then id)
 * that has a score for that measure; a follow-up score with no such baseline gets no change.
 * Returns follow-up response id -> changes, in the order of the response's scores. `measureOf`
 * looks up a measure's definition (for direction and MID); unknown measures get nulls there.
 */
export function changesFromBaseline(
  responses: readonly ResponseScores[],
  measureOf: (instrumentId: string, measure: string) => MeasureDefinition | undefined,
): ReadonlyMap<string, readonly MeasureChange[]> {
  const baselines = [...responses]
    .filter((r) => r.timepoint === BASELINE)
    .sort((a, b) =>
      a.administeredOn === b.administeredOn
        ? a.id.localeCompare(b.id)
        : a.administeredOn.localeCompare(b.administeredOn),
    );
  const baselineFor = new Map<string, { id: string; value: number }>();
  for (const b of baselines) {
    for (const s of b.scores) {
      const key = `${b.instrumentId}\u0000${s.measure}`;
      if (!baselineFor.has(key)) baselineFor.set(key, { id: b.id, value: s.value });
    }
  }
  const out = new Map<string, MeasureChange[]>();
  for (const r of responses) {
    if (r.timepoint === BASELINE) continue;
    const changes: MeasureChange[] = [];
    for (const s of r.scores) {
      const base = baselineFor.get(`${r.instrumentId}\u0000${s.measure}`);
      if (base === undefined) continue;
      const definition = measureOf(r.instrumentId, s.measure);
      const change = round6(s.value - base.value);
      changes.push({
        measure: s.measure,
        baselineResponseId: base.id,
        baselineValue: base.value,
        value: s.value,
        change,
        direction: definition?.direction ?? null,
        interpretation: interpretChange(definition, change),
      });
    }
    out.set(r.id, changes);
  }
  return out;
}
