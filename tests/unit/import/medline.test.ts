import { ParseError } from '../../../server/domain/errors';
import { parseMedline } from '../../../server/domain/import/medline';
import { parseFixture } from './fixtures';

describe('parseFile() on PubMed MEDLINE (.nbib/.txt)', () => {
  it('reads a MEDLINE file that PubMed users saved as .ris as MEDLINE (50 records)', () => {
    const result = parseFixture('medline/_baseline_pubmed.ris');
    expect(result.format).toBe('medline');
    expect(result.records).toHaveLength(50);
    expect(result.warnings).toEqual([]);
  });

  it('reads example_pubmed.txt (10 records)', () => {
    const result = parseFixture('medline/example_pubmed.txt');
    expect(result.format).toBe('medline');
    expect(result.records).toHaveLength(10);
  });

  it.each([
    {
      file: 'medline/_baseline_pubmed.ris',
      index: 0,
      pmid: '30922926',
      title: 'Time lapse: A glimpse into prehistoric genomics.',
      authors: ['Griffin, Darren K', 'Larkin, Denis M', "O'Connor, Rebecca E"],
      year: 2020,
      journal: 'European journal of medical genetics',
      volume: '63',
      issue: '2',
      pages: '103640',
      doi: '10.1016/j.ejmg.2019.03.004',
      issn: '1878-0849',
      abstract: "For the purpose of this review, 'time-lapse' refers to the reconstruction of ancestral (in this case dinosaur) karyotypes",
    },
    {
      file: 'medline/_baseline_pubmed.ris',
      index: 49,
      pmid: '26605799',
      title: 'Eggshell Porosity Provides Insight on Evolution of Nesting in Dinosaurs.',
      authors: ['Tanaka, Kohei', 'Zelenitsky, Darla K', 'Therrien, François'],
      year: 2015,
      journal: 'PloS one',
      volume: '10',
      issue: '11',
      pages: 'e0142829',
      doi: '10.1371/journal.pone.0142829',
      issn: '1932-6203',
      abstract: 'Knowledge about the types of nests built by dinosaurs',
    },
    {
      file: 'medline/example_pubmed.txt',
      index: 3,
      pmid: '26754250',
      title: 'On the probability of dinosaur fleas.',
      authors: ['Dittmar, Katharina', 'Zhu, Qiyun', 'Hastriter, Michael W', 'Whiting, Michael F'],
      year: 2016,
      journal: 'BMC evolutionary biology',
      volume: '16',
      issue: null,
      pages: '9',
      doi: '10.1186/s12862-015-0568-x',
      issn: '1471-2148',
      abstract: 'Recently, a set of publications described flea fossils',
    },
  ])('$file record $index: PMID, full author names, wrapped abstract, DOI from LID', (expected) => {
    const record = parseFixture(expected.file).records[expected.index]!;
    expect(record.sourceId).toBe(expected.pmid);
    expect(record.pmid).toBe(expected.pmid);
    expect(record.title).toBe(expected.title);
    expect(record.authors).toEqual(expected.authors);
    expect(record.year).toBe(expected.year);
    expect(record.journal).toBe(expected.journal);
    expect(record.volume).toBe(expected.volume);
    expect(record.issue).toBe(expected.issue);
    expect(record.pages).toBe(expected.pages);
    expect(record.doi).toBe(expected.doi);
    expect(record.issn).toBe(expected.issn);
    expect(record.abstract?.startsWith(expected.abstract)).toBe(true);
    expect(record.type).toBe('journal-article');
    expect(record.language).toBe('eng');
  });

  it('keeps wrapped values in raw with their line breaks and all repeated tags', () => {
    const record = parseFixture('medline/_baseline_pubmed.ris').records[0]!;
    const abstract = record.raw.find(([tag]) => tag === 'AB')![1];
    expect(abstract.split('\n')[1]).toBe('ancestral (in this case dinosaur) karyotypes using genome assemblies of extant');
    expect(record.raw.filter(([tag]) => tag === 'IS')).toHaveLength(3);
    expect(record.raw[0]).toEqual(['PMID', '30922926']);
    expect(record.keywords).toEqual(expect.arrayContaining(['Dinosaur', 'Dinosaurs/genetics']));
  });

  it('uses AU names when a record has no FAU', () => {
    const text = 'PMID- 1\nTI  - A title\nAU  - Smith J\nAU  - Jones K\nDP  - 1999 Jan\n';
    const [record] = parseMedline(text, 'x.nbib').records;
    expect(record!.authors).toEqual(['Smith J', 'Jones K']);
    expect(record!.year).toBe(1999);
  });

  it('fails with file and line when there is no MEDLINE record', () => {
    expect(() => parseMedline('\nno tags at all\n', 'x.nbib')).toThrow(new ParseError('x.nbib', 2, 'no MEDLINE record found: expected a line like "PMID- 12345678"'));
  });
});
