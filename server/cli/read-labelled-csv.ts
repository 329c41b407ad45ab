import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ParseError } from '../domain/errors';
import { labelledDatasetFromRows } from '../domain/ranking/labelledRows';
import type { LabelledDataset } from '../domain/ranking/simulate';

/** Reads a labelled CSV (comma, semicolon or tab separated; UTF-8 with or without BOM). */
export function readLabelledCsv(file: string): LabelledDataset {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ParseError(
      file,
      null,
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: error },
    );
  }
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
