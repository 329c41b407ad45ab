import { featuresOf } from '../../server/domain/dedup/features';
import { classifyPair } from '../../server/domain/dedup/rules';
import type { DedupRecord, FieldSimilarities, PairVerdict } from '../../server/domain/dedup/types';

let nextId = 1;

/** A record for the matcher with every field empty except those given (a fresh id unless given). */
export function dedupRecord(fields: Partial<DedupRecord>, id = nextId++): DedupRecord {
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

/** What the rules say about two records built from the given fields. */
export function verdictOf(a: Partial<DedupRecord>, b: Partial<DedupRecord>): PairVerdict {
  return classifyPair(featuresOf(dedupRecord(a)), featuresOf(dedupRecord(b)));
}

/**
 * JMIS prints an "Editorial Introduction" by its editor in every issue: two of them, same title,
 * author, journal, volume and year (jmis-web.org/articles/1332 and /1344).
 */
export const JMIS_EDITORIAL_34_2 = {
  title: 'Editorial Introduction',
  authors: ['Zwass, Vladimir'],
  year: 2017,
  journal: 'Journal of Management Information Systems',
  volume: '34',
  issue: '2',
  pages: '307-309',
};
export const JMIS_EDITORIAL_34_3 = { ...JMIS_EDITORIAL_34_2, issue: '3', pages: '627-629' };

/** Similarities with every field unknown: tests give the ones they state. */
export const NO_SIMILARITIES: FieldSimilarities = {
  title: null,
  authors: null,
  year: null,
  journal: null,
  volume: null,
  issue: null,
  pages: null,
  abstract: null,
  doi: null,
  pmid: null,
};
