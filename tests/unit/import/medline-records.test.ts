import { ParseError } from '../../../server/domain/errors';
import { parseMedline } from '../../../server/domain/import/medline';

// Records written as PubMed's "Save > PubMed format" (.nbib) writes them, from the records of
// tests/fixtures/import/medline/ cut down to the tags each test is about.
const FLEAS = [
  'PMID- 26754250',
  'OWN - NLM',
  'VI  - 16',
  'DP  - 2016 Jan 12',
  'TI  - On the probability of dinosaur fleas.',
  'PG  - 9',
  'LID - 10.1186/s12862-015-0568-x [doi]',
  'AB  - Recently, a set of publications described flea fossils from Jurassic and Early',
  '      Cretaceous geological strata in northeastern China.',
  'FAU - Dittmar, Katharina',
  'AU  - Dittmar K',
  'FAU - Zhu, Qiyun',
  'AU  - Zhu Q',
  'LA  - eng',
  'PT  - Journal Article',
  'TA  - BMC Evol Biol',
  'JT  - BMC evolutionary biology',
  'IS  - 1471-2148 (Electronic)',
  '',
].join('\n');

function only(text: string) {
  const result = parseMedline(text, 'pubmed.nbib');
  expect(result.records).toHaveLength(1);
  return { record: result.records[0]!, warnings: result.warnings };
}

