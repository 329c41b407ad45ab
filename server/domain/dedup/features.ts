import { normaliseText, tokens } from './text';
import {
  citesCorrectedArticle,
  titleForms,
  titleMarker,
  withoutNoticePrefix,
  type TitleMarker,
} from './title';
import type { DedupRecord } from './types';

/** Everything the matcher compares, computed once per record. */
export interface MatchFeatures {
  id: number;
  title: string;
  titleVariants: string[];
  titleTokens: string[];
  /** Distinct title words, for a cheap overlap check before the edit distance. */
  titleWordSet: Set<string>;
  /** Numbers written in the title ("phase 2", "part II" → roman kept as words): different numbers, different works. */
  titleNumbers: string;
  marker: TitleMarker;
  /** Too common ("Editorial", "Introduction") to identify a work by itself. */
  genericTitle: boolean;
  /** Under three words or twenty letters ("Empyema thoracis"): needs more corroboration. */
  shortTitle: boolean;
  /** The title carries MEDLINE's note that an erratum to this article was published. */
  notesErratum: boolean;
  /** Surname-like author tokens (three letters or more), a set. */
  authorTokens: Set<string>;
  firstAuthor: string;
  year: number | null;
  journal: string;
  volume: string;
  issue: string;
  firstPage: string;
  pages: PageRange | null;
  doi: string;
  pmid: string;
  abstractTokens: Set<string>;
  preprint: boolean;
}

const PREPRINT_VENUE =
  /\b(biorxiv|medrxiv|arxiv|chemrxiv|psyarxiv|socarxiv|ssrn|research square|preprints?|osf preprints|techrxiv|authorea)\b/;
const PREPRINT_DOI =
  /^10\.(1101\/\d{4}\.\d{2}\.\d{2}|21203\/rs\.|2139\/ssrn|48550\/arxiv|20944\/preprints|31234\/osf|36227\/techrxiv|22541\/au)/;

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
  };
}

/** Surname-like tokens of all authors: robust to "Family, G.", "G. Family", "Family G" and run-together lists. */
function authorTokensOf(authors: string[]): { tokens: Set<string>; first: string } {
  const all = new Set<string>();
  let first = '';
  for (const author of authors) {
    // "Family, Given": the family name is what every database spells alike.
    const family = author.includes(',') ? author.slice(0, author.indexOf(',')) : author;
    const words = tokens(normaliseText(family)).filter(
      (w) => w.length >= 3 && !/^\d+$/.test(w) && w !== 'and' && w !== 'et',
    );
    for (const w of words) all.add(w);
    if (!first && words[0]) first = words[0];
  }
  return { tokens: all, first };
}

const GENERIC_TITLE =
  /^(editorial|editorials|introduction|foreword|preface|commentary|letter|letters|letter to the editor|reply|response|correspondence|book reviews?|in this issue|abstracts?|index|news|guest editorial|editor s note|conference report|meeting abstracts?|proceedings|summary|conclusions?|overview|untitled)$/;

/** Normalised features of one record for blocking and comparison. */
export function featuresOf(record: DedupRecord): MatchFeatures {
  const forms = titleForms(record.title);
  const marker = citesCorrectedArticle(record.title) ? 'erratum' : titleMarker(forms.full);
  // Two notices of one correction compare by the title they correct.
  if (marker) forms.full = withoutNoticePrefix(forms.full);
  const journal = normaliseText(record.journal);
  const doi = (record.doi ?? '').trim().toLowerCase();
  const authors = authorTokensOf(record.authors);
  const typeText = (record.type ?? '').toLowerCase();
  return {
    id: record.id,
    title: forms.full,
    titleVariants: forms.variants,
    titleTokens: tokens(forms.full),
    titleWordSet: new Set(tokens(forms.full)),
    titleNumbers: (forms.full.match(/\d+/g) ?? []).join(' '),
    marker,
    genericTitle: GENERIC_TITLE.test(forms.full),
    shortTitle: forms.full.length < 20 || forms.full.split(' ').length < 3,
    notesErratum: /\[\s*(?:published\s+)?erratum/i.test(record.title ?? ''),
    authorTokens: authors.tokens,
    firstAuthor: authors.first,
    year: record.year,
    journal,
    volume: digitsOf(record.volume),
    issue: digitsOf(record.issue),
    firstPage: parsePages(record.pages)?.start ?? '',
    pages: parsePages(record.pages),
    doi,
    pmid: (record.pmid ?? '').trim(),
    abstractTokens: new Set(tokens(normaliseText(record.abstract)).slice(0, 200)),
    preprint: typeText === 'preprint' || PREPRINT_VENUE.test(journal) || PREPRINT_DOI.test(doi),
  };
}
