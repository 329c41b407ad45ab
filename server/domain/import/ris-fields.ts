import { classifyStandardNumber, cleanName } from './identifiers';
import {
  cleanText,
  joinPages,
  normaliseDoi,
  normalisePages,
  normalisePmid,
  normaliseType,
  parseYear,
  splitKeywords,
} from './normalise';
import { TagIndex } from './tagged';
import { emptyRecord, type BibRecord, type RawField } from './types';

/**
 * The RIS tag table. Exporters disagree on which tag holds what (Scopus T2 vs Embase JF for
 * the journal, TI vs T1 for the title, AB vs N2 for the abstract, ID vs AN for the record
 * id), so each field lists its tags in order of preference.
 */
const TITLE_TAGS = ['TI', 'T1', 'CT'];
const AUTHOR_TAGS = new Set(['AU', 'A1']);
const YEAR_TAGS = ['PY', 'Y1', 'DA', 'Y2'];
const JOURNAL_TAGS = ['JF', 'T2', 'JO', 'JA', 'J2', 'J1', 'BT', 'T3'];
const URL_TAGS = ['UR', 'L2', 'L1', 'LK'];
const DOI_FALLBACK_TAGS = ['M3', 'N1', 'UR', 'L2', 'L3', 'L1', 'LK', 'ET'];

/** Normalised fields for one RIS record; `warn` receives problems worth showing the user. */
export function risRecord(raw: RawField[], warn: (message: string) => void): BibRecord {
  const tags = new TagIndex(raw);
  const record = emptyRecord();
  record.raw = raw;

  record.sourceId = cleanText(tags.first('ID', 'AN'));
  const type = tags.first('TY');
  record.type = normaliseType(type);
  record.title =
    cleanText(tags.first(...TITLE_TAGS)) ?? (record.type === 'book' ? cleanText(tags.first('BT')) : null);

  // AU and A1 are both "primary author" in the wild; keep them in file order as one list.
  const authors: string[] = [];
  for (const [tag, value] of raw) {
    if (!AUTHOR_TAGS.has(tag)) continue;
    for (const line of value.split('\n')) {
      const name = cleanName(line);
      if (name) authors.push(name);
    }
  }
  record.authors = authors;

  record.year = readYear(tags, warn);
  record.journal = cleanText(
    tags.first(...JOURNAL_TAGS.filter((t) => !(t === 'BT' && record.type === 'book'))),
  );
  record.volume = cleanText(tags.first('VL', 'VO'));
  record.issue = cleanText(tags.first('IS', 'CP'));
  record.pages = readPages(tags);
  record.doi = readDoi(tags);
  record.pmid = readPmid(tags);
  for (const value of tags.values('SN', 'BN')) {
    for (const line of value.split(/\n/)) {
      const { issn, isbn } = classifyStandardNumber(line);
      record.issn ??= issn;
      record.isbn ??= isbn;
    }
  }
  const abstracts = tags.values('AB');
  record.abstract = cleanText(abstracts.length > 0 ? abstracts.join('\n') : tags.first('N2'));
  record.keywords = keywordsOf(tags.values('KW'));
  record.language = cleanText(tags.first('LA'));
  const url = cleanText(tags.first(...URL_TAGS));
  // Some exporters (Rayyan) glue a following tag onto the URL line; a URL has no spaces.
  record.url = url ? (url.split(' ')[0] ?? null) : null;
  return record;
}

/** One keyword per KW value, or per line/";" inside one; de-duplicated ignoring case. */
function keywordsOf(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const parts = value.includes('\n') || value.includes(';') ? splitKeywords(value) : [cleanText(value)];
    for (const keyword of parts) {
      if (!keyword) continue;
      const key = keyword.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(keyword);
    }
  }
  return out;
}

function readYear(tags: TagIndex, warn: (message: string) => void): number | null {
  let unreadable: string | null = null;
  for (const tag of YEAR_TAGS) {
    for (const value of tags.values(tag)) {
      const year = parseYear(value);
      if (year != null) return year;
      unreadable ??= `${tag} "${cleanText(value)}"`;
    }
  }
  if (unreadable) warn(`no year could be read from ${unreadable}`);
  return null;
}

// Ovid writes "SP - No / EP - Specified" (from "No pagination specified").
const NO_PAGES = /^(no|not|n\/a|none)\b|pagination|specified/i;

function readPages(tags: TagIndex): string | null {
  const start = tags.first('SP');
  const end = tags.first('EP');
  if ((start && NO_PAGES.test(start)) || (end && NO_PAGES.test(end))) {
    return start && !NO_PAGES.test(start) ? normalisePages(start) : null;
  }
  if (start && /\d\s*(?:--|[\u2010-\u2015-])\s*\S/.test(start)) return normalisePages(start);
  // Scopus and EndNote give electronic articles an article number (C7) instead of pages.
  return normalisePages(joinPages(start, end)) ?? normalisePages(tags.first('C7'));
}

function readDoi(tags: TagIndex): string | null {
  for (const value of tags.values('DO', 'DI')) {
    const doi = normaliseDoi(value);
    if (doi) return doi;
  }
  // Older EndNote styles keep the DOI in M3 or a note; links may carry it as doi.org/…
  for (const tag of DOI_FALLBACK_TAGS) {
    for (const value of tags.values(tag)) {
      const trimmed = value.trim();
      const resolver = /(?:doi\.org\/|^doi:\s*|^)(10\.\d{4,9}\/\S+)/i.exec(trimmed);
      if (resolver && (trimmed.startsWith('10.') || /doi/i.test(trimmed))) {
        const doi = normaliseDoi(resolver[1]);
        if (doi) return doi;
      }
    }
  }
  return null;
}

function readPmid(tags: TagIndex): string | null {
  // PubMed through EndNote puts the PMID in AN with DP/DB naming the database.
  const database = `${tags.values('DP').join(' ')} ${tags.values('DB').join(' ')}`;
  const accession = tags.first('AN');
  if (accession && /^\s*\d{1,9}\s*$/.test(accession) && /nlm|pubmed|medline/i.test(database))
    return normalisePmid(accession);
  for (const value of tags.values('C5', 'N1', 'M1', 'AN', 'ET', 'U1', 'C2')) {
    const match = /\bPMID:?\s*(\d{1,9})\b/i.exec(value);
    if (match) return match[1]!;
  }
  // Embase puts the MEDLINE PMID in C5 on its own.
  const c5 = tags.first('C5');
  if (c5 && /^\s*\d{5,9}\s*$/.test(c5) && /medline/i.test(database)) return c5.trim();
  return null;
}
