import { ParseError } from '../../../server/domain/errors';
import { parseFile } from '../../../server/domain/import';
import { parseRis } from '../../../server/domain/import/ris';
import { fixtureBytes, parseFixture } from './fixtures';

describe('parseFile() on RIS from each exporting tool', () => {
  // Record counts are those of /work/shared/corpus/MANIFEST.md.
  it.each([
    ['ris/_baseline_cinahl.ris', 9],
    ['ris/_baseline_embase.ris', 10],
    ['ris/_baseline_endnote.ris', 10],
    ['ris/_baseline_googlescholar.ris', 10],
    ['ris/_baseline_mendeley.ris', 10],
    ['ris/_baseline_openalex.ris', 9],
    ['ris/_baseline_rayyan.ris', 10],
    ['ris/_baseline_scopus.ris', 10],
    ['ris/_baseline_webofscience.ris', 10],
    ['ris/_baseline_zotero.ris', 10],
    ['ris/baseline_reference_types.ris', 61],
    ['ris/baseline_empty_values.ris', 4],
    ['ris/embase.ris', 6],
    ['ris/faulty_year.ris', 1],
    ['ris/ovid_psycinfo.ris', 6],
    ['ris/proquest.ris', 6],
    ['ris/pubmed_endnote.txt', 6],
    ['ris/pubmed_zotero.ris', 6],
    ['ris/ris_issue_1099.txt', 7],
    ['ris/ris_issue_992.txt', 19],
    ['ris/ris_many_authors.ris', 1],
    ['ris/web_of_science.txt', 10],
    ['ris/wos_test.ris', 50],
    ['ris/example_extraneous_data.ris', 2],
    ['ris/example_multiline.ris', 3],
    ['ris/example_endnote.ris', 1],
    ['ris/example_bom.ris', 1],
    ['ris/example_empty_tag.ris', 1],
  ])('%s is RIS with %i records', (file, count) => {
    const result = parseFixture(file);
    expect(result.format).toBe('ris');
    expect(result.records).toHaveLength(count);
  });

  it.each([
    {
      file: 'ris/_baseline_scopus.ris',
      index: 1,
      title: 'The origin of an invasive air sac system in sauropodomorph dinosaurs',
      firstAuthor: 'Aureliano, T.',
      authors: 7,
      year: 2024,
      journal: 'Anatomical Record',
      pages: '1084-1092',
      doi: '10.1002/ar.25209',
      abstract: 'One of the most remarkable features in sauropod dinosaurs',
    },
    {
      file: 'ris/_baseline_embase.ris',
      index: 0,
      title: 'Cellular structure of dinosaur scales reveals retention of reptile-type skin during the evolutionary transition to feathers',
      firstAuthor: 'Yang, Z.',
      authors: 4,
      year: 2024,
      journal: 'Nature Communications',
      pages: null,
      doi: '10.1038/s41467-024-48400-3',
      abstract: 'Fossil feathers have transformed our understanding',
    },
    {
      file: 'ris/_baseline_webofscience.ris',
      index: 1,
      title: 'Dinosaur footprints from Arizona',
      firstAuthor: 'Riggs, ES',
      authors: 1,
      year: 1904,
      journal: 'AMERICAN JOURNAL OF SCIENCE',
      pages: '423-424',
      doi: '10.2475/ajs.s4-17.102.423',
      abstract: null,
    },
    {
      file: 'ris/_baseline_cinahl.ris',
      index: 0,
      title: 'Osteohistological insight into the growth dynamics of early dinosaurs and their contemporaries.',
      firstAuthor: 'Curry Rogers, Kristina',
      authors: 5,
      year: 2024,
      journal: 'PLoS ONE',
      pages: '1-60',
      doi: '10.1371/journal.pone.0298242',
      abstract: "Dinosauria debuted on Earth's stage",
    },
    {
      file: 'ris/_baseline_googlescholar.ris',
      index: 0,
      title: 'Did dinosaurs invent flowers? Dinosaur–angiosperm coevolution revisited',
      firstAuthor: 'Barrett, Paul M',
      authors: 2,
      year: 2001,
      journal: 'Biological Reviews',
      pages: '411-447',
      doi: null,
      abstract: null,
    },
    {
      file: 'ris/_baseline_openalex.ris',
      index: 0,
      title: 'A bioprovince for the Barremian–Aptian charophytes of the Central Tethyan Archipelago',
      firstAuthor: 'Vicente, Alba',
      authors: 5,
      year: 2024,
      journal: 'Cretaceous Research',
      pages: '105752',
      doi: '10.1016/j.cretres.2023.105752',
      abstract: 'A comprehensive bibliographic compilation',
    },
    {
      file: 'ris/_baseline_endnote.ris',
      index: 0,
      title: 'Description of a new specimen of Haplocanthosaurus from the Dry Mesa Dinosaur Quarry',
      firstAuthor: 'Boisvert, C.',
      authors: 4,
      year: 2024,
      journal: 'Anatomical Record',
      pages: null,
      doi: '10.1002/ar.25520',
      abstract: 'A new specimen of Haplocanthosaurus is described',
    },
    {
      file: 'ris/_baseline_rayyan.ris',
      index: 1,
      title:
        'Erratum: Author Correction: A remarkable assemblage of petroglyphs and dinosaur footprints in Northeast Brazil (Scientific reports (2024) 14 1 DOI: 10.1038/s41598-024-56479-3)',
      firstAuthor: 'Troiano, L.P.',
      authors: 4,
      year: 2024,
      journal: 'Sci Rep',
      pages: '14316',
      doi: '10.1038/s41598-024-65283-y',
      abstract: null,
    },
    {
      file: 'ris/ovid_psycinfo.ris',
      index: 1,
      title: 'Gender differences in inflammatory bowel disease: Explaining body image dissatisfaction.',
      firstAuthor: 'Trindade, Ines A',
      authors: 4,
      year: 2019,
      journal: 'Journal of Health Psychology',
      pages: '847-856',
      doi: '10.1177/1359105317742958',
      abstract: 'The aim of this study was to examine the role of body image',
    },
    {
      file: 'ris/pubmed_endnote.txt',
      index: 0,
      title: 'Boswellia serrata: an overall assessment of in vitro, preclinical, pharmacokinetic and clinical data',
      firstAuthor: 'Abdel-Tawab, M.',
      authors: 3,
      year: 2011,
      journal: 'Clin Pharmacokinet',
      pages: '349-69',
      doi: '10.2165/11586800-000000000-00000',
      abstract: 'Non-steroidal anti-inflammatory drug (NSAID) intake',
    },
  ])('$file record $index has its title, authors, year, venue, pages, DOI and abstract', (expected) => {
    const record = parseFixture(expected.file).records[expected.index]!;
    expect(record.title).toBe(expected.title);
    expect(record.authors[0]).toBe(expected.firstAuthor);
    expect(record.authors).toHaveLength(expected.authors);
    expect(record.year).toBe(expected.year);
    expect(record.journal).toBe(expected.journal);
    expect(record.pages).toBe(expected.pages);
    expect(record.doi).toBe(expected.doi);
    if (expected.abstract) expect(record.abstract?.startsWith(expected.abstract)).toBe(true);
    else expect(record.abstract).toBeNull();
  });

  it('keeps the record ids each tool writes (EndNote ID, Rayyan AN, WoS AN, Ovid ID)', () => {
    expect(parseFixture('ris/_baseline_endnote.ris').records[0]!.sourceId).toBe('889');
    expect(parseFixture('ris/_baseline_rayyan.ris').records[0]!.sourceId).toBe('rayyan-42924189');
    expect(parseFixture('ris/_baseline_webofscience.ris').records[0]!.sourceId).toBe('WOS:000282053100002');
    expect(parseFixture('ris/ovid_psycinfo.ris').records[0]!.sourceId).toBe('2019-65183-001');
  });

  it('reads the PMID that PubMed-through-EndNote keeps in AN and Embase in C5', () => {
    expect(parseFixture('ris/pubmed_endnote.txt').records[0]!.pmid).toBe('21553931');
    expect(parseFixture('ris/_baseline_embase.ris').records[0]!.pmid).toBe('38773066');
  });

  it('keeps every tag in raw, in file order, repeated tags included', () => {
    const text = 'TY  - JOUR\nAU  - One, A\nTI  - Title\nAU  - Two, B\nKW  - x\nKW  - y\nZZ  - unknown tag\nER  - \n';
    const [record] = parseRis(text, 'inline.ris').records;
    expect(record!.raw).toEqual([
      ['TY', 'JOUR'],
      ['AU', 'One, A'],
      ['TI', 'Title'],
      ['AU', 'Two, B'],
      ['KW', 'x'],
      ['KW', 'y'],
      ['ZZ', 'unknown tag'],
    ]);
    expect(record!.authors).toEqual(['One, A', 'Two, B']);
    expect(record!.keywords).toEqual(['x', 'y']);
  });
});

