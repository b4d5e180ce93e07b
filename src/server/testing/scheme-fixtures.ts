// Fixture ids for the scheme-mapping route samples: the fixture scheme's region and the
// organisations of its current version, so a sample can describe a valid new scheme or version.
// Registered in EXTRA_MAKERS by route-samples.ts. Types only from fixtures.ts (no import cycle).
import { listSchemeVersions } from '../../services/schemes/scheme-mapping.service.js';
import type { ExtraMaker } from './fixtures.js';

export const makeSchemeFixtures: ExtraMaker = async (h, set) => {
  const latest = (await listSchemeVersions(h.db.db, set.schemeId)).at(-1);
  if (latest === undefined) throw new Error(`fixture scheme ${set.schemeId} has no version`);
  const ids: Record<string, string> = { schemeRegionId: latest.regionId };
  for (const [role, org] of Object.entries(latest.organisations)) {
    if (org !== null) ids[`scheme_${role}`] = org.id;
  }
  const area = latest.coverage[0];
  if (area === undefined) throw new Error(`fixture scheme ${set.schemeId} covers nothing`);
  ids['scheme_coverage'] = area.id;
  return ids;
};

/** A description (as the API takes it) with the fixture scheme's organisations. */
export function sampleDescription(
  extra: Readonly<Record<string, string>>,
  validFrom: string,
): Record<string, unknown> {
  const org = (role: string): Record<string, string> => {
    const id = extra[`scheme_${role}`];
    return id === undefined ? {} : { [`${role}OrgId`]: id };
  };
  return {
    validFrom,
    voice: 'Sample: the scheme lead',
    checkedOn: '2025-06-01',
    tidier: { brief_name: 'Sample link-worker service', why: 'To reduce loneliness' },
    ...org('operator'),
    ...org('employer'),
    ...org('manager'),
    ...org('commissioner'),
    ...org('network'),
    coverageOrgIds: [extra['scheme_coverage'] ?? ''],
    ageRange: 'adults',
    specialism: 'generic',
    homeVisits: true,
  };
}
