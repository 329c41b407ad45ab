import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ParseError } from '../../../server/domain/errors';
import { parseBibtex } from '../../../server/domain/import/bibtex';
import { parseRis } from '../../../server/domain/import/ris';
import type { BibRecord } from '../../../server/domain/import/types';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'import');
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const parse = (name: string) => parseBibtex(read(name), name);
const bp = (name: string) => parse(`bibtex/bibtexparser/${name}`);

describe('parseBibtex() on python-bibtexparser test files', () => {
  it.each([
    ['article.bib', 1],
    ['article_comma_first.bib', 2],
    ['article_comma_normal_multiple.bib', 3],
    ['article_missing_coma.bib', 4],
    ['article_no_braces.bib', 1],
    ['article_oneline.bib', 2],
    ['article_start_with_bom.bib', 1],
    ['article_start_with_whitespace.bib', 2],
    ['arxiv_pdf.bib', 5],
    ['biber-examples.bib', 118],
    ['book_bom.bib', 1],
    ['citation_keys.bib', 9],
    ['comments_only.bib', 0],
    ['comments_percentage.bib', 2],
    ['comments_percentage_nolastcoma.bib', 2],
    ['comments_spaces_and_declarations.bib', 1],
    ['common_strings.bib', 0],
    ['confusable_names.bib', 8],
    ['crossref_cascading.bib', 4],
    ['crossref_cascading_aliases.bib', 3],
    ['crossref_cascading_cycle.bib', 2],
    ['crossref_entries.bib', 14],
    ['find_editors.bib', 3],
    ['multiline_comments.bib', 0],
    ['multiple_entries_and_comments.bib', 3],
    ['multiple_entries_sort.bib', 5],
    ['xref_entries.bib', 8],
    ['wrong.bib', 2],
  ])('%s has %i entries (the count in the corpus MANIFEST)', (file, count) => {
    expect(bp(file).records).toHaveLength(count);
  });

  it('decodes accents, month macros and protection braces (traps.bib)', () => {
    const [record] = bp('traps.bib').records;
    expect(record).toMatchObject({
      sourceId: 'Laide2013',
      type: 'journal-article',
      title: 'An amazing title',
      year: 2013,
      journal: 'Nice Journal',
      volume: 'n.s. 2',
      pages: '12-23',
      keywords: ['keyword1', 'keyword2'],
    });
    expect(record!.abstract).toBe(
      'This is an abstract. This line should be long enough to test multilines... and with a french érudit word',
    );
    expect(record!.raw).toContainEqual(['month', 'jan']);
  });

  it('decodes LaTeX accents in names in braced and quoted values alike', () => {
    expect(bp('article_with_special_characters.bib').records[0]!.authors).toEqual(['Césarü, Jean']);
    expect(bp('article_no_braces.bib').records[0]!.authors).toEqual(['Césarü, Jean']);
  });

  it('splits names on "and" in any case', () => {
    expect(bp('book_capital_AND.bib').records[0]!.authors).toEqual([
      'Bird, R.B.',
      'Armstrong, R.C.',
      'Hassager, O.',
    ]);
  });

  it('expands @string macros, # concatenation and macros defined by macros (features2.bib)', () => {
    const [record] = bp('features2.bib').records;
    expect(record).toMatchObject({
      title: 'Cool Stuff',
      journal: 'My International Conference',
      authors: ['Doe, John'],
      pages: '1-10',
      year: 2014,
    });
    expect(record!.raw).toContainEqual(['note', 'Email: John.Doe@example.com']);
  });

  it('expands a @string used as a booktitle (string.bib)', () => {
    const [record] = bp('string.bib').records;
    expect(record!.journal).toBe('Proceedings of the IEEE Symposium on Security and Privacy');
    expect(record!.title).toBe('Program-Adaptive Mutational Fuzzing');
    expect(record!.authors).toEqual(['Cha, Sang Kil', 'Woo, Maverick', 'Brumley, David']);
  });

  it('reads comma-first style', () => {
    const { records } = bp('article_comma_first.bib');
    expect(records.map((r) => r.sourceId)).toEqual(['Cesar2013', 'Baltazar2013']);
    expect(records[1]!.keywords).toEqual(['keyword1', 'keyword2']);
  });

  it('ignores @preamble, @comment and % lines between entries', () => {
    const { records } = bp('comments_spaces_and_declarations.bib');
    expect(records[0]).toMatchObject({
      sourceId: 'Cesar2013',
      title: 'A great title',
      authors: ['César, Jean'],
    });
  });

  it('inherits from a crossref parent, the parent title becoming the book title', () => {
    const { records } = bp('crossref_entries.bib');
    const cr1 = records.find((r) => r.sourceId === 'cr1')!;
    expect(cr1).toMatchObject({
      title: 'Great and Good Graphs',
      authors: ['Gullam, Graham'],
      year: 1974,
      journal: 'Graphs of the Continent',
    });
    // The inherited fields are not in raw: raw is what the entry itself says.
    expect(cr1.raw.map(([tag]) => tag)).not.toContain('publisher');
  });

  it("never lets a crossref parent (or grandparent) overwrite the child's own fields", () => {
    const { records } = parseBibtex(
      `@inproceedings{child, title = {Child paper}, author = {Doe, Jane}, year = {2021}, pages = {10--20},
         booktitle = {Proceedings of the Child Workshop}, crossref = {parent}}
       @inproceedings{grandchild, title = {Grandchild paper}, crossref = {middle}}
       @inproceedings{middle, title = {Middle paper}, year = {2019}, crossref = {parent}}
       @proceedings{parent, title = {Proceedings of the Parent Conference}, year = {2020}, pages = {1--500},
         volume = {7}}`,
      'crossref.bib',
    );
    expect(records).toHaveLength(4);
    const byKey = new Map(records.map((r) => [r.sourceId, r]));
    // Its own title, year, pages and book title stay; only the volume it lacks comes from the parent.
    expect(byKey.get('child')).toMatchObject({
      title: 'Child paper',
      year: 2021,
      pages: '10-20',
      journal: 'Proceedings of the Child Workshop',
      volume: '7',
    });
    // The nearer ancestor wins: the middle entry's year and title (as book title), not the parent's.
    expect(byKey.get('grandchild')).toMatchObject({
      title: 'Grandchild paper',
      year: 2019,
      journal: 'Middle paper',
      pages: '1-500',
      volume: '7',
    });
  });

  it('follows crossref chains and stops at cycles with a warning', () => {
    const biber = bp('biber-examples.bib').records;
    expect(biber.find((r) => r.sourceId === 'westfahl:space')).toMatchObject({
      journal: 'Space and Beyond',
      year: 2000,
    });
    const { records, warnings } = bp('crossref_cascading_cycle.bib');
    expect(records).toHaveLength(2);
    expect(warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/crossref cycle/)]),
    );
  });

  it('warns about a crossref to a missing entry and keeps the record', () => {
    const { records, warnings } = bp('crossref_missing_entries.bib');
    expect(records).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      record: 1,
      message: expect.stringMatching(/crossref to "missing1"/),
    });
  });

  it('does not inherit through xref (BibLaTeX semantics)', () => {
    const xr1 = bp('xref_entries.bib').records.find((r) => r.sourceId === 'xr1')!;
    expect(xr1).toMatchObject({ year: null, journal: null, title: 'Moods Mildly Modified' });
    expect(xr1.raw).toContainEqual(['xref', 'xrm']);
  });

  it('reads BibLaTeX date, subtitle and langid', () => {
    const vangennep = bp('biber-examples.bib').records.find((r) => r.sourceId === 'vangennep')!;
    expect(vangennep).toMatchObject({
      authors: ['van Gennep, Arnold'],
      year: 1909,
      language: 'french',
      type: 'book',
    });
  });

  it('reads an unknown entry type as "other" with a warning', () => {
    const { records, warnings } = bp('wrong.bib');
    expect(records.map((r) => r.type)).toEqual(['other', 'journal-article']);
    expect(warnings).toContainEqual({
      line: 3,
      record: 1,
      message: 'unknown entry type "@wrong" read as "other"',
    });
  });

  it('fails an empty file with a clear error', () => {
    expect(() => bp('empty.bib')).toThrow(ParseError);
    expect(() => bp('empty.bib')).toThrow('empty.bib: the file is empty');
  });
});

