/**
 * UCLA 3-item loneliness scale (Hughes, Waite, Hawkley & Cacioppo 2004), Linkwork definition 1.0.
 *
 * Sources (../shared/standards/instruments.md section 4.1): Res Aging 26(6):655-672,
 * doi:10.1177/0164027504268574 (https://pmc.ncbi.nlm.nih.gov/articles/PMC2394670); response options
 * "Hardly ever or never / Some of the time / Often" scored 1-3 (GSS loneliness harmonised standard,
 * https://gss.civilservice.gov.uk/policy-store/loneliness-indicators/); total 3-9, higher is lonelier.
 */
import type { InstrumentDefinition } from './instrument.js';
import { itemsOnScale } from './instrument.js';

/**
 * UCLA-3 1.0 (rules `ucla3-1.0/sum-2004`): 3 items scored 1-3, total 3-9 (higher is lonelier), all
 * items required, no bands (published cut-offs are UNCONFIRMED). Short labels only; the wording in
 * the GSS standard can be loaded with `withWording`.
 */
export const UCLA3: InstrumentDefinition = {
  id: 'ucla3',
  version: '1.0',
  name: 'UCLA 3-item loneliness scale',
  rulesVersion: 'ucla3-1.0/sum-2004',
  origin: 'built_in',
  items: itemsOnScale(['Lack companionship', 'Feel left out', 'Feel isolated from others'], {
    min: 1,
    max: 3,
    labels: [
      { value: 1, label: 'Hardly ever or never' },
      { value: 2, label: 'Some of the time' },
      { value: 3, label: 'Often' },
    ],
  }),
  scoring: {
    kind: 'sum',
    measure: {
      id: 'total',
      label: 'UCLA-3 total',
      min: 3,
      max: 9,
      direction: 'lower_is_better',
      bands: [],
    },
  },
  missingData: { kind: 'complete' },
  licence: {
    note:
      'Published academic scale; its wording appears in the GSS loneliness harmonised standard. Copyright status ' +
      'is UNCONFIRMED, so only short labels are shipped.',
    wordingShipped: false,
  },
  source: {
    citation:
      'Hughes, Waite, Hawkley & Cacioppo 2004, "A Short Scale for Measuring Loneliness in Large Surveys", Res ' +
      'Aging 26(6):655-672, doi:10.1177/0164027504268574',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2394670',
  },
  caveats: [
    'Cut-offs (for example >= 6 lonely) are UNCONFIRMED; no band is applied.',
    'The 3-9 sum is stated by a secondary source; missing-data rule UNCONFIRMED, so all 3 items are required.',
  ],
  alerts: [],
};
