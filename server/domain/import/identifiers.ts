import { cleanText, trimEnd, trimStart } from './normalise';

/**
 * Helpers shared by the tag-based and column-based readers for identifiers and names that
 * exporters write in several ways (ISSN with or without hyphen, "Family, Given; …" lists).
 */

const ISSN = /\b(\d{4})-?(\d{3}[\dXx])\b/;
const ISBN = /\b(97[89][\d-]{10,14}|\d[\d-]{8,11}[\dXx])\b/;

/** "0894-9867, 0894-9867" or "19326203 (Electronic)" → "0894-9867"; null when none. */
export function normaliseIssn(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = ISSN.exec(value);
  return match ? `${match[1]}-${match[2]!.toUpperCase()}` : null;
}

/** The first ISBN-10 or ISBN-13 in a value, digits (and X) only; null when none. */
export function normaliseIsbn(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = ISBN.exec(value);
  if (!match) return null;
  const digits = match[1]!.replace(/-/g, '').toUpperCase();
  return digits.length === 10 || digits.length === 13 ? digits : null;
}

/**
 * Sorts a standard-number field (RIS SN, CSV "ISSN/ISBN") into ISSN or ISBN: eight
 * characters are an ISSN, ten or thirteen an ISBN, whatever the record type claims.
 */
export function classifyStandardNumber(value: string | null | undefined): {
  issn: string | null;
  isbn: string | null;
} {
  const text = cleanText(value);
  if (!text) return { issn: null, isbn: null };
  const isbn = normaliseIsbn(text);
  const compact = text.replace(/[\s-]/g, '');
  if (isbn && (compact.length >= 10 || !ISSN.test(text))) return { issn: null, isbn };
  return { issn: normaliseIssn(text), isbn };
}

/**
 * Splits a single cell holding several author names, as CSV exports write them:
 * "Yang, Z.; Jiang, B." · "Yang, Z. and Jiang, B." · "Griffin DK, Larkin DM, O'Connor RE." ·
 * "Liu R., Adler D.G.". A lone "Smith, John" stays one name.
 */
export function splitAuthorList(value: string | null | undefined): string[] {
  const text = cleanText(value);
  if (!text) return [];
  let parts: string[];
  if (text.includes('|')) parts = text.split('|'); // OpenAlex flat CSV
  else if (text.includes(';')) parts = text.split(';');
  else if (/\s+and\s+/i.test(text)) parts = text.split(/\s+and\s+/i);
  else if (text.includes(',')) {
    const pieces = text
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    // "Family Initials, Family Initials" lists have a space inside every piece; a
    // "Family, Given" name has a piece without one.
    parts = pieces.length > 1 && pieces.every((p) => /\S\s+\S/.test(p)) ? pieces : [text];
    // PubMed ends its list with a full stop: "Griffin DK, Larkin DM, O'Connor RE."
    if (parts.length > 1)
      parts[parts.length - 1] = parts[parts.length - 1]!.replace(/(\s[A-Z]{1,4})\.$/, '$1');
  } else parts = [text];
  return parts.map((p) => cleanName(p)).filter((p): p is string => p !== null);
}

// Separators a name list leaves around a name (cleanText already folded white space to single spaces).
const LIST_PUNCTUATION = new Set([',', ';', ' ']);

/** Trims list punctuation and the ids or e-mail addresses some exports append to a name. */
export function cleanName(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (!text) return null;
  // Scopus "(57210…)" author id, WoS "(name@host)"; "[^()@]*@" so the @ is found in one way only.
  const withoutId = text.replace(/\s*\((?:\d+|[^()@]*@[^()]*)\)\s*$/, '');
  const stripped = trimEnd(trimStart(withoutId, LIST_PUNCTUATION), LIST_PUNCTUATION);

  return stripped === '' || stripped === '.' ? null : stripped;
}
