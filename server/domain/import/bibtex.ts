import { ParseError } from '../errors';
import { formatName, parseName, splitNameList } from './bibtex-names';
import { readBibtexSyntax, type SyntaxEntry, type ValuePart } from './bibtex-syntax';
import { latexToUnicode, latexVerbatim } from './latex';
import {
  cleanAuthors,
  cleanText,
  normaliseDoi,
  normalisePages,
  normalisePmid,
  normaliseType,
  parseYear,
  splitKeywords,
} from './normalise';
import { emptyRecord, type BibRecord, type ParseWarning, type RawField } from './types';

// BibTeX's predefined month macros.
// prettier-ignore
const MONTHS: [string, string][] = [
  ['jan', 'January'], ['feb', 'February'], ['mar', 'March'], ['apr', 'April'], ['may', 'May'], ['jun', 'June'],
  ['jul', 'July'], ['aug', 'August'], ['sep', 'September'], ['oct', 'October'], ['nov', 'November'], ['dec', 'December'],
];

// BibTeX/BibLaTeX entry types that the shared vocabulary (normaliseType) does not name.
// prettier-ignore
const ENTRY_TYPES = new Map<string, string>(Object.entries({
  collection: 'book', mvbook: 'book', mvcollection: 'book', mvproceedings: 'book', bookinbook: 'book-chapter',
  suppbook: 'book-chapter', suppcollection: 'book-chapter', inreference: 'book-chapter', reference: 'book',
  mvreference: 'book', periodical: 'journal-article', suppperiodical: 'journal-article', electronic: 'webpage',
  www: 'webpage', misc: 'other', set: 'other', xdata: 'other',
}));

// Values that are identifiers or addresses, not prose: no LaTeX decoding beyond escapes.
const VERBATIM_FIELDS = new Set([
  'url',
  'doi',
  'eprint',
  'file',
  'pdf',
  'isbn',
  'issn',
  'pmid',
  'pmcid',
  'urldate',
  'verba',
  'verbb',
  'verbc',
]);

// Fields a crossref child never takes from its parent (BibLaTeX's inheritance rules).
const NOT_INHERITED = new Set([
  'crossref',
  'xref',
  'ids',
  'entryset',
  'key',
  'sortkey',
  'label',
  'shorthand',
  'options',
  'related',
  'xdata',
]);

interface Entry {
  syntax: SyntaxEntry;
  /** Field values after @string expansion, LaTeX still in place; the entry's own fields only. */
  own: Map<string, string>;
  raw: RawField[];
}

/**
 * Reads BibTeX and BibLaTeX: @string (with # and month macros), @comment, @preamble,
 * crossref inheritance, nested braces, quoted values, LaTeX accents decoded to Unicode and
 * "and"-separated names with particles. A malformed entry is skipped with a warning; a file
 * in which nothing can be read throws ParseError.
 */
