/** Evaluation statistics: pure functions over arrays returning `ok` or `insufficient_data`. */
export * from './descriptive.js';
export * from './distributions.js';
export * from './paired-change.js';
export * from './wilcoxon.js';
export * from './effect-size.js';
export * from './reliable-change.js';
export * from './two-group.js';
export * from './proportion.js';
export * from './disclosure.js';
