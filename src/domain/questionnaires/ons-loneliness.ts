/**
 * ONS direct loneliness question ("How often do you feel lonely?"), Linkwork definition 1.0.
 *
 * Sources (../shared/standards/instruments.md section 4.2): part of the ONS/GSS national indicator of
 * loneliness with the UCLA-3
 * (https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/measuringlonelinessguidanceforuseofthenationalindicatorsonsurveys);
 * ONS reports the share who feel lonely "often" or "always"
 * (https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/bulletins/coronavirusandlonelinessgreatbritain/3aprilto3may2020).
 */
import type { InstrumentDefinition } from './instrument.js';

const OPTIONS = ['Never', 'Hardly ever', 'Occasionally', 'Some of the time', 'Often or always'] as const;

/**
 * ONS direct loneliness question 1.0 (rules `ons-loneliness-1.0/categories`): one categorical item
 * coded 1 (never) to 5 (often or always), reported as the measure `frequency` with the category as
 * its band; higher is lonelier. The response list and the numeric coding are Linkwork's (the ONS
 * list and codes are UNCONFIRMED).
 */
export const ONS_LONELINESS: InstrumentDefinition = {
  id: 'ons-loneliness',
  version: '1.0',
  name: 'ONS direct loneliness question',
  rulesVersion: 'ons-loneliness-1.0/categories',
  origin: 'built_in',
  items: [
    {
      number: 1,
      label: 'How often lonely',
      scale: { min: 1, max: 5, labels: OPTIONS.map((label, index) => ({ value: index + 1, label })) },
      reversed: false,
    },
  ],
  scoring: {
    kind: 'per_item',
    measures: [
      {
        item: 1,
        id: 'frequency',
        label: 'How often lonely',
        min: 1,
        max: 5,
        direction: 'lower_is_better',
        bands: OPTIONS.map((label, index) => ({ min: index + 1, label })),
        bandSource: 'The response category itself (ONS reports "often or always" as the headline share)',
      },
    ],
  },
  missingData: { kind: 'complete' },
  licence: {
    note:
      'GSS/ONS harmonised standard, Crown copyright under the Open Government Licence (likely). The exact ' +
      'wording is UNCONFIRMED, so only a short label is shipped.',
    wordingShipped: false,
  },
  source: {
    citation:
      'ONS, "Measuring loneliness: guidance for use of the national indicators on surveys" (2018); GSS loneliness ' +
      'harmonised standard',
    url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/measuringlonelinessguidanceforuseofthenationalindicatorsonsurveys',
  },
  caveats: [
    'The response list (often/always, some of the time, occasionally, hardly ever, never) and the wording "How often ' +
      'do you feel lonely?" are UNCONFIRMED (excerpt truncated).',
    "Numeric codes are Linkwork's (1 never to 5 often or always, so higher is lonelier like the UCLA-3); ONS codes " +
      'may differ. Treat the measure as ordinal (use Wilcoxon, not t).',
  ],
  alerts: [],
};