export function parseBibtex(
  text: string,
  fileName: string,
): { records: BibRecord[]; warnings: ParseWarning[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.includes('\u0000')) throw new ParseError(fileName, 1, 'the file is binary, not BibTeX text');

  const { items, problems } = readBibtexSyntax(source);
  // A kept entry's problem names its record: the entry's number among the entries.
  const recordOf = new Map<number, number>();
  items.forEach((item, index) => {
    if (item.kind === 'entry') recordOf.set(index, recordOf.size + 1);
  });
  const warnings: ParseWarning[] = problems.map((p) => ({
    line: p.line,
    record: p.item === undefined ? null : (recordOf.get(p.item) ?? null),
    message: p.message,
  }));

  const macros = new Map<string, string>(MONTHS);
  // @string values may concatenate each other (`a2 = a1 # a1`), doubling at every step: a
  // "billion laughs" in BibTeX. Expansion may produce at most this much text in all.
  let expansionLeft = MAX_EXPANSION_FACTOR * source.length + MAX_EXPANSION_EXTRA;
  const expand = (parts: ValuePart[], line: number, record: number | null): string => {
    let value = '';
    for (const part of parts) {
      let piece: string;
      if (part.kind === 'literal') piece = part.text;
      else {
        const defined = macros.get(part.name);
        if (defined === undefined) {
          warnings.push({ line, record, message: `undefined @string macro "${part.name}" kept as text` });
        }
        piece = defined ?? part.name;
      }
      expansionLeft -= piece.length;
      if (expansionLeft < 0) {
        throw new ParseError(
          fileName,
          line,
          `@string macros expand to more than ${MAX_EXPANSION_FACTOR} times the size of the file: a macro bomb, not a bibliography`,
        );
      }
      value += piece;
    }
    return value;
  };

  const entries: Entry[] = [];
  for (const item of items) {
    if (item.kind === 'string') macros.set(item.name, expand(item.parts, item.line, null));
    else if (item.kind === 'entry') {
      const own = new Map<string, string>();
      const raw: RawField[] = [['ENTRYTYPE', item.type]];
      if (item.key !== '') raw.push(['ID', item.key]);
      for (const field of item.fields) {
        const value = expand(field.parts, field.line, entries.length + 1);
        if (own.has(field.name)) {
          warnings.push({
            line: field.line,
            record: entries.length + 1,
            message: `field "${field.name}" repeated in entry "${item.key}"; the first value is used`,
          });
        } else {
          own.set(field.name, value);
        }
        raw.push([field.name, value]);
      }
      entries.push({ syntax: item, own, raw });
    }
  }

  if (source.trim() === '') throw new ParseError(fileName, null, 'the file is empty');
  if (entries.length === 0) {
    const skipped = problems.find((p) => p.skipped);
    if (skipped)
      throw new ParseError(fileName, skipped.line, `no BibTeX entry could be read: ${skipped.message}`);
    if (
      source.trim() !== '' &&
      !/@\s*(string|comment|preamble)\s*[{(]/i.test(source) &&
      !/^\s*%/m.test(source)
    ) {
      throw new ParseError(fileName, 1, 'no BibTeX entry found: expected an entry like "@article{key, …}"');
    }
    warnings.push({
      line: null,
      record: null,
      message: 'the file holds no BibTeX entries (only comments, @string or @preamble)',
    });
  }

  const byKey = new Map<string, Entry>();
  for (const entry of entries) {
    const key = entry.syntax.key.toLowerCase();
    if (key !== '' && !byKey.has(key)) byKey.set(key, entry);
  }

  const records = entries.map((entry, index) => {
    const number = index + 1;
    const warn = (message: string): void => {
      warnings.push({ line: entry.syntax.line, record: number, message });
    };
    const fields = resolveCrossref(entry, byKey, warn);
    return toRecord(entry, fields, warn);
  });
  return { records, warnings };
}

/** Expanded field and @string values may hold this many times the file's characters, plus the extra. */
const MAX_EXPANSION_FACTOR = 16;
const MAX_EXPANSION_EXTRA = 1_000_000;

/** How many crossref levels an entry inherits through (BibTeX itself follows one, biber any). */
export const MAX_CROSSREF_DEPTH = 8;

/** An entry's fields, read by name: its own, else inherited through crossref. */
interface Fields {
  get(name: string): string | undefined;
  has(name: string): boolean;
}

/**
 * The entry's fields with those of its crossref parent (and grandparents, at most
 * MAX_CROSSREF_DEPTH levels) filled in. The chain is resolved once per entry, but fields are
 * looked up only when asked for: copying every inherited field into every child made a chain of
 * 8,000 entries (each the parent of the next) take seconds.
 */
function resolveCrossref(entry: Entry, byKey: Map<string, Entry>, warn: (message: string) => void): Fields {
  const chain: Entry[] = [entry];
  if (entry.syntax.type !== 'set') {
    const seen = new Set<string>([entry.syntax.key.toLowerCase()]);
    for (let current = entry; ; ) {
      const parentKey = current.own.get('crossref')?.trim();
      if (!parentKey) break;
      if (seen.has(parentKey.toLowerCase())) {
        warn(`crossref cycle through "${parentKey}"; inheritance stopped there`);
        break;
      }
      const parent = byKey.get(parentKey.toLowerCase());
      if (!parent) {
        warn(`crossref to "${parentKey}", which is not in the file`);
        break;
      }
      if (chain.length > MAX_CROSSREF_DEPTH) {
        warn(`crossref chain deeper than ${MAX_CROSSREF_DEPTH} levels; inheritance stopped at "${current.syntax.key}"`);
        break;
      }
      seen.add(parentKey.toLowerCase());
      chain.push(parent);
      current = parent;
    }
  }
  const get = (name: string): string | undefined => {
    const own = entry.own.get(name);
    if (own !== undefined || chain.length === 1) return own;
    for (const parent of chain.slice(1)) {
      const inherited = inheritedValue(parent, name);
      if (inherited !== undefined) return inherited;
    }
    return undefined;
  };
  return { get, has: (name) => get(name) !== undefined };
}

/**
 * The value a child's field `name` takes from one parent: the parent's title is the child's
 * book title (BibLaTeX: book → inbook, proceedings → inproceedings), its subtitle the book
 * subtitle; when the parent has both (title and booktitle), the one written first wins.
 */
function inheritedValue(parent: Entry, name: string): string | undefined {
  if (NOT_INHERITED.has(name) || name === 'title' || name === 'subtitle') return undefined;
  const renamed = name === 'booktitle' ? 'title' : name === 'booksubtitle' ? 'subtitle' : null;
  if (renamed === null) return parent.own.get(name);
  const direct = parent.own.get(name);
  const mapped = parent.own.get(renamed);
  if (direct === undefined || mapped === undefined) return direct ?? mapped;
  for (const field of parent.own.keys()) if (field === name || field === renamed) return parent.own.get(field);
  return direct;
}

function toRecord(entry: Entry, fields: Fields, warn: (message: string) => void): BibRecord {
  const unknown = new Set<string>();
  const onUnknown = (command: string): void => {
    unknown.add(command);
  };
  const text = (name: string): string | null => {
    const value = fields.get(name);
    if (value === undefined) return null;
    return tidy(VERBATIM_FIELDS.has(name) ? latexVerbatim(value) : latexToUnicode(value, onUnknown));
  };
  const first = (...names: string[]): string | null => {
    for (const name of names) {
      const value = text(name);
      if (value) return value;
    }
    return null;
  };

  const record = emptyRecord();
  record.raw = entry.raw;
  record.sourceId = cleanText(entry.syntax.key);
  const type = ENTRY_TYPES.get(entry.syntax.type) ?? normaliseType(entry.syntax.type);
  record.type = type;
  if (type === 'other' && !ENTRY_TYPES.has(entry.syntax.type) && !KNOWN_OTHER_TYPES.has(entry.syntax.type)) {
    warn(`unknown entry type "@${entry.syntax.type}" read as "other"`);
  }

  const title = first('title');
  const subtitle = first('subtitle');
  record.title =
    title && subtitle ? `${title}${/[.:?!]$/.test(title) ? '' : ':'} ${subtitle}` : (title ?? subtitle);

  const authorField = fields.get('author');
  if (authorField !== undefined) {
    record.authors = cleanAuthors(
      splitNameList(authorField)
        .filter((name) => name.toLowerCase() !== 'others')
        .map((name) => formatName(parseName(name), (part) => latexToUnicode(part, onUnknown))),
    );
  }

  // Only the publication date: origdate (first edition) and urldate (access) would mislead dedup.
  record.year = parseYear(first('year')) ?? parseYear(first('date'));
  if (record.year == null && (fields.has('year') || fields.has('date')))
    warn(`no year could be read from "${first('year', 'date') ?? ''}"`);

  // A book's booktitle is its own title (BibLaTeX copies it so), not a container.
  record.journal =
    type === 'book'
      ? first('journal', 'journaltitle')
      : first('journal', 'journaltitle', 'booktitle', 'maintitle');
  record.volume = first('volume');
  record.issue = first('number', 'issue');
  // Zotero writes a single page as "405--405".
  record.pages = normalisePages(first('pages'))?.replace(/^([^-]+)-\1$/, '$1') ?? null;

  const eprintType = (first('eprinttype', 'archiveprefix') ?? '').toLowerCase();
  const eprint = first('eprint');
  record.doi =
    normaliseDoi(first('doi')) ??
    (eprintType === 'doi' ? normaliseDoi(eprint) : null) ??
    normaliseDoi(urlDoi(first('url')));
  record.pmid =
    normalisePmid(first('pmid')) ??
    (eprintType === 'pubmed' || eprintType === 'pmid' ? normalisePmid(eprint) : null);
  record.isbn = first('isbn');
  record.issn = first('issn');
  record.abstract = first('abstract');
  const keywords = first('keywords', 'keyword', 'mesh');
  record.keywords = keywords ? splitKeywords(keywords, keywordSeparator(keywords)) : [];
  record.language = first('language', 'langid');
  record.url = first('url') ?? urlFrom(first('howpublished'));

  if (unknown.size > 0)
    warn(
      `unknown LaTeX command${unknown.size > 1 ? 's' : ''} ${[...unknown].join(', ')} dropped (text kept)`,
    );
  return record;
}

// Standard types that legitimately map to "other" without a warning.
// prettier-ignore
const KNOWN_OTHER_TYPES = new Set(['misc', 'patent', 'software', 'artwork', 'audio', 'image', 'movie', 'music', 'performance', 'video', 'letter', 'jurisdiction', 'legislation', 'legal', 'standard', 'conversation', 'commentary', 'review']);

// Most values are already tidy; testing first spares cleanText's replace on long abstracts.
const UNTIDY = /[^\S ]| {2}|^ | $|\u200b/;

function tidy(value: string): string | null {
  if (value === '') return null;
  return UNTIDY.test(value) ? cleanText(value) : value;
}

/**
 * Keyword lists are joined with ";" (Sift, JabRef) or ", " (Zotero); a comma without a space
 * is then part of a keyword ("46,XX").
 */
function keywordSeparator(value: string): RegExp {
  if (value.includes(';')) return /[;\n]+/;
  return /,\s/.test(value) ? /,\s+|\n+/ : /[,\n]+/;
}

/** The DOI inside a doi.org URL, so url-only exports still carry it. */
function urlDoi(url: string | null): string | null {
  return url && /doi\.org\//i.test(url) ? url : null;
}

function urlFrom(value: string | null): string | null {
  const match = value ? /https?:\/\/\S+/.exec(value) : null;
  return match ? match[0] : null;
}