describe('parseRis() on the awkward cases', () => {
  it('appends untagged continuation lines to the field above (ASReview issue 1099, Scopus notes)', () => {
    const { records } = parseFixture('ris/ris_issue_1099.txt');
    const first = records[0]!;
    const note = first.raw.find(([tag]) => tag === 'U3');
    expect(note![1]).toBe('Cited By :9\nExport Date: 12 May 2022\nArticle');
    expect(first.title).toBe('Design and prototyping of directly driven outer rotor permanent magnet generator for small scale wind turbines');
    expect(first.doi).toBe('10.15598/aeee.v16i3.2698');
    expect(first.pages).toBe('271-278');
    expect(records[1]!.type).toBe('book');
  });

  it('splits multi-line EndNote keywords into one keyword per line', () => {
    const [record] = parseFixture('ris/example_endnote.ris').records;
    expect(record!.keywords).toEqual(['citation', 'reference', 'library', 'wizardry', 'coffee', 'procrastination', 'EndNote', 'RIS']);
    expect(record!.issn).toBe('0000-0000');
    expect(record!.sourceId).toBe('123');
  });

  it('joins indented and unindented continuation lines of a value', () => {
    const { records } = parseFixture('ris/example_multiline.ris');
    const abstracts = records.map((r) => r.abstract);
    expect(abstracts).toEqual([
      'first line, ER then second line and at the end the last line',
      'first line, ER then second line and at the end the last line',
      'first line, ER then second line and at the end the last line',
    ]);
  });

  it('reads a record with thousands of AU lines', () => {
    const [record] = parseFixture('ris/ris_many_authors.ris').records;
    const auLines = Buffer.from(fixtureBytes('ris/ris_many_authors.ris')).toString('utf8').match(/^AU {2}- /gm)!.length;
    expect(auLines).toBeGreaterThan(1000);
    expect(record!.authors).toHaveLength(auLines);
  });

  it('warns about a year it cannot read and keeps the record', () => {
    const { records, warnings } = parseFixture('ris/faulty_year.ris');
    expect(records[0]!.year).toBeNull();
    expect(records[0]!.title).toMatch(/^The Value of Radiologic Interventions/);
    expect(warnings).toContainEqual({ line: 1, record: 1, message: 'no year could be read from PY "10 15"' });
  });

  it('keeps empty values in raw and warns about records without a title', () => {
    const { records, warnings } = parseFixture('ris/baseline_empty_values.ris');
    expect(records.map((r) => r.title)).toEqual(['Title of reference', null, 'Title of reference', null]);
    expect(records[0]!.raw).toContainEqual(['N2', '']);
    expect(records[0]!.abstract).toBeNull();
    expect(records.map((r) => r.sourceId)).toEqual(['1', '2', '3', '4']);
    expect(warnings.filter((w) => w.message === 'record has no title').map((w) => w.record)).toEqual([2, 4]);
  });

  it('reads a BOM and mixed LF and CR-only line ends (Web of Science RIS via ASySD)', () => {
    const bytes = Buffer.from(fixtureBytes('ris/wos_test.ris'));
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes('\r')).toBe(true);
    expect(bytes.includes('\r\n')).toBe(false);
    const { records } = parseFixture('ris/wos_test.ris');
    expect(records).toHaveLength(50);
    expect(records[0]!.raw[0]).toEqual(['TY', 'JOUR']);
    // The two addresses of record 1 are separated by a lone CR; they stay two AD fields.
    expect(records[0]!.raw.filter(([tag]) => tag === 'AD').map(([, value]) => value)).toEqual([
      'Kansas State Univ, Coll Vet Med, Dept Clin Sci, Manhattan, KS 66506 USA',
      'Kansas State Univ, Coll Vet Med, Dept Anat & Physiol, Manhattan, KS 66506 USA',
    ]);
    expect(records.every((r) => r.title && r.authors.length > 0)).toBe(true);
  });

  it('reads a real export rewritten with CR-only line ends exactly as with LF', () => {
    const lf = Buffer.from(fixtureBytes('ris/_baseline_scopus.ris')).toString('utf8').replace(/^\ufeff/, '');
    const cr = lf.replace(/\n/g, '\r');
    expect(parseRis(cr, 'scopus.ris')).toEqual(parseRis(lf, 'scopus.ris'));
  });

  it('reads the BOM file without the BOM leaking into the first tag', () => {
    const [record] = parseFixture('ris/example_bom.ris').records;
    expect(record!.raw[0]![0]).toBe('TY');
  });

  it('reads CRLF files the same as LF files', () => {
    const lf = 'TY  - JOUR\nTI  - A title\nAB  - First line\n  continued\nER  - \n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(parseRis(crlf, 'a.ris')).toEqual(parseRis(lf, 'a.ris'));
  });

  it('keeps tags Ovid writes after ER with their record and skips the link and numbering lines', () => {
    const { records, warnings } = parseFixture('ris/ovid_psycinfo.ris');
    expect(records[0]!.raw[records[0]!.raw.length - 1]).toEqual(['NL', 'Clin Psychol Psychother']);
    expect(records[1]!.raw[0]).toEqual(['TY', 'JOUR']);
    expect(warnings.some((w) => /written after an ER were kept/.test(w.message))).toBe(true);
    expect(warnings.some((w) => /^6 line\(s\) of text outside any record/.test(w.message))).toBe(true);
  });

  it('skips export banners between records with one warning', () => {
    const { records, warnings } = parseFixture('ris/example_extraneous_data.ris');
    expect(records.map((r) => r.title)).toEqual(['Title of reference', 'The title of the reference']);
    expect(warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 1, message: expect.stringMatching(/^6 line\(s\) of text outside any record/) })]),
    );
  });

  it('keeps a record whose ER is missing and says so', () => {
    const { records, warnings } = parseRis('TY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\n', 'x.ris');
    expect(records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(warnings.map((w) => w.record)).toEqual([1, 2]);
  });

  it('treats Ovid "SP - No / EP - Specified" as no pages', () => {
    expect(parseFixture('ris/ovid_psycinfo.ris').records[0]!.pages).toBeNull();
  });

  it('fails with file and line when there is no RIS record at all', () => {
    expect(() => parseRis('\n\nhello world\nnothing here\n', 'notes.ris')).toThrow(
      new ParseError('notes.ris', 3, 'no RIS record found: expected a line like "TY  - JOUR", found "hello world"'),
    );
    expect(() => parseRis('\n \n', 'blank.ris')).toThrow(ParseError);
  });
});

