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

// WoS PT codes: J journal, B book, S book in series, P patent, C conference.
const PUBLICATION_TYPES: Record<string, string> = {
  J: 'journal-article',
  B: 'book',
  S: 'book',
  C: 'conference-paper',
  P: 'other',
};

/**
 * Normalised fields of one Web of Science record, shared by the plain-text (FN/VR) and the
 * tab-delimited exports, which use the same two-letter field tags. List fields (AU, AF, CR)
 * hold one item per line in plain text and "; "-separated items in tab-delimited files.
 */
export function wosRecord(raw: RawField[], warn: (message: string) => void): BibRecord {
  const tags = new TagIndex(raw);
  const record = emptyRecord();
  record.raw = raw;

  record.sourceId = cleanText(tags.first('UT', 'AN'));
  const documentType = tags.first('DT');
  const documentKind = documentType ? normaliseType(documentType.split(/[;\n]/)[0]) : null;
  const publicationType = cleanText(tags.first('PT'));
  record.type =
    documentKind && documentKind !== 'other'
      ? documentKind
      : ((publicationType && PUBLICATION_TYPES[publicationType.toUpperCase()]) ??
        documentKind ??
        normaliseType(publicationType));
  record.title = cleanText(tags.first('TI'));

  const names = tags.first('AF') ?? tags.first('AU');
  const authors: string[] = [];
  for (const part of [
    ...(names ? names.split(/\n|;/) : []),
    ...tags.values('CA').flatMap((v) => v.split(/\n|;/)),
  ]) {
    const name = cleanName(part);
    if (name) authors.push(name);
  }
  record.authors = authors;

  const date = tags.first('PY', 'PD', 'EA', 'EY');
  record.year = parseYear(date);
  if (record.year == null && date) warn(`no year could be read from PY "${cleanText(date)}"`);

  record.journal = cleanText(tags.first('SO', 'SE', 'BS'));
  record.volume = cleanText(tags.first('VL'));
  record.issue = cleanText(tags.first('IS'));
  record.pages = normalisePages(joinPages(tags.first('BP'), tags.first('EP')) ?? tags.first('AR', 'PS'));
  record.doi = normaliseDoi(tags.first('DI', 'D2'));
  const accession = tags.first('AN');
  const medline = /^\s*MEDLINE:/i.test(tags.first('UT') ?? '') && accession && /^\s*\d+\s*$/.test(accession);
  record.pmid = normalisePmid(tags.first('PM')) ?? (medline ? normalisePmid(accession) : null);
  record.issn = classifyStandardNumber(tags.first('SN', 'EI')).issn;
  record.isbn = classifyStandardNumber(tags.first('BN')).isbn;
  record.abstract = cleanText(tags.values('AB').join('\n'));
  // Keyword lines wrap mid-phrase in plain text; only ";" separates keywords.
  // MEDLINE through WoS lists MeSH headings as "Animals. Birds / *physiology. …".
  const mesh = tags.values('MH').map((v) => (v.includes(';') ? v : v.replace(/\.\s+(?=[*A-Z])/g, ';')));
  record.keywords = splitKeywords(
    [...tags.values('DE', 'ID'), ...mesh].map((v) => v.replace(/\n/g, ' ')).join(';'),
    /;+/,
  );
  record.language = cleanText(tags.first('LA'));
  return record;
}
