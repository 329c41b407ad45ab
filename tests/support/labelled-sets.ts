import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { labelledSetFromRows, type LabelledSet } from '../../server/domain/dedup/labelled';

/**
 * Reads one labelled deduplication folder in bib-dedupe's layout (records_pre_merged.csv +
 * merged_record_ids.csv). Shared by the unit tests and `npm run bench:dedup`.
 */
export function readLabelledSet(folder: string): LabelledSet {
  const rows = parse(fs.readFileSync(path.join(folder, 'records_pre_merged.csv')), {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const groups = parse(fs.readFileSync(path.join(folder, 'merged_record_ids.csv')), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return labelledSetFromRows(
    path.basename(folder),
    rows,
    groups.map((g) => (g.merged_ids ?? '').split(';').filter(Boolean)),
  );
}