describe('parseMedline() reads the lines of a PubMed export', () => {
  it('reads a record tag by tag, joining a wrapped value with a line break in raw', () => {
    const { record, warnings } = only(FLEAS);
    expect(warnings).toEqual([]);
    expect(record.raw.slice(0, 3)).toEqual([
      ['PMID', '26754250'],
      ['OWN', 'NLM'],
      ['VI', '16'],
    ]);
    expect(record.raw[7]).toEqual([
      'AB',
      'Recently, a set of publications described flea fossils from Jurassic and Early\nCretaceous geological strata in northeastern China.',
    ]);
    expect(record.raw).toHaveLength(17);
    expect(record).toMatchObject({
      sourceId: '26754250',
      pmid: '26754250',
      title: 'On the probability of dinosaur fleas.',
      authors: ['Dittmar, Katharina', 'Zhu, Qiyun'],
      year: 2016,
      type: 'journal-article',
      journal: 'BMC evolutionary biology',
      volume: '16',
      issue: null,
      pages: '9',
      doi: '10.1186/s12862-015-0568-x',
      issn: '1471-2148',
      isbn: null,
      abstract:
        'Recently, a set of publications described flea fossils from Jurassic and Early Cretaceous geological strata in northeastern China.',
      language: 'eng',
    });
  });

  it('reads tags of one to four letters padded to four, and trims only trailing spaces of a value', () => {
    const text = 'PMID- 1\nTI  - Title  \nIP  - 2\nSO  - Nature. 2001;1:2.\nLR  -   \nSB  -\n';
    const { record } = only(text);
    expect(record.raw).toEqual([
      ['PMID', '1'],
      ['TI', 'Title'],
      ['IP', '2'],
      ['SO', 'Nature. 2001;1:2.'],
      ['LR', ''],
      ['SB', ''],
    ]);
    expect(record.issue).toBe('2');
  });

  it('continues the field above with any line that is not a tag line', () => {
    const text = [
      'PMID- 1',
      'TI  - A title wrapped',
      '      on a second line',
      'AB  -',
      '      An abstract whose first line was empty.',
      'AD  - Department of X - University of Y',
      'lower-case text - not a tag',
      'A - one letter is no tag',
      'ABCDE- five letters are no tag',
      'AB    - four spaces are too many',
      'TI  -glued to its dash',
      '  AU  - indented: a continuation',
      '',
    ].join('\n');
    const { record } = only(text);
    expect(record.raw).toEqual([
      ['PMID', '1'],
      ['TI', 'A title wrapped\non a second line'],
      ['AB', 'An abstract whose first line was empty.'],
      [
        'AD',
        [
          'Department of X - University of Y',
          'lower-case text - not a tag',
          'A - one letter is no tag',
          'ABCDE- five letters are no tag',
          'AB    - four spaces are too many',
          'TI  -glued to its dash',
          'AU  - indented: a continuation',
        ].join('\n'),
      ],
    ]);
    expect(record.title).toBe('A title wrapped on a second line');
    expect(record.authors).toEqual([]);
  });

  it('reads tags holding digits (OTO, GN2-style) but not one starting with a digit', () => {
    const { record } = only('PMID- 1\nTI  - T\nOT  - Dinosaur\nC1  - holds a digit\n2AB - starts with one\n');
    expect(record.raw).toEqual([
      ['PMID', '1'],
      ['TI', 'T'],
      ['OT', 'Dinosaur'],
      ['C1', 'holds a digit\n2AB - starts with one'],
    ]);
  });

  it('separates records at blank lines (spaces and tabs count as blank), with CRLF line ends', () => {
    const text = 'PMID- 1\r\nTI  - One\r\n \t\r\nPMID- 2\r\nTI  - Two\r\n\r\n\r\nPMID- 3\r\nTI  - Three';
    const { records, warnings } = parseMedline(text, 'pubmed.nbib');
    expect(records.map((r) => [r.pmid, r.title])).toEqual([
      ['1', 'One'],
      ['2', 'Two'],
      ['3', 'Three'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('closes a record at a PMID line with no blank line before it, and says where', () => {
    const text =
      'PMID- 1\nTI  - One\nAU  - Smith J\nPMID- 2\nTI  - Two\n\nPMID- 3\nTI  - Three\nPMID- 4\nTI  - Four\n';
    const { records, warnings } = parseMedline(text, 'pubmed.nbib');
    expect(records.map((r) => [r.pmid, r.title, r.authors])).toEqual([
      ['1', 'One', ['Smith J']],
      ['2', 'Two', []],
      ['3', 'Three', []],
      ['4', 'Four', []],
    ]);
    expect(warnings).toEqual([
      {
        line: 1,
        record: 1,
        message: 'record has no blank line before the next PMID at line 4; it was closed there',
      },
      {
        line: 7,
        record: 3,
        message: 'record has no blank line before the next PMID at line 9; it was closed there',
      },
    ]);
  });

  it('keeps a record that does not start with PMID, from its first tag', () => {
    const { records, warnings } = parseMedline(
      'TI  - No PMID here\nAU  - Li X\n\nPMID- 2\nTI  - Two\n',
      'x.nbib',
    );
    expect(records.map((r) => [r.pmid, r.title, r.authors])).toEqual([
      [null, 'No PMID here', ['Li X']],
      ['2', 'Two', []],
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips text outside any record with one warning naming the count and the first line', () => {
    const text =
      '\nSearch: dinosaur fleas\n\nPMID- 1\nTI  - One\n\n   indented text after a blank line\nmore text\n';
    const { records, warnings } = parseMedline(text, 'x.nbib');
    expect(records.map((r) => r.title)).toEqual(['One']);
    expect(warnings).toEqual([
      {
        line: 2,
        record: null,
        message: '3 line(s) of text outside any record were skipped (first at line 2)',
      },
    ]);
  });

  it('warns about a record without a title, with its line and number', () => {
    const { warnings } = parseMedline('PMID- 1\nTI  - One\n\nPMID- 2\nAU  - Li X\n', 'x.nbib');
    expect(warnings).toEqual([{ line: 4, record: 2, message: 'record has no title' }]);
  });

  it('refuses a file of blank lines as empty, and one without a tag line at the first text line', () => {
    expect(() => parseMedline('', 'x.nbib')).toThrow(new ParseError('x.nbib', null, 'the file is empty'));
    expect(() => parseMedline('\ufeff\n \n\t\n', 'x.nbib')).toThrow(
      new ParseError('x.nbib', null, 'the file is empty'),
    );
    expect(() => parseMedline('\n\n<html>\n<body>\n', 'x.nbib')).toThrow(
      new ParseError('x.nbib', 3, 'no MEDLINE record found: expected a line like "PMID- 12345678"'),
    );
  });
});

describe('medlineRecord() maps MEDLINE tags to a record', () => {
  it('takes the book title (BTI) or the transliterated title (TT) when there is no TI', () => {
    const book = only('PMID- 1\nBTI - Dinosaurs of the world\nTT  - Dinosaurier der Welt\n').record;
    expect(book.title).toBe('Dinosaurs of the world');
    expect(only('PMID- 1\nTT  - Dinosaurier der Welt\n').record.title).toBe('Dinosaurier der Welt');
    expect(only('PMID- 1\nTI  - Own title\nBTI - Book title\n').record.title).toBe('Own title');
  });

  it('lists full names (FAU) with group authors (CN) in file order, or AU names when there is no FAU', () => {
    const text =
      'PMID- 1\nTI  - T\nFAU - Griffin, Darren K\nAU  - Griffin DK\nCN  - Dinosaur Genome Consortium\nFAU - Larkin, Denis M\nAU  - Larkin DM\nFAU - \n';
    expect(only(text).record.authors).toEqual([
      'Griffin, Darren K',
      'Dinosaur Genome Consortium',
      'Larkin, Denis M',
    ]);
    const short =
      'PMID- 1\nTI  - T\nAU  - Griffin DK\nCN  - Dinosaur Genome Consortium\nAU  - .\nAU  - Larkin DM\n';
    expect(only(short).record.authors).toEqual(['Griffin DK', 'Dinosaur Genome Consortium', 'Larkin DM']);
  });

  it('reads the year from DP, else the electronic date (DEP), else the Entrez dates', () => {
    expect(only('PMID- 1\nTI  - T\nDP  - 2020 Feb\nDEP - 20190325\n').record.year).toBe(2020);
    expect(only('PMID- 1\nTI  - T\nDEP - 20190325\nEDAT- 2018/03/30 06:00\n').record.year).toBe(2019);
    expect(only('PMID- 1\nTI  - T\nEDAT- 2018/03/30 06:00\nCRDT- 2017/03/30 06:00\n').record.year).toBe(2018);
    expect(only('PMID- 1\nTI  - T\nCRDT- 2017/03/30 06:00\n').record.year).toBe(2017);
  });

  it('warns about a date it cannot read a year from, and not about a missing date', () => {
    const unreadable = only('PMID- 1\nTI  - T\nDP  - Winter  issue\n');
    expect(unreadable.record.year).toBeNull();
    expect(unreadable.warnings).toEqual([
      { line: 1, record: 1, message: 'no year could be read from DP "Winter issue"' },
    ]);
    const missing = only('PMID- 1\nTI  - T\n');
    expect(missing.record.year).toBeNull();
    expect(missing.warnings).toEqual([]);
  });

  it('takes the first publication type it knows, else "other", else none', () => {
    expect(
      only('PMID- 1\nTI  - T\nPT  - Historical Article\nPT  - Journal Article\nPT  - Review\n').record.type,
    ).toBe('journal-article');
    expect(only("PMID- 1\nTI  - T\nPT  - Research Support, Non-U.S. Gov't\nPT  - Letter\n").record.type).toBe(
      'journal-article',
    );
    expect(
      only("PMID- 1\nTI  - T\nPT  - Research Support, Non-U.S. Gov't\nPT  - Historical Article\n").record
        .type,
    ).toBe('other');
    expect(only('PMID- 1\nTI  - T\n').record.type).toBeNull();
  });

  it('takes the full journal name (JT), else the abbreviation (TA)', () => {
    expect(
      only('PMID- 1\nTI  - T\nTA  - Eur J Med Genet\nJT  - European journal of medical genetics\n').record
        .journal,
    ).toBe('European journal of medical genetics');
    expect(only('PMID- 1\nTI  - T\nTA  - Eur J Med Genet\n').record.journal).toBe('Eur J Med Genet');
  });

  it('takes the DOI from the first LID or AID marked [doi] (any case) that holds one', () => {
    const pubmed =
      'PMID- 1\nTI  - T\nLID - S1769-7212(19)30059-X [pii]\nLID - 10.1016/j.ejmg.2019.03.004 [doi]\nLID - 103640\nAID - 10.1016/j.other.2019.1 [doi]\n';
    expect(only(pubmed).record.doi).toBe('10.1016/j.ejmg.2019.03.004');
    expect(only('PMID- 1\nTI  - T\nAID - 10.7554/eLife.80092 [DOI]\n').record.doi).toBe(
      '10.7554/elife.80092',
    );
    // Hand-edited files glue the mark to the DOI.
    expect(only('PMID- 1\nTI  - T\nAID - 10.7554/eLife.80092[doi]\n').record.doi).toBe('10.7554/elife.80092');
    expect(
      only('PMID- 1\nTI  - T\nLID - not a doi [doi]\nAID - 10.1038/s41586-022-04622-3 [doi]\n').record.doi,
    ).toBe('10.1038/s41586-022-04622-3');
    expect(only('PMID- 1\nTI  - T\nLID - 10.1038/s41586-022-04622-3 [pii]\n').record.doi).toBeNull();
  });

  it('reads ISSN from IS and ISBN from ISBN, issue and pages, repeated abstracts, keywords and MeSH terms', () => {
    const text = [
      'PMID- 1',
      'TI  - T',
      'IS  - 1878-0849 (Electronic)',
      'IS  - 1769-7212 (Print)',
      'ISBN- 978-3-16-148410-0',
      'IP  - 11',
      'PG  - 103-9',
      'AB  - First part.',
      'AB  - Second part.',
      'OT  - Dinosaur',
      'OT  - Karyotype',
      'MH  - Animals',
      'MH  - dinosaur',
      'LA  - ger',
      '',
    ].join('\n');
    expect(only(text).record).toMatchObject({
      issn: '1878-0849',
      isbn: '9783161484100',
      issue: '11',
      pages: '103-9',
      abstract: 'First part. Second part.',
      keywords: ['Dinosaur', 'Karyotype', 'Animals'],
      language: 'ger',
    });
  });
});
