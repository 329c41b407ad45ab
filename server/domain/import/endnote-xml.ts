import { ParseError } from '../errors';
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
import { emptyRecord, type BibRecord, type ParseWarning } from './types';
import { elementsAt, flattenFields, textAt, textOf, type XmlElement } from './xml';
import { readXmlRecords } from './xml-records';

// EndNote wraps every value in <style face=… font=… size=…>; Zotero and Mendeley write plain text.
const INLINE = new Set(['style']);
// The library's file name and path say nothing about the work.
const SKIP = new Set(['database']);

// EndNote reference-type names that the shared vocabulary does not recognise by itself.
const REF_TYPES = new Map<string, string>([
  ['electronic article', 'journal-article'],
  ['magazine article', 'journal-article'],
  ['edited book', 'book'],
  ['electronic book', 'book'],
  ['electronic book section', 'book-chapter'],
  ['web page', 'webpage'],
  ['government document', 'report'],
  ['conference paper', 'conference-paper'],
  ['unpublished work', 'preprint'],
]);

const ISSN = /\b\d{4}-?\d{3}[\dXx]\b/;

/**
 * Reads EndNote XML (<xml><records><record>…) as written by EndNote, Zotero and Mendeley.
 * Each record keeps every field as [path, text] pairs ("titles/title", "contributors/authors/author").
 */
export function parseEndnoteXml(
  text: string,
  fileName: string,
): { records: BibRecord[]; warnings: ParseWarning[] } {
  const { records: found, warnings, roots } = readXmlRecords(text, fileName, ['record']);
  if (found.length === 0) {
    const names = roots.map((r) => `<${r}>`).join(', ') || 'nothing';
    throw new ParseError(fileName, null, `no EndNote <record> found (the document holds ${names})`);
  }
  const records = found.map(({ element, line }, index) => {
    const record = endnoteRecord(element);
    if (!record.title) warnings.push({ line, record: index + 1, message: 'record has no title' });
    return record;
  });
  return { records, warnings };
}

function endnoteRecord(element: XmlElement): BibRecord {
  const value = (path: string): string | null => cleanText(textAt(element, path));
  const record = emptyRecord();
  record.raw = flattenFields(element, INLINE, SKIP);
  record.sourceId = value('rec-number');

  const refType = elementsAt(element, 'ref-type')[0];
  const typeName = cleanText(refType?.attrs.name);
  record.type = (typeName && REF_TYPES.get(typeName.toLowerCase())) ?? normaliseType(typeName);

  record.title = value('titles/title');
  record.authors = cleanAuthors(elementsAt(element, 'contributors/authors/author').map((a) => textOf(a)));
  record.year = parseYear(value('dates/year')) ?? parseYear(value('dates/pub-dates/date'));
  record.journal =
    value('periodical/full-title') ??
    value('titles/secondary-title') ??
    value('alt-periodical/full-title') ??
    value('periodical/abbr-1');
  record.volume = value('volume');
  record.issue = value('number') ?? value('issue');
  record.pages = normalisePages(value('pages'));
  record.doi =
    normaliseDoi(value('electronic-resource-num')) ??
    firstDoi(elementsAt(element, 'urls/related-urls/url').map((u) => textOf(u)));

  // EndNote's one "ISBN/ISSN" field holds either, sometimes several separated by spaces.
  const numbers = value('isbn');
  if (numbers) {
    const issn = ISSN.exec(numbers);
    const isJournal = record.type === 'journal-article';
    if (issn && (isJournal || numbers.replace(/[^\dXx]/g, '').length <= 8)) record.issn = issn[0];
    else record.isbn = numbers;
  }

  // The accession number is the PMID when the record came from PubMed (all digits).
  const accession = value('accession-num');
  const provider = `${value('remote-database-provider') ?? ''} ${value('remote-database-name') ?? ''}`;
  if (
    accession &&
    /^\d{1,9}$/.test(accession) &&
    (/pubmed|medline|nlm/i.test(provider) || provider.trim() === '')
  ) {
    record.pmid = normalisePmid(accession);
  }

  record.abstract = value('abstract');
  record.keywords = splitKeywords(
    elementsAt(element, 'keywords/keyword')
      .map((k) => textOf(k))
      .join('\n'),
    /[\n\r]+/,
  );
  record.language = value('language');
  record.url = value('urls/related-urls/url') ?? value('urls/web-urls/url');
  return record;
}

function firstDoi(values: string[]): string | null {
  for (const value of values) {
    const doi = normaliseDoi(value);
    if (doi) return doi;
  }
  return null;
}
