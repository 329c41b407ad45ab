import type { ExportRecord } from '../../../server/domain/export/types';
import type { BibRecord, FormatId } from '../../../server/domain/import/types';

/** Parsed records as the exporters receive them from the database: ids, source and format added. */
export function asExportRecords(
  records: BibRecord[],
  sourceFormat: FormatId,
  sourceName = 'Test search',
): ExportRecord[] {
  return records.map((record, index) => ({
    ...record,
    id: index + 1,
    duplicateOf: null,
    sourceName,
    sourceFormat,
  }));
}

/** The normalised fields only (no raw), for comparing a record with its round-tripped self. */
export function normalised(record: BibRecord): Omit<BibRecord, 'raw'> {
  const { raw: _raw, ...rest } = record;
  return rest;
}
