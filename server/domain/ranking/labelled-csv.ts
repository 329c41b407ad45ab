import { parse } from 'csv-parse/sync';
import { ParseError } from '../errors';
import { labelledDatasetFromRows } from './labelled-rows';
import type { LabelledDataset } from './simulate';

/** Parses a labelled CSV's text (comma, semicolon or tab separated; with or without BOM) into a dataset. */
export function parseLabelledCsv(text: string, file: string): LabelledDataset {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best),
    ',',
  );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      info: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new ParseError(file, line, (error as Error).message, { cause: error });
  }
  // csv-parse reports the line where a record ends; the start line is the previous end + 1.
  const lines = records.map((r, i) =>
    i === 0 ? 1 : (records[i - 1] as { info: { lines: number } }).info.lines + 1,
  );
  return labelledDatasetFromRows(
    file,
    records.map((r) => r.record),
    lines,
  );
}
