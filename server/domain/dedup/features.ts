import { authorListOf, type AuthorList, type AuthorName } from './authors';
import { isSeriesTitle } from './series';
import { normaliseText, tokens } from './text';
import {
  citesCorrectedArticle,
  titleForms,
  titleMarker,
  withoutNoticePrefix,
  type TitleMarker,
} from './title';
import type { DedupRecord } from './types';
import { isRepositoryDoi, venueKind, type VenueKind } from './venue';

/** Everything the matcher compares, computed once per record. */
export interface MatchFeatures {
  id: number;
  title: string;
  titleVariants: string[];
  /** The title cut at each subtitle boundary (normalised), shortest first. */
  mainTitles: string[];
  /** The title carries a translation: a very different title may still name the same article. */
  translatedTitle: boolean;
  titleTokens: string[];
  /** Distinct title words, for a cheap overlap check before the edit distance. */
  titleWordSet: Set<string>;
  /** Numbers written in the title ("phase 2", "part II" → roman kept as words): different numbers, different works. */
  titleNumbers: string;
  marker: TitleMarker;
  /** A generic or series title ("Editorial", "Editor's comments: …", "Book review"): identifies no work by itself. */
  seriesTitle: boolean;
  /** Under three words or twenty letters ("Empyema thoracis"): needs more corroboration. */
  shortTitle: boolean;
  /** The title carries MEDLINE's note that an erratum to this article was published. */
  notesErratum: boolean;
  /** Authors as name keys (surname + initial, every reading of the name). */
  authors: AuthorList;
  firstAuthor: string;
  year: number | null;
  journal: string;
  venue: VenueKind;
  volume: string;
  issue: string;
  /** The issue as a number range ("3", "3-4"), or null when it is not plainly numeric ("Suppl 1", "Spring"). */
  issueRange: [number, number] | null;
  firstPage: string;
  pages: PageRange | null;
  doi: string;
  pmid: string;
  abstractTokens: Set<string>;
  /** A preprint or working paper: a repository DOI, venue or record type. */
  preprint: boolean;
}

/** Digits only, without leading zeros: "Vol. 07" and "7" are the same volume. */
function digitsOf(value: string | null): string {
  if (!value) return '';
  const match = /\d+/.exec(value);
  return match ? match[0].replace(/^0+(?=\d)/, '') : '';
}

/** First and last page as digit strings; null when the field is unusable ("Suppl-12", "t-20"). */
export interface PageRange {
  start: string;
  end: string;
  /** An article number or e-locator (e12724, CD002273) rather than a printed page. */
  articleNumber: boolean;
  /** Pages of a supplement ("S33-38"): numbered apart from the volume's regular pages. */
  supplement: boolean;
}

/** Parses "221-8" (→ 221–228), "S109-S112", "c37-c42", "e12724", "Cd002273"; BMJ's "a1754" is an article number. */
export function parsePages(pages: string | null): PageRange | null {
  if (!pages) return null;
  // Spreadsheets turn "5-13" into "13-May": such a field no longer says which pages.
  if (/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.test(pages)) return null;
  const parts = pages
    .toLowerCase()
    .replace(/\s+/g, '')
    .split(/[-–—]+/);
  const first = /^([a-z]{0,2})0*(\d+)$/.exec(parts[0] ?? '');
  if (!first) return null;
  const start = first[2]!;
  let end = start;
  const second = /^[a-z]{0,2}0*(\d+)$/.exec(parts[1] ?? '');
  if (second) {
    end = second[1]!;
    if (end.length < start.length && Number(end) > 0) end = start.slice(0, start.length - end.length) + end;
  }
  return {
    start,
    end,
    articleNumber:
      first[1] === 'e' || first[1] === 'cd' || (!second && (first[1] !== '' || start.length >= 5)),
    supplement: first[1] === 's',
  };
}

/**
 * Issue numbers above this are not compared: weeklies number issues serially (Lancet 9876) and
 * some exports put a record number in the issue field (1112 vs 1113 for one article).
 */
const MAX_COMPARED_ISSUE = 60;

/** The volume's digits; a year in the volume field (a report series, "2018") says nothing and counts as missing. */
function volumeOf(volume: string | null, year: number | null): string {
  const digits = digitsOf(volume);
  if (digits.length === 4 && year != null && Math.abs(Number(digits) - year) <= 1) return '';
  return digits;
}

/** "3", "3-4", "3/4", "3 & 4" as a range; anything else ("Suppl 1", "S2", "Spring", "2 Pt 1") is not comparable. */
function issueRangeOf(issue: string | null): [number, number] | null {
  const match = /^\s*(?:no\.?\s*|n\s*|issue\s*)?0*(\d{1,4})(?:\s*[-–/&]\s*0*(\d{1,4}))?\s*$/i.exec(
    issue ?? '',
  );
  if (!match) return null;
  const from = Number(match[1]);
  const to = match[2] ? Math.max(from, Number(match[2])) : from;
  return to <= MAX_COMPARED_ISSUE ? [from, to] : null;
}

/** Parsed values one run meets many times (author spellings): shared across its records. */
export interface FeatureCache {
  authors: Map<string, AuthorName>;
}

export function newFeatureCache(): FeatureCache {
  return { authors: new Map() };
}

/** Normalised features of one record for blocking and comparison. */
export function featuresOf(record: DedupRecord, cache?: FeatureCache): MatchFeatures {
  const forms = titleForms(record.title);
  const marker = citesCorrectedArticle(record.title) ? 'erratum' : titleMarker(forms.full);
  // Series titles are recognised on the title as written ("Erratum", "Reply to the commentaries").
  const series = isSeriesTitle(forms.full) || forms.mains.some((main) => isSeriesTitle(main));
  // Two notices of one correction compare by the title they correct.
  if (marker) forms.full = withoutNoticePrefix(forms.full);
  const journal = normaliseText(record.journal);
  const doi = (record.doi ?? '').trim().toLowerCase();
  const authors = authorListOf(record.authors, cache?.authors);
  const venue = venueKind(journal, record.type, doi);
  const pages = parsePages(record.pages);
  return {
    id: record.id,
    title: forms.full,
    titleVariants: forms.variants,
    mainTitles: forms.mains,
    translatedTitle: forms.translated,
    titleTokens: tokens(forms.full),
    titleWordSet: new Set(tokens(forms.full)),
    titleNumbers: (forms.full.match(/\d+/g) ?? []).join(' '),
    marker,
    seriesTitle: series,
    shortTitle: forms.full.length < 20 || forms.full.split(' ').length < 3,
    notesErratum: /\[\s*(?:published\s+)?erratum/i.test(record.title ?? ''),
    authors,
    firstAuthor: authors.first,
    year: record.year,
    journal,
    venue,
    volume: volumeOf(record.volume, record.year),
    issue: digitsOf(record.issue),
    issueRange: issueRangeOf(record.issue),
    firstPage: pages?.start ?? '',
    pages,
    doi,
    pmid: (record.pmid ?? '').trim(),
    abstractTokens: new Set(tokens(normaliseText(record.abstract)).slice(0, 200)),
    preprint: venue === 'repository' || (doi !== '' && isRepositoryDoi(doi)),
  };
}
