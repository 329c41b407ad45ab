import { ParseError } from '../errors';
import { splitKeywords } from '../import/normalise';
import type { LabelledDataset } from './simulate';

/**
 * Alternative column names, first match wins, as ASReview's readers use them: benchmark
 * CSVs come from ASReview (label_included), SYNERGY/Ferdinands (included), and exports of
 * reference managers (Title, Abstract, Keywords, Author Keywords).
 */
export const LABEL_COLUMNS = [
  'label_included',
  'included',
  'label',
  'final_included',
  'label_abstract_screening',
];
export const TITLE_COLUMNS = ['title', 'primary_title', 'ti', 'article title', 'document title'];
export const ABSTRACT_COLUMNS = ['abstract', 'abstract note', 'ab', 'notes_abstract'];
export const KEYWORD_COLUMNS = ['keywords', 'author keywords', 'kw', 'mesh terms', 'index keywords'];

function findColumn(header: readonly string[], names: readonly string[]): number {
  const lower = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\ufeff/, ''),
  );
  for (const name of names) {
    const i = lower.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Turns parsed CSV rows (header first) into a labelled dataset. The label must be 1 or 0
 * on every row (true/false, yes/no also accepted): a benchmark with unlabelled rows would
 * silently measure the wrong thing, so such a row is an error naming its line.
 */
export function labelledDatasetFromRows(
  file: string,
  rows: readonly string[][],
  /** Line in the file where each row starts (multi-line cells shift them); defaults to row + 1. */
  lines?: readonly number[],
): LabelledDataset {
  const header = rows[0];
  if (!header) throw new ParseError(file, 1, 'the file is empty');
  const label = findColumn(header, LABEL_COLUMNS);
  if (label < 0)
    throw new ParseError(
      file,
      1,
      `no label column (expected one of: ${LABEL_COLUMNS.slice(0, 2).join(', ')})`,
    );
  const title = findColumn(header, TITLE_COLUMNS);
  const abstract = findColumn(header, ABSTRACT_COLUMNS);
  const keywords = findColumn(header, KEYWORD_COLUMNS);
  if (title < 0 && abstract < 0) throw new ParseError(file, 1, 'no title or abstract column');

  const dataset: LabelledDataset = { docs: [], labels: [] };
  rows.slice(1).forEach((row, i) => {
    const line = lines?.[i + 1] ?? i + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    const raw = (row[label] ?? '').trim().toLowerCase();
    const value = parseLabel(raw);
    if (value === null) throw new ParseError(file, line, `label "${row[label] ?? ''}" is not 1 or 0`);
    const text = (col: number) => (col >= 0 ? (row[col] ?? '').trim() || null : null);
    dataset.docs.push({
      title: text(title),
      abstract: text(abstract),
      keywords: splitKeywords(text(keywords)),
    });
    dataset.labels.push(value);
  });
  if (dataset.labels.length === 0) throw new ParseError(file, 2, 'no records');
  return dataset;
}

function parseLabel(raw: string): 0 | 1 | null {
  if (['1', '1.0', 'true', 'yes', 'y', 'included'].includes(raw)) return 1;
  if (['0', '0.0', 'false', 'no', 'n', 'excluded'].includes(raw)) return 0;
  return null;
}
