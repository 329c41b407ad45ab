import { ParseError } from '../errors';
import {
  cleanAuthors,
  cleanText,
  joinPages,
  normaliseDoi,
  normalisePages,
  normalisePmid,
  parseYear,
  splitKeywords,
  type RecordType,
} from './normalise';
import { emptyRecord, type BibRecord, type ParseWarning } from './types';
import { childElements, elementsAt, flattenFields, textAt, textOf, type XmlElement } from './xml';
import { readXmlRecords } from './xml-records';

// Inline markup PubMed allows inside titles and abstracts.
const INLINE = new Set(['i', 'b', 'u', 'sup', 'sub', 'mml:math', 'math', 'DispFormula']);

/**
 * Reads PubMed XML (PubmedArticleSet with PubmedArticle and PubmedBookArticle): labelled
 * abstract sections, the DOI from ELocationID or ArticleId, MeSH headings and author
 * keywords as keywords. Each record keeps every field as [path, text] pairs.
 */
export function parsePubmedXml(
  text: string,
  fileName: string,
): { records: BibRecord[]; warnings: ParseWarning[] } {
  const {
    records: found,
    warnings,
    roots,
  } = readXmlRecords(text, fileName, ['PubmedArticle', 'PubmedBookArticle']);
  if (found.length === 0) {
    const names = roots.map((r) => `<${r}>`).join(', ') || 'nothing';
    throw new ParseError(fileName, null, `no <PubmedArticle> found (the document holds ${names})`);
  }
  const records = found.map(({ element, line }, index) => {
    const record = element.name === 'PubmedBookArticle' ? bookRecord(element) : articleRecord(element);
    if (!record.title) warnings.push({ line, record: index + 1, message: 'record has no title' });
    return record;
  });
  return { records, warnings };
}

function articleRecord(element: XmlElement): BibRecord {
  const citation = elementsAt(element, 'MedlineCitation')[0];
  const article = elementsAt(citation, 'Article')[0];
  const journal = elementsAt(article, 'Journal')[0];
  const record = emptyRecord();
  record.raw = flattenFields(element, INLINE);

  record.pmid = normalisePmid(textAt(citation, 'PMID'));
  record.sourceId = record.pmid;
  record.type = publicationType(
    elementsAt(article, 'PublicationTypeList/PublicationType').map((e) => textOf(e)),
  );
  record.title = cleanText(textAt(article, 'ArticleTitle')) ?? cleanText(textAt(article, 'VernacularTitle'));
  record.authors = authors(elementsAt(article, 'AuthorList/Author'));
  record.year =
    pubYear(elementsAt(journal, 'JournalIssue/PubDate')[0]) ?? pubYear(elementsAt(article, 'ArticleDate')[0]);
  record.journal = cleanText(textAt(journal, 'Title')) ?? cleanText(textAt(journal, 'ISOAbbreviation'));
  record.volume = cleanText(textAt(journal, 'JournalIssue/Volume'));
  record.issue = cleanText(textAt(journal, 'JournalIssue/Issue'));
  record.pages =
    normalisePages(textAt(article, 'Pagination/MedlinePgn')) ??
    joinPages(textAt(article, 'Pagination/StartPage'), textAt(article, 'Pagination/EndPage'));
  record.issn =
    cleanText(textAt(journal, 'ISSN')) ?? cleanText(textAt(citation, 'MedlineJournalInfo/ISSNLinking'));
  record.doi =
    doiFrom(elementsAt(article, 'ELocationID'), 'EIdType') ??
    doiFrom(elementsAt(element, 'PubmedData/ArticleIdList/ArticleId'), 'IdType');
  record.abstract = abstractText(elementsAt(article, 'Abstract')[0]);
  record.keywords = keywords(citation);
  record.language = cleanText(textAt(article, 'Language'));
  return record;
}

