/**
 * ONS4: the ONS personal well-being questions, Linkwork definition 1.0.
 *
 * Sources (../shared/standards/instruments.md section 1): wording from the GSS harmonised standard
 * (https://analysisfunction.civilservice.gov.uk/policy-store/personal-well-being/, 19 May 2020);
 * four items on 0-10 scales, reported separately with no composite score; thresholds from the ONS FOI
 * response "a set of annual UK SWB score distributions"
 * (/aboutus/transparencyandgovernance/freedomofinformationfoi/asetofannualukswbscoredistributions):
 * life satisfaction, worthwhile and happiness 0-4 low, 5-6 medium, 7-8 high, 9-10 very high; anxiety
 * (higher is worse) 0-1 very low, 2-3 low, 4-5 medium, 6-10 high.
 */
import type { Band, InstrumentDefinition, MeasureDefinition, PerItemMeasure } from './instrument.js';

const POSITIVE_BANDS: readonly Band[] = [
  { min: 0, label: 'Low' },
  { min: 5, label: 'Medium' },
  { min: 7, label: 'High' },
  { min: 9, label: 'Very high' },
];

const ANXIETY_BANDS: readonly Band[] = [
  { min: 0, label: 'Very low' },
  { min: 2, label: 'Low' },
  { min: 4, label: 'Medium' },
  { min: 6, label: 'High' },
];

const BAND_SOURCE =
  'ONS FOI response "a set of annual UK SWB score distributions"; ONS personal well-being QMI (thresholds)';

function measure(item: number, id: string, label: string, anxiety: boolean): PerItemMeasure {
  const common: MeasureDefinition = {
    id,
    label,
    min: 0,
    max: 10,
    direction: anxiety ? 'lower_is_better' : 'higher_is_better',
    bands: anxiety ? ANXIETY_BANDS : POSITIVE_BANDS,
    bandSource: BAND_SOURCE,
  };
  return { ...common, item };
}

/**
 * ONS4 1.0 (rules `ons4-1.0/ons-thresholds`): four items 0-10 reported as four measures
 * (`life_satisfaction`, `worthwhile`, `happiness`, `anxiety`) with the ONS bands, anxiety reversed
 * in direction and bands; no total. Each answered item is scored on its own (`per_measure`). Wording
 * is shipped (Crown copyright, Open Government Licence).
 */
export const ONS4: InstrumentDefinition = {
  id: 'ons4',
  version: '1.0',
  name: 'ONS4 personal well-being',
  rulesVersion: 'ons4-1.0/ons-thresholds',
  origin: 'built_in',
  items: [
    {
      number: 1,
      label: 'Life satisfaction',
      wording: 'Overall, how satisfied are you with your life nowadays?',
      scale: {
        min: 0,
        max: 10,
        labels: [
          { value: 0, label: 'Not at all satisfied' },
          { value: 10, label: 'Completely satisfied' },
        ],
      },
      reversed: false,
    },
    {
      number: 2,
      label: 'Worthwhile',
      wording: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
      scale: {
        min: 0,
        max: 10,
        labels: [
          { value: 0, label: 'Not at all' },
          { value: 10, label: 'Completely' },
        ],
      },
      reversed: false,
    },
    {
      number: 3,
      label: 'Happiness',
      wording: 'Overall, how happy did you feel yesterday?',
      scale: {
        min: 0,
        max: 10,
        labels: [
          { value: 0, label: 'Not at all' },
          { value: 10, label: 'Completely' },
        ],
      },
      reversed: false,
    },
    {
      number: 4,
      label: 'Anxiety',
      wording:
        "On a scale where nought is 'not at all anxious' and 10 is 'completely anxious', overall, how anxious " +
        'did you feel yesterday?',
      scale: {
        min: 0,
        max: 10,
        labels: [
          { value: 0, label: 'Not at all anxious' },
          { value: 10, label: 'Completely anxious' },
        ],
      },
      reversed: false,
    },
  ],
  scoring: {
    kind: 'per_item',
    measures: [
      measure(1, 'life_satisfaction', 'Life satisfaction', false),
      measure(2, 'worthwhile', 'Worthwhile', false),
      measure(3, 'happiness', 'Happiness', false),
      measure(4, 'anxiety', 'Anxiety', true),
    ],
  },
  missingData: { kind: 'per_measure' },
  licence: {
    note:
      'Crown copyright, reusable under the Open Government Licence. Attribution: "Source: Office for National ' +
      'Statistics licensed under the Open Government Licence v3.0" (v3.0 for this page is UNCONFIRMED). The ONS ' +
      'logo may not be reproduced.',
    wordingShipped: true,
  },
  source: {
    citation:
      'GSS harmonised standard "Personal well-being" (2019, 2020); ONS FOI "a set of annual UK SWB score ' +
      'distributions" (thresholds); ONS personal well-being QMI',
    url: 'https://analysisfunction.civilservice.gov.uk/policy-store/personal-well-being/',
  },
  caveats: [
    'There is no composite ONS4 score; each item is its own measure.',
    'Item non-response: each answered item is scored on its own (ONS reports per item); ONS handling is UNCONFIRMED.',
    'No published MID or reliability is recorded for the ONS4 items.',
    'The 0 and 10 anchors for worthwhile and happiness follow the 2020 introduction ("not at all", "completely").',
  ],
  alerts: [],
};
