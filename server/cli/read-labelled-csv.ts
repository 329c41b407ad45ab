import fs from 'node:fs';
import { ParseError } from '../domain/errors';
import { parseLabelledCsv } from '../domain/ranking/labelled-csv';
import type { LabelledDataset } from '../domain/ranking/simulate';

/** Reads a labelled CSV file (UTF-8) for `sift simulate` and the ranking bench; an unreadable file is a ParseError naming it. */
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
  return parseLabelledCsv(text, file);
}
