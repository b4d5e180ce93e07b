// Domain read models of scheme mapping as API responses.
import type { z } from 'zod';
import type { Classification } from '../../domain/schemes/delivery-model.js';
import type { SchemeVersionView } from '../../domain/schemes/scheme-description.js';
import type { ImportResult } from '../../services/schemes/scheme-csv.service.js';
import type { DescribedScheme, SchemeSummary } from '../../services/schemes/scheme-mapping.service.js';
import type {
  DescribedSchemeSchema,
  ImportResultSchema,
  SchemeSchema,
  SchemeSummarySchema,
  SchemeVersionSchema,
} from './scheme.schema.js';

export function presentSchemeSummary(s: SchemeSummary): z.infer<typeof SchemeSummarySchema> {
  return {
    id: s.schemeId,
    name: s.schemeName,
    regionId: s.regionId,
    regionName: s.regionName,
    nation: s.nation,
    versionNo: s.versionNo,
    validFrom: s.validFrom,
    validTo: s.validTo,
    deliveryModel: s.deliveryModel,
    deliveryModelReason: s.deliveryModelReason,
    coverageCount: s.coverage,
  };
}

export function presentVersion(v: SchemeVersionView): z.infer<typeof SchemeVersionSchema> {
  const r = v.record;
  return {
    versionId: v.versionId,
    versionNo: v.versionNo,
    validFrom: r.validFrom,
    validTo: v.validTo,
    voice: r.voice,
    checkedOn: r.checkedOn,
    tidier: { ...r.tidier },
    organisations: v.organisations,
    coverage: [...v.coverage],
    attributes: {
      ageRange: r.ageRange,
      minAge: r.minAge,
      maxAge: r.maxAge,
      specialism: r.specialism,
      sessionCap: r.sessionCap,
      sessionCapMode: r.sessionCapMode,
      keepsAtRisk: r.keepsAtRisk,
      rereferralPolicy: r.rereferralPolicy,
      rereferralMinDays: r.rereferralMinDays,
      accompaniesFirstMeeting: r.accompaniesFirstMeeting,
      homeVisits: r.homeVisits,
      acceptedRoutes: [...r.acceptedRoutes],
      priorityGroups: [...r.priorityGroups],
      exclusionCriteria: [...r.exclusionCriteria],
      exclusionNotes: r.exclusionNotes,
      dataSystems: [...r.dataSystems],
      dataRecorded: [...r.dataRecorded],
      outcomeTools: [...r.outcomeTools],
      outcomeToolConsistency: r.outcomeToolConsistency,
      fundingSources: [...r.fundingSources],
    },
    deliveryModel: v.deliveryModel,
    deliveryModelReason: v.deliveryModelReason,
  };
}

/** A scheme with every version, oldest first; `current` is the version in force today (else the latest). */
export function presentScheme(
  versions: readonly SchemeVersionView[],
  current: SchemeVersionView,
): z.infer<typeof SchemeSchema> {
  return {
    id: current.schemeId,
    name: current.schemeName,
    regionId: current.regionId,
    regionName: current.regionName,
    nation: current.nation,
    currentVersionNo: current.versionNo,
    versions: versions.map(presentVersion),
  };
}

export function presentClassification(
  c: Classification,
): z.infer<typeof DescribedSchemeSchema>['classification'] {
  switch (c.kind) {
    case 'classified':
      return {
        kind: c.kind,
        model: c.model,
        candidates: [c.model],
        reason: c.reason,
        rules: c.rules.map((r) => ({ ...r })),
      };
    case 'ambiguous':
      return { kind: c.kind, model: null, candidates: [...c.candidates], reason: c.reason, rules: [] };
    case 'unclassified':
      return { kind: c.kind, model: null, candidates: [], reason: c.reason, rules: [] };
  }
}

export function presentDescribed(
  d: DescribedScheme,
  summary: { readonly model: number | null; readonly reason: string },
): z.infer<typeof DescribedSchemeSchema> {
  return {
    schemeId: d.schemeId,
    createdScheme: d.createdScheme,
    versionId: d.versionId,
    versionNo: d.versionNo,
    validFrom: d.validFrom,
    previous: d.previous,
    deliveryModel: summary.model === null ? null : String(summary.model),
    deliveryModelReason: summary.reason,
    classification: presentClassification(d.classification),
  };
}

export function presentImport(r: ImportResult): z.infer<typeof ImportResultSchema> {
  const rows = r.rows.map((row) => ({ ...row, notes: [...row.notes], issues: [...row.issues] }));
  return {
    dryRun: r.dryRun,
    summary: { rows: rows.length, ...r.counts },
    rows,
    rejected: rows.filter((row) => row.status === 'rejected'),
  };
}
