// The only way instruments and questionnaire responses leave the server: these fields, and no others.
// Item wording goes out only where the definition carries it (shipped under its licence, or loaded).
import { measuresOf, type InstrumentDefinition } from '../../domain/questionnaires/instrument.js';
import type {
  QuestionnaireResponse,
  ResponseWithChange,
  WrittenResponse,
} from '../../services/casework/questionnaires.service.js';
import type { InstrumentRes, QuestionnaireResponseRes } from './questionnaire.schema.js';

export function presentInstrument(d: InstrumentDefinition): InstrumentRes {
  return {
    id: d.id,
    version: d.version,
    name: d.name,
    rulesVersion: d.rulesVersion,
    origin: d.origin,
    items: d.items.map((i) => ({
      number: i.number,
      label: i.label,
      scale: {
        min: i.scale.min,
        max: i.scale.max,
        labels: i.scale.labels.map((l) => ({ value: l.value, label: l.label })),
      },
      reversed: i.reversed,
      wording: i.wording ?? null,
    })),
    measures: measuresOf(d).map((m) => ({
      id: m.id,
      label: m.label,
      min: m.min,
      max: m.max,
      direction: m.direction,
      item: 'item' in m && typeof m.item === 'number' ? m.item : null,
      bands: m.bands.map((b) => ({ min: b.min, label: b.label })),
      bandSource: m.bandSource ?? null,
      mid: m.mid === undefined ? null : { points: m.mid.points, source: m.mid.source },
    })),
    missingData: {
      kind: d.missingData.kind,
      maxMissing: d.missingData.kind === 'prorate' ? d.missingData.maxMissing : null,
    },
    alerts: d.alerts.map((a) => ({ item: a.item, atLeast: a.atLeast, code: a.code, message: a.message })),
    licence: {
      note: d.licence.note,
      wordingShipped: d.licence.wordingShipped,
      copyrightNotice: d.licence.copyrightNotice ?? null,
    },
    source: { citation: d.source.citation, url: d.source.url ?? null },
    caveats: [...d.caveats],
  };
}

export function presentResponse(r: QuestionnaireResponse): QuestionnaireResponseRes {
  return {
    id: r.id,
    version: r.version,
    referralId: r.referralId,
    instrumentId: r.instrumentId,
    instrumentVersion: r.instrumentVersion,
    rulesVersion: r.rulesVersion,
    timepoint: r.timepoint,
    administeredOn: r.administeredOn,
    administeredBy: r.administeredBy,
    answers: [...r.answers],
    scoreStatus: r.scoreStatus,
    scores: r.scores.map((s) => ({ measure: s.measure, value: s.value, band: s.band })),
    recordedAt: r.recordedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentWithChange(r: ResponseWithChange) {
  return {
    ...presentResponse(r),
    changes:
      r.changes === null
        ? null
        : r.changes.map((c) => ({
            measure: c.measure,
            baselineResponseId: c.baselineResponseId,
            baselineValue: c.baselineValue,
            value: c.value,
            change: c.change,
            direction: c.direction,
            interpretation: c.interpretation,
          })),
  };
}

export function presentWritten(r: WrittenResponse) {
  return {
    ...presentResponse(r),
    missingItems: [...r.missingItems],
    alerts: r.alerts.map((a) => ({ code: a.code, item: a.item, message: a.message })),
    message: r.message,
  };
}
