/**
 * GAD-7: Generalized Anxiety Disorder scale (Spitzer, Kroenke, Williams & Löwe 2006), Linkwork
 * definition 1.0.
 *
 * Sources (../shared/standards/instruments.md section 4.5): Arch Intern Med 166:1092-1097; 7 items
 * scored 0-3, total 0-21; "Scores of 5, 10, and 15 represent cut points for mild, moderate, and
 * severe anxiety" (quoted by https://scales.arabpsychology.com/index.php/s/gad-7-anxiety-severity/ and
 * https://www.mrcpsych.uk/search/label/GAD-7); band labels from the PHQ/GAD-7 instruction text
 * (https://form.jotform.com/221654279772061).
 */
import type { InstrumentDefinition } from './instrument.js';
import { itemsOnScale } from './instrument.js';

/**
 * GAD-7 1.0 (rules `gad7-1.0/sum-2006`): 7 items scored 0-3, total 0-21, all items required, bands
 * 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
 */
export const GAD7: InstrumentDefinition = {
  id: 'gad7',
  version: '1.0',
  name: 'GAD-7',
  rulesVersion: 'gad7-1.0/sum-2006',
  origin: 'built_in',
  items: itemsOnScale(
    [
      'Nervous, anxious or on edge',
      'Unable to stop or control worrying',
      'Worrying too much',
      'Trouble relaxing',
      'Restlessness',
      'Easily annoyed or irritable',
      'Feeling afraid',
    ],
    {
      min: 0,
      max: 3,
      labels: [
        { value: 0, label: 'Not at all' },
        { value: 3, label: 'Nearly every day' },
      ],
    },
  ),
  scoring: {
    kind: 'sum',
    measure: {
      id: 'total',
      label: 'GAD-7 total',
      min: 0,
      max: 21,
      direction: 'lower_is_better',
      bands: [
        { min: 0, label: 'Minimal' },
        { min: 5, label: 'Mild' },
        { min: 10, label: 'Moderate' },
        { min: 15, label: 'Severe' },
      ],
      bandSource: 'Spitzer et al. 2006 (cut points 5, 10, 15), as quoted by secondary sources',
    },
  },
  missingData: { kind: 'complete' },
  licence: {
    note:
      'Same PHQ family as the PHQ-9 (no permission required is believed; confirmation against phqscreeners.com ' +
      'is UNCONFIRMED). Short labels are shipped; wording can be loaded with withWording.',
    wordingShipped: false,
  },
  source: {
    citation:
      'Spitzer, Kroenke, Williams & Löwe 2006, "A brief measure for assessing generalized anxiety disorder: the ' +
      'GAD-7", Arch Intern Med 166:1092-1097',
  },
  caveats: [
    'Sources for the cut points are secondary quotations of the paper and the instrument instructions.',
    'Missing-data rule UNCONFIRMED; all 7 items are required.',
    'NHS Talking Therapies caseness (>= 8) and reliable change (>= 4) are UNCONFIRMED; no MID or reliability is set.',
    'Scale end-point labels are assumed to match the PHQ-9 (same family); item labels are Linkwork short labels.',
  ],
  alerts: [],
};
