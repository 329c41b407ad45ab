import type { DedupRecord } from '../../server/domain/dedup/types';

/** A record as deduplication reads it: every field missing unless given. */
export function dedupRecord(id: number, fields: Partial<DedupRecord> = {}): DedupRecord {
  return {
    id,
    type: null,
    title: null,
    authors: [],
    year: null,
    journal: null,
    volume: null,
    issue: null,
    pages: null,
    doi: null,
    pmid: null,
    isbn: null,
    abstract: null,
    ...fields,
  };
}
