/**
 * Field normalisation shared by every parser: each format reads its own tags, then hands the
 * values through these functions so that the same work exported by different tools ends up
 * with the same normalised fields.
 */

// White space as cleanText sees it: \s (which already holds NBSP, U+2000–U+200A, U+2028/9, U+3000)
// plus the zero-width space. A run of two or more, or any single one that is not a plain space,
// becomes one space; a lone plain space is left alone, so text that needs nothing is not copied.
const WHITE_SPACE_TO_FOLD = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/** Collapses runs of white space (including NBSP and line breaks) and trims; empty becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  // One pass (import speed: this runs on most fields of every record).
  const cleaned = value.replace(WHITE_SPACE_TO_FOLD, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

const DOI_PATTERN = /10\.\d{4,9}\/\S+/i;

/**
 * Extracts a DOI from a value that may carry a resolver prefix, "doi:", a trailing full stop
 * or surrounding text; returns it lower-cased (DOIs are case-insensitive), or null if none.
 */
export function normaliseDoi(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = value.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    // a DOI with a stray % is still a DOI; keep the text as it is
  }
  const match = DOI_PATTERN.exec(text);
  if (!match) return null;
  return trimEnd(match[0], DOI_TRAILING).toLowerCase();
}

// Punctuation that ends a sentence or a bracket around a DOI rather than belonging to it.
const DOI_TRAILING = new Set([...'.,;:)]}>\'"']);

/**
 * `value` without the trailing characters in `chars`. A loop, not a regex: `[…]+$` retries
 * from every character of a long run that does not reach the end (quadratic on hostile input).
 */
export function trimEnd(value: string, chars: ReadonlySet<string>): string {
  let end = value.length;
  while (end > 0 && chars.has(value[end - 1]!)) end--;
  return end === value.length ? value : value.slice(0, end);
}

/** `value` without the leading characters in `chars` (see trimEnd). */
export function trimStart(value: string, chars: ReadonlySet<string>): string {
  let start = 0;
  while (start < value.length && chars.has(value[start]!)) start++;
  return start === 0 ? value : value.slice(start);
}

/** The first plausible four-digit year (1000–2999) in a date-like value, or null. */
export function parseYear(value: string | number | null | undefined): number | null {
  if (value == null) return null;
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1000 && value <= 2999 ? value : null;
  const match = /(?:^|[^\d])([12]\d{3})(?!\d)/.exec(value);
  return match ? Number(match[1]) : null;
}

/** Joins start and end pages as "start-end" (en dashes and spaces folded); either may be missing. */
export function joinPages(start: string | null | undefined, end: string | null | undefined): string | null {
  const s = cleanText(start);
  const e = cleanText(end);
  if (s && e && s !== e) return `${s}-${e}`;
  return s ?? e ?? null;
}

/** Normalises a page range written with en/em dashes or double hyphens to "start-end". */
export function normalisePages(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (!text) return null;
  return text.replace(/\s*(?:--|[\u2010-\u2015-])\s*/g, '-');
}

/** Keeps the digits of a PubMed id ("PMID: 123 [Indexed for MEDLINE]" → "123"). */
export function normalisePmid(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /\d{1,9}/.exec(value);
  return match ? match[0] : null;
}

/** Splits a keyword field written with ; , or line breaks into trimmed, de-duplicated keywords. */
export function splitKeywords(value: string | null | undefined, separators: RegExp = /[;\n\r]+/): string[] {
  if (!value) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of value.split(separators)) {
    const keyword = cleanText(part);
    if (keyword && !seen.has(keyword.toLowerCase())) {
      seen.add(keyword.toLowerCase());
      out.push(keyword);
    }
  }
  return out;
}

/** Removes duplicate authors while keeping order; drops empty names. */
export function cleanAuthors(names: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const cleaned = cleanText(name);
    if (cleaned) out.push(cleaned);
  }
  return out;
}

// The vocabulary is part of the API (the records filter offers it in the browser).
import type { RecordType } from '../../api/common';

export type { RecordType };

const TYPE_WORDS: [RegExp, RecordType][] = [
  [
    /^(jour|jfull|abst|inpr|ejour|article|journal[- ]?article|journal|letter|review|editorial|comment)$/i,
    'journal-article',
  ],
  [/^(book|ebook|edbook|whole ?book|proceedings|booklet|manual)$/i, 'book'],
  [/^(chap|echap|inbook|incollection|book[- ]?(chapter|section)|chapter)$/i, 'book-chapter'],
  [
    /^(conf|cpaper|inproceedings|conference[- ]?(paper|proceedings)?|proceedings[- ]?paper)$/i,
    'conference-paper',
  ],
  [/^(thes|thesis|phdthesis|mastersthesis|dissertation)$/i, 'thesis'],
  [/^(rprt|report|techreport|govdoc|stand|standard)$/i, 'report'],
  [/^(preprint|unpublished|unpb|manuscript|manscpt)$/i, 'preprint'],
  [/^(data|dataset)$/i, 'dataset'],
  [/^(elec|web|webpage|online|blog|icomm)$/i, 'webpage'],
];

/** Maps a format's own type word (RIS TY, BibTeX entry type, CSV "Document Type") to RecordType. */
export function normaliseType(value: string | null | undefined): RecordType | null {
  const text = cleanText(value);
  if (!text) return null;
  for (const [pattern, type] of TYPE_WORDS) if (pattern.test(text)) return type;
  return 'other';
}