describe('RIS tag lines', () => {
  it.each([
    ['TY  - JOUR', ['TY', 'JOUR']],
    ['TY - JOUR', ['TY', 'JOUR']],
    ['T1  -  two spaces kept', ['T1', ' two spaces kept']],
    ['A1 - X', ['A1', 'X']],
  ])('%j is read as a tag and value', (line, field) => {
    const [record] = parseRis(`${line}\nER  -\n`, 'x.ris').records;
    expect(record!.raw).toContainEqual(field);
  });

  it.each(['ER then more text', 'AB-no space', 'ab  - lower case', 'TYP - three letters', 'TY  -value glued'])('%j continues the field above', (line) => {
    const [record] = parseRis(`TY  - JOUR\nTI  - Title\n${line}\nER  -\n`, 'x.ris').records;
    expect(record!.raw).toEqual([
      ['TY', 'JOUR'],
      ['TI', `Title\n${line}`],
    ]);
  });
});

describe('exports pasted together', () => {
  it('reads RIS files concatenated with their BOMs as separate records', () => {
    const one = Buffer.from(fixtureBytes('ris/_baseline_scopus.ris'));
    const two = Buffer.from(fixtureBytes('ris/_baseline_webofscience.ris'));
    const result = parseFile(Buffer.concat([one, two]), 'both.ris');
    expect(result.records).toHaveLength(20);
    expect(result.records[10]!.sourceId).toBe('WOS:000282053100002');
  });
});

describe('Rayyan multi-line keywords and truncated files', () => {
  it('reads each line of a Rayyan KW value as one keyword (ASReview issue 992)', () => {
    const { records } = parseFixture('ris/ris_issue_992.txt');
    expect(records[0]!.keywords).toEqual([
      'Health Facility Administration',
      'Joint Commission',
      'Standards',
      'Medication Errors',
      'Prevention and Control',
      'Medication Reconciliation',
      'Organizational Compliance',
      'Quality Improvement',
      'Electronic Health Records',
      'Consumer Participation',
      'Literacy',
      'Medication History',
      'Patient Education',
    ]);
    expect(records[0]!.sourceId).toBe('1');
  });

  it('keeps the records of a file cut off mid-record and warns about the last one', () => {
    const text = Buffer.from(fixtureBytes('ris/_baseline_zotero.ris')).toString('utf8');
    const cut = text.slice(0, text.indexOf('TY  - ', text.indexOf('TY  - ') + 10) + 400);
    const { records, warnings } = parseRis(cut, 'cut.ris');
    expect(records).toHaveLength(2);
    expect(warnings).toContainEqual(expect.objectContaining({ record: 2, message: 'file ends inside a record (no ER line); the record was kept' }));
  });
});