function bookRecord(element: XmlElement): BibRecord {
  const document = elementsAt(element, 'BookDocument')[0];
  const book = elementsAt(document, 'Book')[0];
  const record = emptyRecord();
  record.raw = flattenFields(element, INLINE);

  record.pmid = normalisePmid(textAt(document, 'PMID'));
  record.sourceId = record.pmid;
  const chapterTitle = cleanText(textAt(document, 'ArticleTitle'));
  const bookTitle = cleanText(textAt(book, 'BookTitle'));
  // A chapter of a book (GeneReviews, StatPearls) has its own title; the book is its container.
  record.type = chapterTitle ? 'book-chapter' : 'book';
  record.title = chapterTitle ?? bookTitle;
  record.journal = chapterTitle ? bookTitle : null;
  record.authors = authors([
    ...elementsAt(document, 'AuthorList/Author'),
    ...(chapterTitle ? [] : elementsAt(book, 'AuthorList/Author')),
  ]);
  record.year =
    pubYear(elementsAt(book, 'PubDate')[0]) ?? pubYear(elementsAt(document, 'ContributionDate')[0]);
  record.volume = cleanText(textAt(book, 'Volume'));
  record.isbn = cleanText(textAt(book, 'Isbn'));
  record.doi =
    doiFrom(elementsAt(document, 'ArticleIdList/ArticleId'), 'IdType') ??
    doiFrom(elementsAt(element, 'PubmedBookData/ArticleIdList/ArticleId'), 'IdType') ??
    doiFrom(elementsAt(document, 'ELocationID'), 'EIdType');
  record.abstract = abstractText(elementsAt(document, 'Abstract')[0]);
  record.keywords = keywords(document);
  record.language = cleanText(textAt(document, 'Language'));
  return record;
}

/** "Family, Given" from LastName/ForeName (or Initials), Suffix appended; group authors as named. */
function authors(elements: XmlElement[]): string[] {
  return cleanAuthors(
    elements.map((author) => {
      const collective = cleanText(textAt(author, 'CollectiveName'));
      if (collective) return collective;
      const last = cleanText(textAt(author, 'LastName'));
      const given = cleanText(textAt(author, 'ForeName')) ?? cleanText(textAt(author, 'Initials'));
      const suffix = cleanText(textAt(author, 'Suffix'));
      if (!last) return given;
      return [last, given, suffix].filter((p) => p).join(', ');
    }),
  );
}

function pubYear(date: XmlElement | undefined): number | null {
  if (!date) return null;
  return parseYear(textAt(date, 'Year')) ?? parseYear(textAt(date, 'MedlineDate'));
}

function doiFrom(elements: XmlElement[], typeAttribute: string): string | null {
  for (const element of elements) {
    if (element.attrs[typeAttribute]?.toLowerCase() === 'doi') {
      const doi = normaliseDoi(textOf(element));
      if (doi) return doi;
    }
  }
  return null;
}

/** Abstract sections joined as "LABEL: text" paragraphs, as PubMed shows them. */
function abstractText(abstract: XmlElement | undefined): string | null {
  const sections = childElements(abstract, 'AbstractText')
    .map((section) => {
      const text = cleanText(textOf(section));
      if (!text) return null;
      const label = cleanText(section.attrs.Label);
      return label ? `${label}: ${text}` : text;
    })
    .filter((s): s is string => s !== null);
  return sections.length > 0 ? sections.join('\n') : null;
}

/** MeSH descriptors, then author keywords (qualifiers stay in the raw fields). */
function keywords(container: XmlElement | undefined): string[] {
  const terms: string[] = [];
  for (const heading of elementsAt(container, 'MeshHeadingList/MeshHeading'))
    terms.push(textAt(heading, 'DescriptorName'));
  for (const keyword of elementsAt(container, 'KeywordList/Keyword')) terms.push(textOf(keyword));
  return splitKeywords(terms.join('\n'), /\n+/);
}

// PubMed publication types, most specific first; anything else is an article.
const PUBLICATION_TYPES: [RegExp, RecordType][] = [
  [/^preprint$/i, 'preprint'],
  [/^dataset$/i, 'dataset'],
  [/^congress$|^conference/i, 'conference-paper'],
  [/^(technical )?report$/i, 'report'],
  [/^(thesis|dissertation)$/i, 'thesis'],
];

function publicationType(types: string[]): RecordType {
  for (const [pattern, type] of PUBLICATION_TYPES) if (types.some((t) => pattern.test(t.trim()))) return type;
  return 'journal-article';
}
