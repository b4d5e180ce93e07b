// Where a record came from: the source system and its record id (idempotent import), and whether it
// is synthetic demo data. Every casework insert writes these three columns the same way.

export interface Provenance {
  readonly sourceSystem?: string | null;
  readonly sourceRecordId?: string | null;
  readonly synthetic?: boolean;
}

export function provenanceColumns(prov: Provenance): {
  source_system: string | null;
  source_record_id: string | null;
  synthetic: boolean;
} {
  return {
    source_system: prov.sourceSystem ?? null,
    source_record_id: prov.sourceRecordId ?? null,
    synthetic: prov.synthetic ?? false,
  };
}
