/**
 * The per-region delivery-model report: how many PCNs (England) or HSCPs (Scotland) use each model,
 * and which schemes, counted as the study counts them (../shared/seed 4.1.2, Algorithm 1: "Of 64
 * PCNs examined, 6 used Model 1, 18 used Model 2, and 40 ... Model 3"). Pure: the service loads the
 * regions and the current scheme versions with their coverage.
 */
import type { OrgRef } from './delivery-model.js';
import type { ModelKey } from './variation-matrix.js';

/** The units the study counts models by (4.1: "143 PCNs ... and 10 HSCPs"). */
export const AREA_KINDS: readonly string[] = ['pcn', 'hscp'];

export interface ReportRegion {
  readonly id: string;
  readonly name: string;
  readonly nation: string;
}

/** One current scheme version with the organisations it covers. */
export interface ReportScheme {
  readonly regionId: string;
  readonly schemeId: string;
  readonly schemeName: string;
  /** Stored model code '1'..'4', or null (ambiguous or unclassified). */
  readonly model: string | null;
  readonly coverage: readonly OrgRef[];
}

export interface ModelUse {
  readonly model: ModelKey;
  /** Distinct PCNs/HSCPs served by the region's schemes of this model. */
  readonly areas: number;
  readonly schemes: readonly { readonly id: string; readonly name: string; readonly areas: number }[];
}

export interface RegionModelRow {
  readonly regionId: string;
  readonly regionName: string;
  readonly nation: string;
  /** 'PCN' in England, 'HSCP' in Scotland. */
  readonly areaLabel: 'PCN' | 'HSCP';
  /** Distinct PCNs/HSCPs served by any current scheme. */
  readonly areas: number;
  /** Models in use (1-4, then unclassified), only those with at least one scheme. */
  readonly models: readonly ModelUse[];
}

const MODEL_ORDER: readonly ModelKey[] = ['1', '2', '3', '4', 'unclassified'];
const keyOf = (model: string | null): ModelKey => MODEL_ORDER.find((m) => m === model) ?? 'unclassified';

/**
 * Counts, per region, the distinct PCNs/HSCPs served by current scheme versions of each delivery
 * model and lists the schemes (by name). A PCN served by schemes of two models counts under both,
 * as the study's counts would if that happened; `areas` counts each PCN/HSCP once.
 */
export function buildRegionModelReport(
  regions: readonly ReportRegion[],
  schemes: readonly ReportScheme[],
): RegionModelRow[] {
  return [...regions]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((region) => {
      const mine = schemes.filter((s) => s.regionId === region.id);
      const areaIds = (s: ReportScheme): string[] =>
        s.coverage.filter((o) => AREA_KINDS.includes(o.kind)).map((o) => o.id);
      const models = MODEL_ORDER.flatMap((model): ModelUse[] => {
        const using = mine
          .filter((s) => keyOf(s.model) === model)
          .sort((a, b) => a.schemeName.localeCompare(b.schemeName));
        if (using.length === 0) return [];
        const areas = new Set(using.flatMap(areaIds));
        return [
          {
            model,
            areas: areas.size,
            schemes: using.map((s) => ({
              id: s.schemeId,
              name: s.schemeName,
              areas: new Set(areaIds(s)).size,
            })),
          },
        ];
      });
      return {
        regionId: region.id,
        regionName: region.name,
        nation: region.nation,
        areaLabel: region.nation === 'scotland' ? 'HSCP' : 'PCN',
        areas: new Set(mine.flatMap(areaIds)).size,
        models,
      };
    });
}
