/**
 * The formats Sift reads: the one list. The id is what `sift import --format` and the upload
 * route's `format` field take, and what import results report; each needs a reader in READERS.
 */
export const FORMAT_IDS = [
  'ris',
  'medline',
  'pubmed-xml',
  'bibtex',
  'wos-plain',
  'wos-tab',
  'csv',
  'tsv',
  'xlsx',
  'endnote-xml',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** One tagged field exactly as it stood in the file (tag or column name, then value). */
export type RawField = [tag: string, value: string];

/** A bibliographic record after parsing and normalisation; every field may be missing. */
export interface BibRecord {
  /** The identifier the record had in its file: RIS ID/AN, BibTeX key, PMID, WoS UT, a CSV id column. */
  sourceId: string | null;
  /** Reference type as the file named it, normalised to a small vocabulary (journal-article, book, …). */
  type: string | null;
  title: string | null;
  /** Authors as written, one per element, "Family, Given" where the format allows. */
  authors: string[];
  year: number | null;
  /** Journal, book or proceedings title. */
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  /** Lower-case DOI without resolver prefix (10.xxxx/…). */
  doi: string | null;
  pmid: string | null;
  isbn: string | null;
  issn: string | null;
  abstract: string | null;
  keywords: string[];
  language: string | null;
  url: string | null;
  /** Every tagged field as imported, in file order, so nothing is lost. */
  raw: RawField[];
}

/** Something odd about a record that did not stop the import; always shown to the user. */
export interface ParseWarning {
  /** 1-based line in the file where the problem was seen, when the format has lines. */
  line: number | null;
  /** 1-based index of the record in the file, when the warning is about one record. */
  record: number | null;
  message: string;
}

export interface ParseResult {
  format: FormatId;
  /** The text encoding the bytes were decoded from (utf-8, windows-1252, gbk, …). */
  encoding: string;
  records: BibRecord[];
  warnings: ParseWarning[];
}

/** A fresh record with every field empty; parsers fill what their format has. */
export function emptyRecord(): BibRecord {
  return {
    sourceId: null,
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
    issn: null,
    abstract: null,
    keywords: [],
    language: null,
    url: null,
    raw: [],
  };
}
