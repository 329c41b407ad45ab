import type { DedupRecord } from './types';

/** The fields a merged view fills from the other members when the primary lacks them. */
const FILLABLE = [
  'type',
  'title',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'isbn',
] as const;
type Fillable = (typeof FILLABLE)[number];

export interface MergedView {
  record: DedupRecord;
  /** Which record each filled field came from (fields the primary had are not listed). */
  filledFrom: Partial<Record<Fillable | 'abstract' | 'authors', number>>;
}

function isEmpty(value: unknown): boolean {
  return value == null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The record a reviewer sees for a cluster: the primary's fields, with each empty one filled
 * from the other members (the longest abstract, the first DOI found). Nothing is overwritten
 * and the members themselves are untouched: the view is computed, never stored over them.
 */
export function mergedView(primary: DedupRecord, others: DedupRecord[]): MergedView {
  const record: DedupRecord = { ...primary, authors: [...primary.authors] };
  const filledFrom: MergedView['filledFrom'] = {};
  for (const field of FILLABLE) {
    if (!isEmpty(record[field])) continue;
    const donor = others.find((o) => !isEmpty(o[field]));
    if (donor) {
      (record as unknown as Record<string, unknown>)[field] = donor[field];
      filledFrom[field] = donor.id;
    }
  }
  const longest = [primary, ...others].reduce<DedupRecord | null>(
    (best, r) => ((r.abstract?.length ?? 0) > (best?.abstract?.length ?? 0) ? r : best),
    null,
  );
  if (longest && longest.id !== primary.id && longest.abstract) {
    record.abstract = longest.abstract;
    filledFrom.abstract = longest.id;
  }
  if (record.authors.length === 0) {
    const donor = others.find((o) => o.authors.length > 0);
    if (donor) {
      record.authors = [...donor.authors];
      filledFrom.authors = donor.id;
    }
  }
  return { record, filledFrom };
}

/** How many fields a record has: the most complete record makes the best primary. */
export function completeness(r: DedupRecord): number {
  let score = 0;
  for (const field of FILLABLE) if (!isEmpty(r[field])) score++;
  if (r.authors.length) score++;
  if (r.abstract) score += 2;
  return score;
}

/**
 * Chooses the record that represents a cluster: a screened record first (its decisions stay
 * attached), then the most complete, then the earliest imported.
 */
export function choosePrimary(
  members: DedupRecord[],
  isScreened: (id: number) => boolean = () => false,
): number {
  const sorted = [...members].sort(
    (a, b) =>
      Number(isScreened(b.id)) - Number(isScreened(a.id)) || completeness(b) - completeness(a) || a.id - b.id,
  );
  const first = sorted[0];
  if (!first) throw new Error('choosePrimary needs at least one record');
  return first.id;
}