describe('parseBibtex() on other exports', () => {
  it('reads a Zotero export of PubMed records', () => {
    const { records, warnings } = parse('bibtex/spaniels_zotero_50.bib');
    expect(records).toHaveLength(50);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      sourceId: 'larsen_microangiography_1999',
      type: 'journal-article',
      title: 'Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs',
      authors: ['Larsen, LJ', 'Roush, JK', 'McLaughlin, RM', 'Cash, WC'],
      year: 1999,
      journal: 'VETERINARY AND COMPARATIVE ORTHOPAEDICS AND TRAUMATOLOGY',
      volume: '12',
      issue: '3',
      pages: '134-137',
      issn: '0932-0814',
      language: 'English',
    });
    expect(records[1]!.doi).toBe('10.21521/mw.6330');
    expect(records[0]!.keywords).toContain('humeral condylar fractures');
    // Escaped percent signs in abstracts decode.
    expect(records[3]!.abstract).toContain('31.8%, [95% confidence interval');
    expect(records[3]!.abstract).toContain('early onset (< 1 year)');
  });

  it('gives the same normalised fields as the RIS export of the same Zotero library', () => {
    const bib = parse('bibtex/spaniels_zotero_50.bib').records;
    const ris = parseRis(read('ris/spaniels_zotero_50.ris'), 'z.ris').records;
    const pick = (r: BibRecord) => [
      r.title,
      r.authors,
      r.year,
      r.journal,
      r.volume,
      r.issue,
      r.pages,
      r.doi,
      r.issn,
      r.language,
      r.type,
      r.url,
    ];
    expect(bib.map(pick)).toEqual(ris.map(pick));
    // Abstracts agree too, "''" kept as two apostrophes the way the RIS has it.
    expect(bib.map((r) => r.abstract)).toEqual(ris.map((r) => r.abstract));
  });

  it('reads citation-js command and name-part cases', () => {
    expect(parse('bibtex/citation-js/commands.bib').records.map((r) => r.title)).toEqual([
      'url: https://example.org',
      'href: Example',
      'ElsevierGlyph: —',
      'unknown:',
      'Phi: Φ',
    ]);
    expect(parse('bibtex/citation-js/escaped and.bib').records.map((r) => r.authors)).toEqual([
      ['A and B'],
      ['A', 'B'],
    ]);
    expect(parse('bibtex/citation-js/nameparts.bib').records[0]!.authors).toEqual(['B, A']);
    expect(parse('bibtex/citation-js/rich text.bib').records.map((r) => r.title)).toEqual([
      'ibsupsub',
      null,
      'abc',
      'abc',
      'test',
      'supsub',
      'supsub',
    ]);
  });

  it('accepts an entry closed with the other delimiter, with a warning', () => {
    const { records, warnings } = parse('bibtex/citation-js/different delimiters.bib');
    expect(records.map((r) => [r.sourceId, r.year])).toEqual([
      ['a', 2021],
      ['b', 2021],
    ]);
    expect(warnings).toEqual([
      { line: 11, record: 2, message: 'entry "b" opened with "{" is closed with ")"' },
    ]);
  });

  it('keeps @preamble out of the records and an undefined macro as text', () => {
    const { records, warnings } = parse('bibtex/citation-js/string and preamble.bib');
    expect(records).toHaveLength(1);
    expect(records[0]!.title).toBe('Foobarbar');
    expect(warnings.map((w) => w.message)).toContain('undefined @string macro "bar" kept as text');
  });
});

