/**
 * The built-in outcome instruments (issue #4), in the order `linkwork score --list` shows them.
 * Each definition cites its sources; docs/instruments.md summarises them.
 */
import type { InstrumentDefinition } from './instrument.js';
import { GAD7 } from './gad7.js';
import { ONS4 } from './ons4.js';
import { ONS_LONELINESS } from './ons-loneliness.js';
import { PHQ9 } from './phq9.js';
import { SWEMWBS } from './swemwbs.js';
import { UCLA3 } from './ucla3.js';
import { WEMWBS } from './wemwbs.js';

/** Every built-in instrument: ONS4, WEMWBS, SWEMWBS, UCLA-3, ONS loneliness, PHQ-9, GAD-7. */
export const BUILT_IN_INSTRUMENTS: readonly InstrumentDefinition[] = [
  ONS4,
  WEMWBS,
  SWEMWBS,
  UCLA3,
  ONS_LONELINESS,
  PHQ9,
  GAD7,
];

/** Finds a built-in instrument by id (case-insensitive), or undefined. */
export function findBuiltInInstrument(id: string): InstrumentDefinition | undefined {
  const wanted = id.trim().toLowerCase();
  return BUILT_IN_INSTRUMENTS.find((d) => d.id === wanted);
}
