/**
 * PHQ-9: Patient Health Questionnaire depression module (Kroenke, Spitzer & Williams 2001),
 * Linkwork definition 1.0.
 *
 * Sources (../shared/standards/instruments.md section 4.4): J Gen Intern Med 16:606-613
 * (https://pmc.ncbi.nlm.nih.gov/articles/PMC1495268/): 9 items scored 0 ("not at all") to 3
 * ("nearly every day"), total 0-27; "PHQ-9 scores of 5, 10, 15, and 20 represented mild, moderate,
 * moderately severe, and severe depression". Band labels from Inspiring Impact
 * (https://www.inspiringimpact.org/resource-hub/patient-health-questionnaire-phq-9/).
 */
import type { InstrumentDefinition } from './instrument.js';
import { itemsOnScale } from './instrument.js';

/**
 * PHQ-9 1.0 (rules `phq9-1.0/sum-2001`): 9 items scored 0-3, total 0-27, all items required, bands
 * 0-4 none/minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe. Item 9 (thoughts
 * of self-harm) answered above 0 raises the `phq9_item9_positive` alert.
 */
export const PHQ9: InstrumentDefinition = {
  id: 'phq9',
  version: '1.0',
  name: 'PHQ-9',
  rulesVersion: 'phq9-1.0/sum-2001',
  origin: 'built_in',
  items: itemsOnScale(
    [
      'Interest or pleasure',
      'Low mood',
      'Sleep',
      'Tiredness or energy',
      'Appetite',
      'Feeling bad about oneself',
      'Concentration',
      'Moving or speaking slowly, or restlessness',
      'Thoughts of self-harm',
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
      label: 'PHQ-9 total',
      min: 0,
      max: 27,
      direction: 'lower_is_better',
      bands: [
        { min: 0, label: 'None or minimal' },
        { min: 5, label: 'Mild' },
        { min: 10, label: 'Moderate' },
        { min: 15, label: 'Moderately severe' },
        { min: 20, label: 'Severe' },
      ],
      bandSource: 'Kroenke, Spitzer & Williams 2001 (cut points 5, 10, 15, 20); labels from Inspiring Impact',
    },
  },
  missingData: { kind: 'complete' },
  licence: {
    note:
      '"No permission is required to reproduce, translate, display or distribute the PHQ-9" (Inspiring Impact; ' +
      'the phqscreeners.com primary statement is UNCONFIRMED). Wording is not in the verified standards, so ' +
      'short labels are shipped and wording can be loaded with withWording.',
    wordingShipped: false,
  },
  source: {
    citation:
      'Kroenke, Spitzer & Williams 2001, "The PHQ-9: validity of a brief depression severity measure", J Gen ' +
      'Intern Med 16:606-613',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC1495268/',
  },
  caveats: [
    'Missing-data rule UNCONFIRMED; all 9 items are required.',
    'NHS Talking Therapies caseness (>= 10) and reliable change (>= 6) are UNCONFIRMED; no MID or reliability is set.',
    'Item labels are Linkwork short labels for the nine symptom items, not the instrument wording.',
  ],
  alerts: [
    {
      item: 9,
      atLeast: 1,
      code: 'phq9_item9_positive',
      message:
        'PHQ-9 item 9 (thoughts of self-harm) was answered above 0: follow up (secondary source: calcipedia)',
    },
  ],
};