describe('parseBibtex() recovery', () => {
  it('skips an entry with an unbalanced brace, says where, and keeps the next one', () => {
    const text =
      '@article{a,\n  title = {Broken\n}\n\n@article{b, title = {Fine}, year = 2001}\n@article{c, title = {Also fine}}\n';
    const { records, warnings } = parseBibtex(text, 'x.bib');
    expect(records.map((r) => r.sourceId)).toEqual(['a', 'b', 'c']);
    expect(warnings[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/not closed before the next entry/),
    });
  });

  it('recovers a missing comma between fields with a warning', () => {
    const { records, warnings } = parseBibtex('@article{k,\n title = {T}\n year = 2000\n}', 'x.bib');
    expect(records[0]).toMatchObject({ title: 'T', year: 2000 });
    expect(warnings).toEqual([
      { line: 3, record: 1, message: 'missing comma after field "title" in entry "k"' },
    ]);
  });

  it('skips an entry whose field has no "=", naming the line', () => {
    const { records, warnings } = parseBibtex('@article{a, title {x}}\n@article{b, title = {ok}}', 'x.bib');
    expect(records.map((r) => r.sourceId)).toEqual(['b']);
    expect(warnings[0]!.message).toMatch(
      /expected "=" after field "title" in entry "a" \(at line 1\); entry skipped/,
    );
  });

  it('keeps an undefined macro as its name, with a warning', () => {
    const { records, warnings } = parseBibtex('@article{a, journal = jbiol}', 'x.bib');
    expect(records[0]!.journal).toBe('jbiol');
    expect(warnings[0]!.message).toBe('undefined @string macro "jbiol" kept as text');
  });

  it('reads DOIs, PMIDs and URLs from BibLaTeX fields', () => {
    const { records } = parseBibtex(
      '@online{a, eprinttype = {pubmed}, eprint = {12345678}, journaltitle = {J}, date = {2020-05-01}, url = {https://doi.org/10.1000/ABC\\_1}}',
      'x.bib',
    );
    expect(records[0]).toMatchObject({
      pmid: '12345678',
      journal: 'J',
      year: 2020,
      doi: '10.1000/abc_1',
      url: 'https://doi.org/10.1000/ABC_1',
      type: 'webpage',
    });
  });

  it('throws ParseError with a line when no entry can be read', () => {
    expect(() => parseBibtex('@article{a, title = {never closed', 'bad.bib')).toThrow(
      /bad\.bib:1: no BibTeX entry could be read/,
    );
    expect(() => parseBibtex('just some text', 'plain.bib')).toThrow(ParseError);
    expect(() => parseBibtex('\u0000\u0001binary', 'bin.bib')).toThrow(
      'bin.bib:1: the file is binary, not BibTeX text',
    );
  });

  it('never hangs or throws anything but ParseError on random or mutated input', () => {
    const seed = read('bibtex/bibtexparser/features2.bib') + read('bibtex/bibtexparser/traps.bib');
    const mutated = fc
      .tuple(
        fc.nat(seed.length),
        fc.nat(seed.length),
        fc.string({
          maxLength: 5,
          unit: fc.constantFrom('{', '}', '"', '@', ',', '=', '#', '\\', '%', '\n', 'a', ' '),
        }),
      )
      .map(([a, b, insert]) => seed.slice(0, Math.min(a, b)) + insert + seed.slice(Math.max(a, b)));
    const random = fc.string({
      maxLength: 200,
      unit: fc.constantFrom(
        '@',
        'a',
        'r',
        't',
        '{',
        '}',
        '(',
        ')',
        '"',
        ',',
        '=',
        '#',
        '\\',
        '%',
        '\n',
        ' ',
        "'",
        '~',
        '$',
        'é',
      ),
    });
    fc.assert(
      fc.property(fc.oneof(mutated, random), (text) => {
        try {
          const { records } = parseBibtex(text, 'fuzz.bib');
          expect(Array.isArray(records)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
