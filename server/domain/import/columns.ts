/**
 * The table of alternative column names, after the pattern of ASReview's readers: every
 * field lists the headers tools give it, in order of preference. Headers are compared by
 * `columnKey()` (lower case, letters and digits only), so "Author/s", "Authors" and
 * "AUTHORS" are one column, as are "Art. No." and "art no".
 */
export type ColumnField =
  | 'sourceId'
  | 'type'
  | 'title'
  | 'authors'
  | 'year'
  | 'journal'
  | 'volume'
  | 'issue'
  | 'pages'
  | 'startPage'
  | 'endPage'
  | 'articleNumber'
  | 'doi'
  | 'pmid'
  | 'isbn'
  | 'issn'
  | 'abstract'
  | 'keywords'
  | 'language'
  | 'url';

export const COLUMN_ALIASES: Record<ColumnField, string[]> = {
  // record_id is ASReview's own identifier; the rest are each tool's accession or key.
  sourceId: ['record_id', 'id', 'key', 'Covidence #', 'Lens ID', 'EID', 'UT (Unique WOS ID)', 'Unique WOS ID', 'UT', 'Accession Number', 'AN', 'ItemId', 'Record Number', 'PMID', 'PubMed ID', 'pubmed_id'],
  type: ['Document Type', 'Item Type', 'Publication Type', 'type_of_reference', 'Reference Type', 'Type', 'type_crossref', 'DT', 'PT', 'TY'],
  title: ['title', 'Article Title', 'Document Title', 'primary_title', 'Primary Title', 'display_name', 'TI', 'T1'],
  // Scopus "Author full names" carries "Family, Given (id)"; prefer it to the initials-only "Authors".
  authors: ['Author full names', 'authors', 'Author', 'Author/s', 'Author Names', 'Author(s)', 'first_authors', 'authorships.author.display_name', 'AF', 'AU', 'A1', 'Creator', 'Creators'],
  year: ['year', 'Publication Year', 'Published Year', 'publication_year', 'PubYear', 'PY', 'Y1', 'Date', 'Date Published', 'Publication Date', 'Year Published', 'publication_date', 'Create Date'],
  journal: ['journal', 'Source Title', 'Publication Title', 'Journal/Book', 'secondary_title', 'Journal Title', 'Journal Name', 'Venue', 'container-title', 'Publication Name', 'primary_location.source.display_name', 'host_venue.display_name', 'SO', 'T2', 'JF', 'JO', 'Journal Abbreviation', 'Abbreviated Source Title'],
  volume: ['volume', 'VL', 'Volume Number', 'biblio.volume'],
  issue: ['issue', 'Issue Number', 'number', 'IS', 'biblio.issue'],
  pages: ['pages', 'page', 'Page Range', 'Pagination', 'PG'],
  startPage: ['Page start', 'Start Page', 'start_page', 'Beginning Page', 'First Page', 'biblio.first_page', 'SP', 'BP'],
  endPage: ['Page end', 'End Page', 'end_page', 'Ending Page', 'Last Page', 'biblio.last_page', 'EP'],
  articleNumber: ['Art. No.', 'Article Number', 'AR', 'C7'],
  doi: ['doi', 'DI', 'DO', 'DOI Link'],
  pmid: ['PMID', 'PubMed ID', 'pubmed_id', 'ids.pmid', 'PM'],
  isbn: ['isbn', 'ISBNs', 'BN'],
  issn: ['issn', 'ISSNs', 'eISSN', 'primary_location.source.issn_l', 'SN', 'EI'],
  abstract: ['abstract', 'Abstract Note', 'notes_abstract', 'AB', 'N2', 'Summary', 'Description'],
  keywords: ['Author Keywords', 'keywords', 'Index Keywords', 'Keywords Plus', 'Manual Tags', 'Automatic Tags', 'MeSH Terms', 'keywords.display_name', 'concepts.display_name', 'DE', 'KW', 'Tags'],
  language: ['language', 'Language of Original Document', 'LA'],
  url: ['url', 'Link', 'Links', 'External URL', 'Source URLs', 'primary_location.landing_page_url', 'UR'],
};

/** Fields whose values from several matching columns are combined instead of the first one winning. */
export const COMBINED_FIELDS = new Set<ColumnField>(['keywords']);

/** The comparison key of a column header. */
export function columnKey(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** For each field, the indexes of the header's columns that hold it, best first. */
export function mapColumns(header: string[]): Map<ColumnField, number[]> {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = columnKey(name);
    if (key !== '' && !positions.has(key)) positions.set(key, index);
  });
  const mapping = new Map<ColumnField, number[]>();
  for (const [field, aliases] of Object.entries(COLUMN_ALIASES) as [ColumnField, string[]][]) {
    const indexes: number[] = [];
    for (const alias of aliases) {
      const index = positions.get(columnKey(alias));
      if (index != null && !indexes.includes(index)) indexes.push(index);
    }
    if (indexes.length > 0) mapping.set(field, indexes);
  }
  return mapping;
}
