/**
 * SWEMWBS: Short Warwick-Edinburgh Mental Wellbeing Scale (7 items), Linkwork definition 1.0.
 *
 * Sources (../shared/standards/instruments.md section 3): scoring "by first summing the score for each
 * of the seven items and then transforming the total score ... according to a conversion table"
 * (Warwick guidance, https://warwick.ac.uk/fac/med/research/platform/wemwbs/researchers/guidance/);
 * the Rasch conversion table (raw 7-35 to metric scores) derives from Stewart-Brown et al. 2009,
 * HQLO 7:15, and is reproduced from three matching public copies (section 3.2).
 */
import type { InstrumentDefinition, LookupRow } from './instrument.js';
import { itemsOnScale } from './instrument.js';

/** The SWEMWBS raw-to-metric conversion table (all 29 rows, raw 7..35; instruments.md 3.2). */
export const SWEMWBS_CONVERSION: readonly LookupRow[] = [
  { raw: 7, value: 7.0 },
  { raw: 8, value: 9.51 },
  { raw: 9, value: 11.25 },
  { raw: 10, value: 12.4 },
  { raw: 11, value: 13.33 },
  { raw: 12, value: 14.08 },
  { raw: 13, value: 14.75 },
  { raw: 14, value: 15.32 },
  { raw: 15, value: 15.84 },
  { raw: 16, value: 16.36 },
  { raw: 17, value: 16.88 },
  { raw: 18, value: 17.43 },
  { raw: 19, value: 17.98 },
  { raw: 20, value: 18.59 },
  { raw: 21, value: 19.25 },
  { raw: 22, value: 19.98 },
  { raw: 23, value: 20.73 },
  { raw: 24, value: 21.54 },
  { raw: 25, value: 22.35 },
  { raw: 26, value: 23.21 },
  { raw: 27, value: 24.11 },
  { raw: 28, value: 25.03 },
  { raw: 29, value: 26.02 },
  { raw: 30, value: 27.03 },
  { raw: 31, value: 28.13 },
  { raw: 32, value: 29.31 },
  { raw: 33, value: 30.7 },
  { raw: 34, value: 32.55 },
  { raw: 35, value: 35.0 },
];

const SHAH_2018 =
  'Shah et al. 2018, HQLO 16:239, doi:10.1186/s12955-018-1060-2 (distribution-based: 1 SEM = 1.03 points)';

/**
 * SWEMWBS 1.0 (rules `swemwbs-1.0/rasch-2009`): 7 items scored 1-5, raw total 7-35 converted to the
 * metric score with the Rasch table; all items required; no published bands. Wording is not
 * shipped (copyright NHS Health Scotland, University of Warwick and University of Edinburgh;
 * registration required): load licensed wording with `withWording`.
 */
export const SWEMWBS: InstrumentDefinition = {
  id: 'swemwbs',
  version: '1.0',
  name: 'SWEMWBS',
  rulesVersion: 'swemwbs-1.0/rasch-2009',
  origin: 'built_in',
  items: itemsOnScale(
    [
      'Optimistic',
      'Useful',
      'Relaxed',
      'Dealing with problems well',
      'Thinking clearly',
      'Close to others',
      'Own mind',
    ],
    {
      min: 1,
      max: 5,
      labels: [
        { value: 1, label: 'None of the time' },
        { value: 5, label: 'All of the time' },
      ],
    },
  ),
  scoring: {
    kind: 'lookup',
    raw: {
      id: 'raw',
      label: 'SWEMWBS raw total',
      min: 7,
      max: 35,
      direction: 'higher_is_better',
      bands: [],
    },
    converted: {
      id: 'metric',
      label: 'SWEMWBS metric score',
      min: 7,
      max: 35,
      direction: 'higher_is_better',
      bands: [],
      mid: { points: 1.03, source: SHAH_2018 },
      reliability: { kind: 'sem', value: 1.03, source: SHAH_2018 },
    },
    table: SWEMWBS_CONVERSION,
  },
  missingData: { kind: 'complete' },
  licence: {
    note:
      'Free to use after registration with the owners; protected by copyright. Item wording is not shipped: ' +
      'deployers load their licensed wording as data (CORC, https://corc.uk.net/outcome-experience-measures/' +
      'short-warwick-edinburgh-mental-wellbeing-scale-swemwbs). Whether the conversion table is itself ' +
      'protected is UNCONFIRMED.',
    wordingShipped: false,
    copyrightNotice:
      'Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick ' +
      'and University of Edinburgh, 2008, all rights reserved.',
  },
  source: {
    citation:
      'Warwick Medical School, WEMWBS guidance (sum then convert); Stewart-Brown et al. 2009, HQLO 7:15 (Rasch ' +
      'analysis); conversion table from three matching public copies (Warwick primary UNCONFIRMED)',
    url: 'https://warwick.ac.uk/fac/med/research/platform/wemwbs/researchers/guidance/',
  },
  caveats: [
    'The Warwick primary copy of the conversion table was not read; the table matches three public copies.',
    'No official bands; none are applied.',
    'Missing data: no authoritative rule found; all 7 items are required (the table is defined only for whole raw totals).',
    'Whether the Shah 2018 SEM (1.03) is on the metric or raw scale is UNCONFIRMED; it is applied to the metric score.',
    'Scale labels: only the end points (1 none of the time, 5 all of the time) are confirmed.',
  ],
  alerts: [],
};
