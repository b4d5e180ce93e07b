/** Outcome instruments: definitions, the scoring engine, built-ins and the bespoke validator. */
export * from './instrument.js';
export * from './registry.js';
export * from './bespoke.js';
export { ONS4 } from './ons4.js';
export { WEMWBS } from './wemwbs.js';
export { SWEMWBS, SWEMWBS_CONVERSION } from './swemwbs.js';
export { UCLA3 } from './ucla3.js';
export { ONS_LONELINESS } from './ons-loneliness.js';
export { PHQ9 } from './phq9.js';
export { GAD7 } from './gad7.js';
