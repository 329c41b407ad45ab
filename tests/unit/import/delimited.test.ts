import { ParseError } from '../../../server/domain/errors';
import { parseDelimited, sniffDelimiter } from '../../../server/domain/import/delimited';
import { parseFixture } from './fixtures';

describe('parseFile() on CSV, semicolon and tab exports', () => {
  it.each([
    ['delimited/_baseline_covidence.csv', 'csv', 10],
    ['delimited/_baseline_pubmed.csv', 'csv', 10],
    ['delimited/_baseline_rayyan.csv', 'csv', 10],
    ['delimited/_baseline_scopus.csv', 'csv', 10],
    ['delimited/_baseline_zotero.csv', 'csv', 10],
    ['delimited/embase.csv', 'csv', 6],
    ['delimited/generic_labels.csv', 'csv', 6],
    ['delimited/generic_bad_record_id.csv', 'csv', 6],
    ['delimited/generic_semicolon.csv', 'csv', 2],
    ['delimited/generic_tab.tsv', 'tsv', 2],
    ['delimited/missing_values.csv', 'csv', 4],
    ['delimited/duplicate_records.csv', 'csv', 14],
  ])('%s is %s with %i records', (file, format, count) => {
    const result = parseFixture(file);
    expect(result.format).toBe(format);
    expect(result.records).toHaveLength(count);
  });

  it.each([
    {
      file: 'delimited/_baseline_scopus.csv',
      index: 0,
      sourceId: '2-s2.0-85189760133',
      title: 'Global latitudinal gradients and the evolution of body size in dinosaurs and mammals',
      authors: ['Wilson, Lauren N.', 'Gardner, Jacob D.'],
      year: 2024,
      journal: 'Nature Communications',
      pages: '2864',
      doi: '10.1038/s41467-024-46843-2',
      abstract: 'Global climate patterns fundamentally shape',
    },
    {
      file: 'delimited/_baseline_pubmed.csv',
      index: 9,
      sourceId: '36122246',
      title: 'Low dinosaur biodiversity in central China 2 million years prior to the end-Cretaceous mass extinction',
      authors: ['Han F', 'Wang Q'],
      year: 2022,
      journal: 'Proc Natl Acad Sci U S A',
      pages: 'e2211234119',
      doi: '10.1073/pnas.2211234119',
      abstract: null,
    },
    {
      file: 'delimited/_baseline_rayyan.csv',
      index: 5,
      sourceId: 'rayyan-42924194',
      title:
        'Functional morphology of the Triassic apex predator Saurosuchus galilei (Pseudosuchia: Loricata) and convergence with a post-Triassic theropod dinosaur',
      authors: ['Fawcett, M.J.', 'Lautenschlager, S.'],
      year: 2024,
      journal: 'Anat. Rec.',
      pages: '549-565',
      doi: '10.1002/ar.25299',
      abstract: 'Pseudosuchian archosaurs',
    },
    {
      file: 'delimited/_baseline_covidence.csv',
      index: 3,
      sourceId: '7',
      title:
        'Erratum: Correction: A juvenile bird with possible crown-group affinities from a dinosaur-rich Cretaceous ecosystem in North America (BMC ecology and evolution (2024) 24 1 (20))',
      authors: ['Brownstein, C.D.'],
      year: 2024,
      journal: 'BMC ecology and evolution',
      pages: '32',
      doi: '10.1186/s12862-024-02216-3',
      abstract: null,
    },
    {
      file: 'delimited/_baseline_zotero.csv',
      index: 4,
      sourceId: 'ACNL49GC',
      title:
        'Erratum: Correction: A juvenile bird with possible crown-group affinities from a dinosaur-rich Cretaceous ecosystem in North America (BMC ecology and evolution (2024) 24 1 (20))',
      authors: ['Brownstein, C.D.'],
      year: 2024,
      journal: 'BMC ecology and evolution',
      pages: '32',
      doi: '10.1186/s12862-024-02216-3',
      abstract: null,
    },
    {
      file: 'delimited/embase.csv',
      index: 0,
      sourceId: null,
      title: 'Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound',
      authors: ['Liu R.', 'Adler D.G.'],
      year: 2014,
      journal: 'Endoscopic Ultrasound',
      pages: '152-160',
      doi: '10.4103/2303-9027.138783',
      abstract: 'Gastrointestinal tract duplication cysts are rare',
    },
  ])('$file row $index: columns mapped through the alias table', (expected) => {
    const record = parseFixture(expected.file).records[expected.index]!;
    expect(record.sourceId).toBe(expected.sourceId);
    expect(record.title).toBe(expected.title);
    expect(record.authors.slice(0, 2)).toEqual(expected.authors);
    expect(record.year).toBe(expected.year);
    expect(record.journal).toBe(expected.journal);
    expect(record.pages).toBe(expected.pages);
    expect(record.doi).toBe(expected.doi);
    if (expected.abstract) expect(record.abstract?.startsWith(expected.abstract)).toBe(true);
    else expect(record.abstract).toBeNull();
  });

  it('splits every author-list style: "; ", " and ", PubMed "Family XY, …."', () => {
    expect(parseFixture('delimited/_baseline_rayyan.csv').records[0]!.authors).toEqual(['Yang, Z.', 'Jiang, B.', 'Xu, J.', 'McNamara, M.E.']);
    expect(parseFixture('delimited/_baseline_covidence.csv').records[0]!.authors).toEqual(['Yang, Z.', 'Jiang, B.', 'Xu, J.', 'McNamara, M.E.']);
    expect(parseFixture('delimited/_baseline_pubmed.csv').records[0]!.authors).toEqual(['Griffin DK', 'Larkin DM', "O'Connor RE"]);
  });

  it('reads ASReview Python-list cells and the record_id column', () => {
    const { records, warnings } = parseFixture('delimited/generic_bad_record_id.csv');
    expect(records[0]!.authors).toEqual(['Marx, Karl', 'Lindgren, Astrid']);
    expect(records[0]!.keywords).toEqual(['Pippi', 'Nordwind', 'Piraten']);
    expect(records.map((r) => r.sourceId)).toEqual(['0', '0', '3', '4f', '5', '7']);
    expect(warnings).toContainEqual({ line: null, record: 1, message: '2 records share the id "0" (records 1, 2)' });
  });

  it('reads the same records from the semicolon and the tab variant', () => {
    const semicolon = parseFixture('delimited/generic_semicolon.csv').records;
    const tab = parseFixture('delimited/generic_tab.tsv').records;
    expect(tab.map((r) => ({ ...r, raw: [] }))).toEqual(semicolon.map((r) => ({ ...r, raw: [] })));
    expect(semicolon[1]!.title).toBe('The title of the reference');
    expect(semicolon[1]!.issn).toBe('1732-4208');
  });

  it('keeps every non-empty cell in raw under its header, in column order', () => {
    const record = parseFixture('delimited/duplicate_records.csv').records[0]!;
    expect(record.raw).toEqual([
      ['title', 'a'],
      ['abstract', 'lorem'],
      ['doi', '10.1'],
      ['some_column', 'lorem'],
    ]);
  });

  it('warns about rows without a title and keeps them', () => {
    const { records, warnings } = parseFixture('delimited/missing_values.csv');
    expect(records.map((r) => r.title)).toEqual(['Title of reference', null, 'Title of reference', null]);
    expect(warnings.map((w) => [w.line, w.record])).toEqual([
      [3, 2],
      [5, 4],
    ]);
  });

  it('keeps quoted multi-line cells and commas inside quotes', () => {
    const text = 'Title,Authors,Abstract\n"A, title","Smith, J.; Doe, A.","line one\nline two"\n';
    const [record] = parseDelimited(text, 'x.csv').records;
    expect(record!.title).toBe('A, title');
    expect(record!.authors).toEqual(['Smith, J.', 'Doe, A.']);
    expect(record!.abstract).toBe('line one line two');
    expect(record!.raw[2]).toEqual(['Abstract', 'line one\nline two']);
  });

  it('refuses a table with no title, abstract or DOI column, naming the file and line', () => {
    expect(() => parseDelimited('name,age\nBob,3\n', 'people.csv')).toThrow(
      new ParseError('people.csv', 1, 'the header row names no title, abstract or DOI column (found: name, age)'),
    );
  });

  it('refuses an unterminated quote with the line it starts on', () => {
    expect(() => parseDelimited('title,abstract\n"open quote,never closed\nmore\n', 'broken.csv')).toThrow(ParseError);
  });

  it.each([
    ['a,b;c\n', ','],
    ['a;b;c,d\n', ';'],
    ['a\tb\tc,d\n', '\t'],
    ['"a;b;c",d,e\n', ','],
  ])('sniffDelimiter(%j) is %j', (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });
});

describe('OpenAlex flat CSV columns', () => {
  it('reads dotted column names and pipe-separated lists', () => {
    const text = [
      'id,doi,display_name,publication_year,authorships.author.display_name,primary_location.source.display_name,biblio.volume,biblio.first_page,biblio.last_page,keywords.display_name',
      'https://openalex.org/W1,https://doi.org/10.1016/J.CRETRES.2023.105752,A bioprovince,2024,Alba Vicente|Josep Sanjuan,Cretaceous Research,154,1,12,Aptian|Paleoclimatology',
    ].join('\n');
    const [record] = parseDelimited(text, 'openalex.csv').records;
    expect(record!.sourceId).toBe('https://openalex.org/W1');
    expect(record!.doi).toBe('10.1016/j.cretres.2023.105752');
    expect(record!.title).toBe('A bioprovince');
    expect(record!.authors).toEqual(['Alba Vicente', 'Josep Sanjuan']);
    expect(record!.journal).toBe('Cretaceous Research');
    expect(record!.volume).toBe('154');
    expect(record!.pages).toBe('1-12');
    expect(record!.keywords).toEqual(['Aptian', 'Paleoclimatology']);
  });
});
