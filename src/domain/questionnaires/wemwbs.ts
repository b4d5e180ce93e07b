/**
 * WEMWBS: Warwick-Edinburgh Mental Wellbeing Scale (14 items), Linkwork definition 1.0.
 *
 * Sources (../shared/standards/instruments.md section 2): "The total score is obtained by summing the
 * score for each of the 14 items. The scoring range for each item is from 1 – 5 and the total score
 * is from 14-70" (https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto); item topics
 * and scale anchors from CamCOPS `server/camcops_server/tasks/wemwbs.py@032ae0a`; bands from a
 * secondary quotation of Warwick guidance (section 2.4); MID from Maheswaran et al. 2012 (HQLO
 * 10:156); reliability from Tennant et al. 2007 (HQLO 5:63).
 */
import type { InstrumentDefinition } from './instrument.js';
import { itemsOnScale } from './instrument.js';

/**
 * WEMWBS 1.0 (rules `wemwbs-1.0/sum-2007`): 14 items scored 1-5, total 14-70, all items required,
 * bands <=40 / 41-44 / 45-59 / >=60, MID 3 points, Cronbach's alpha 0.89. Wording is not shipped
 * (copyright NHS Health Scotland, University of Warwick and University of Edinburgh; registration
 * required): load licensed wording with `withWording`.
 */
export const WEMWBS: InstrumentDefinition = {
  id: 'wemwbs',
  version: '1.0',
  name: 'WEMWBS',
  rulesVersion: 'wemwbs-1.0/sum-2007',
  origin: 'built_in',
  items: itemsOnScale(
    [
      'Optimistic',
      'Useful',
      'Relaxed',
      'Interested in other people',
      'Energy to spare',
      'Dealing with problems well',
      'Thinking clearly',
      'Feeling good about myself',
      'Feeling close to others',
      'Confident',
      'Able to make up my own mind',
      'Feeling loved',
      'Interested in new things',
      'Cheerful',
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
    kind: 'sum',
    measure: {
      id: 'total',
      label: 'WEMWBS total',
      min: 14,
      max: 70,
      direction: 'higher_is_better',
      bands: [
        { min: 14, label: 'Probable depression' },
        { min: 41, label: 'Possible depression' },
        { min: 45, label: 'Average mental wellbeing' },
        { min: 60, label: 'High mental wellbeing' },
      ],
      bandSource:
        'Warwick guidance as quoted by a secondary source (http://handlebar-online.com/?p=278779); boundary 41-44 ' +
        'supported by Bianco 2012 (cut-off 43.5 against CES-D)',
      mid: {
        points: 3,
        source:
          'Maheswaran et al. 2012, HQLO 10:156 (SEM 2.4-3.1; 3 points is about 1 SEM; configurable default)',
      },
      reliability: {
        kind: 'coefficient',
        statistic: 'cronbach_alpha',
        value: 0.89,
        source:
          "Tennant et al. 2007, HQLO 5:63 (Cronbach's alpha 0.89 student sample, 0.91 population; lower used)",
      },
    },
  },
  missingData: { kind: 'complete' },
  licence: {
    note:
      'Jointly owned by NHS Health Scotland, the University of Warwick and the University of Edinburgh; free, ' +
      'registration required. Embedding the wording in open-source software is UNCONFIRMED, so it is not shipped.',
    wordingShipped: false,
  },
  source: {
    citation:
      'Tennant et al. 2007, HQLO 5:63, doi:10.1186/1477-7525-5-63; Warwick Medical School, "How to use WEMWBS"',
    url: 'https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto',
  },
  caveats: [
    'Bands come from a low-authority secondary quotation of Warwick guidance; the primary page was not retrieved.',
    'Missing data: no authoritative rule found; all 14 items are required (prorating would be a steering decision).',
    'MID: "a change of 3 to 8 points is meaningful" is UNCONFIRMED verbatim; 3 points (about 1 SEM) is the default.',
    'One-week test-retest ICC 0.83 is UNCONFIRMED; the lower published alpha (0.89) is used for reliable change.',
    'Scale labels: only the end points (1 none of the time, 5 all of the time) are confirmed.',
  ],
  alerts: [],
};
