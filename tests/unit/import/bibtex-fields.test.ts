/**
 * parseBibtex() field by field: each test is a small BibTeX snippet and the record (or warning)
 * it must give. The reader as a whole is tested on real exports in bibtex.test.ts.
 */
import { ParseError } from '../../../server/domain/errors';
import { parseBibtex } from '../../../server/domain/import/bibtex';

const parse = (text: string) => parseBibtex(text, 'x.bib');
const only = (text: string) => {
  const { records, warnings } = parse(text);
  expect(records).toHaveLength(1);
  return { record: records[0]!, warnings };
};

describe('parseBibtex(): entry types', () => {
  it.each([
    ['collection', 'book'],
    ['mvbook', 'book'],
    ['mvcollection', 'book'],
    ['mvproceedings', 'book'],
    ['bookinbook', 'book-chapter'],
    ['suppbook', 'book-chapter'],
    ['suppcollection', 'book-chapter'],
    ['inreference', 'book-chapter'],
    ['reference', 'book'],
    ['mvreference', 'book'],
    ['periodical', 'journal-article'],
    ['suppperiodical', 'journal-article'],
    ['electronic', 'webpage'],
    ['www', 'webpage'],
    ['misc', 'other'],
    ['set', 'other'],
    ['xdata', 'other'],
  ])('reads @%s as %s without a warning', (type, expected) => {
    const { record, warnings } = only(`@${type}{k, title = {T}}`);
    expect(record.type).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it.each([
    'patent',
    'software',
    'artwork',
    'audio',
    'image',
    'movie',
    'music',
    'performance',
    'video',
    'jurisdiction',
    'legislation',
    'legal',
    'conversation',
    'commentary',
  ])('reads the standard type @%s as "other" without a warning', (type) => {
    const { record, warnings } = only(`@${type}{k, title = {T}}`);
    expect(record.type).toBe('other');
    expect(warnings).toEqual([]);
  });
});

describe('parseBibtex(): macros and raw fields', () => {
  it('expands the twelve month macros, in any case', () => {
    const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'DEC'];
    const { record } = only(`@misc{k, ${months.map((m, i) => `m${i + 1} = ${m}`).join(', ')}}`);
    expect(record.raw.slice(2)).toEqual([
      ['m1', 'January'],
      ['m2', 'February'],
      ['m3', 'March'],
      ['m4', 'April'],
      ['m5', 'May'],
      ['m6', 'June'],
      ['m7', 'July'],
      ['m8', 'August'],
      ['m9', 'September'],
      ['m10', 'October'],
      ['m11', 'November'],
      ['m12', 'December'],
    ]);
  });

  it('keeps the type, the key and every field as written (macros expanded) in raw', () => {
    const { record } = only('@string{j = {Nature}}\n@Article{Key1, journal = j # { Reviews}, title = {T}}');
    expect(record.raw).toEqual([
      ['ENTRYTYPE', 'article'],
      ['ID', 'Key1'],
      ['journal', 'Nature Reviews'],
      ['title', 'T'],
    ]);
  });

  it('has no ID in raw for an entry without a key', () => {
    const { record, warnings } = only('@article{title = {T}}');
    expect(record.raw).toEqual([
      ['ENTRYTYPE', 'article'],
      ['title', 'T'],
    ]);
    expect(record.sourceId).toBeNull();
    expect(warnings.map((w) => w.message)).toEqual(['@article entry has no key']);
  });

  it('uses the first of a repeated field, keeps both in raw, and says so', () => {
    const { record, warnings } = only('@article{k,\n title = {First},\n title = {Second}}');
    expect(record.title).toBe('First');
    expect(record.raw.slice(2)).toEqual([
      ['title', 'First'],
      ['title', 'Second'],
    ]);
    expect(warnings).toEqual([
      { line: 3, record: 1, message: 'field "title" repeated in entry "k"; the first value is used' },
    ]);
  });

  it('names the record of an undefined macro, and a kept problem, by entry number (not item number)', () => {
    const { warnings } = parse(
      '@string{j = {J}}\n@preamble{"x"}\n@article{a, title = {A}}\n@article{b,\n title = {B}\n journal = nomacro\n}',
    );
    expect(warnings).toEqual([
      { line: 6, record: 2, message: 'missing comma after field "title" in entry "b"' },
      { line: 6, record: 2, message: 'undefined @string macro "nomacro" kept as text' },
    ]);
  });
});

describe('parseBibtex(): the @string expansion bound', () => {
  // One macro of 1,000 characters used `uses` times: the expansion is 1,000 × (uses + 1)
  // characters (the definition counts too). The bound is 16 × the file's length + 1,000,000.
  const bomb = (uses: number, fileLength: number): string => {
    const head = `@string{s = {${'x'.repeat(1000)}}}\n@misc{k, note = ${Array(uses).fill('s').join(' # ')}}\n`;
    return head + '%'.repeat(fileLength - head.length);
  };

  it('expands exactly up to the bound', () => {
    // 1,100,000 characters of expansion = 16 × 6,250 + 1,000,000.
    const text = bomb(1099, 6250);
    expect(text).toHaveLength(6250);
    expect(parse(text).records[0]!.raw[2]![1]).toHaveLength(1_099_000);
  });

  it('refuses one file character short of the bound', () => {
    expect(() => parse(bomb(1099, 6249))).toThrow(
      new ParseError(
        'x.bib',
        2,
        '@string macros expand to more than 16 times the size of the file: a macro bomb, not a bibliography',
      ),
    );
  });

  it('counts the file length 16 times, not once', () => {
    // 1,051,000 characters from a file of about 5,300: within 16 × 5,300 + 1,000,000.
    expect(parse(bomb(1050, 5300)).records).toHaveLength(1);
  });
});

describe('parseBibtex(): files with no entry', () => {
  it('fails a file of white space as empty', () => {
    expect(() => parse('  \n\t\n')).toThrow('x.bib: the file is empty');
  });

  it('fails text that holds no entry, @string or comment', () => {
    expect(() => parse('just 50% text')).toThrow(
      'x.bib:1: no BibTeX entry found: expected an entry like "@article{key, …}"',
    );
  });

  it.each([['@ string {j = {Journal}}'], ['@comment {nothing}'], ['  % an indented comment line']])(
    'reads %j as a file without entries, with a warning',
    (text) => {
      expect(parse(text)).toEqual({
        records: [],
        warnings: [
          {
            line: null,
            record: null,
            message: 'the file holds no BibTeX entries (only comments, @string or @preamble)',
          },
        ],
      });
    },
  );

  it('sees a broken first entry behind a byte-order mark', () => {
    const { records, warnings } = parse('\ufeff@article\n@article{b, title = {T}}');
    expect(records.map((r) => r.sourceId)).toEqual(['b']);
    expect(warnings).toEqual([
      { line: 1, record: null, message: 'expected "{" after @article (at line 2); entry skipped' },
    ]);
  });
});

describe('parseBibtex(): crossref', () => {
  it('inherits neither title nor subtitle, and the parent title becomes the book title', () => {
    const { records } = parse(
      '@inproceedings{child, crossref = {parent}}\n@inproceedings{sub, title = {Own}, crossref = {parent}}\n' +
        '@proceedings{parent, title = {Proc}, subtitle = {Sub}, volume = {3}}',
    );
    expect(records.map((r) => [r.title, r.journal, r.volume])).toEqual([
      [null, 'Proc', '3'],
      ['Own', 'Proc', '3'],
      ['Proc: Sub', null, '3'],
    ]);
  });

  it('takes the one written first when the parent has both a title and a book title', () => {
    const { records } = parse(
      '@inbook{a, crossref = {titlefirst}}\n@inbook{b, crossref = {booktitlefirst}}\n' +
        '@book{titlefirst, title = {Title}, booktitle = {Book title}}\n' +
        '@book{booktitlefirst, booktitle = {Book title}, title = {Title}}',
    );
    expect(records.map((r) => r.journal)).toEqual(['Title', 'Book title', null, null]);
  });

  it('follows the first of two entries with the same key, and a key written with spaces', () => {
    const { records } = parse('@inbook{a, crossref = { p }}\n@book{p, volume = {1}}\n@book{P, volume = {2}}');
    expect(records[0]!.volume).toBe('1');
  });

  it('names the entry where a cycle closes', () => {
    const { warnings } = parse(
      '@misc{a, crossref = {b}}\n@misc{b, crossref = {c}}\n@misc{c, crossref = {b}}',
    );
    expect(warnings).toEqual([
      { line: 1, record: 1, message: 'crossref cycle through "b"; inheritance stopped there' },
      { line: 2, record: 2, message: 'crossref cycle through "b"; inheritance stopped there' },
      { line: 3, record: 3, message: 'crossref cycle through "c"; inheritance stopped there' },
    ]);
    expect(parse('@misc{a, crossref = {b}}\n@misc{b, crossref = {a}}').warnings[0]!.message).toBe(
      'crossref cycle through "a"; inheritance stopped there',
    );
  });

  it('inherits through 8 levels and stops at the 9th with a warning', () => {
    // e0 → e1 → … → e9; e8 gives the volume, e9 the issue.
    const chain = Array.from({ length: 10 }, (_, i) => {
      const own = i === 8 ? ', volume = {8}' : i === 9 ? ', number = {9}' : '';
      return `@misc{e${i}${i < 9 ? `, crossref = {e${i + 1}}` : ''}${own}}`;
    });
    const { records, warnings } = parse(chain.join('\n'));
    expect(records[0]).toMatchObject({ volume: '8', issue: null });
    expect(records[1]).toMatchObject({ volume: '8', issue: '9' });
    expect(warnings).toEqual([
      {
        line: 1,
        record: 1,
        message: 'crossref chain deeper than 8 levels; inheritance stopped at "e8"',
      },
    ]);
  });

  it('does not follow the crossref of a @set', () => {
    const { warnings } = parse('@set{s, entryset = {a,b}, crossref = {a}}');
    expect(warnings).toEqual([]);
  });
});

describe('parseBibtex(): fields', () => {
  it('joins title and subtitle with a colon unless the title ends in punctuation', () => {
    const titles = parse(
      '@book{a, title = {Main}, subtitle = {Sub}}\n@book{b, title = {Why?}, subtitle = {Sub}}\n' +
        '@book{c, title = {Dr. Who}, subtitle = {Sub}}\n@book{d, subtitle = {Only sub}}\n@book{e, year = 2000}',
    ).records.map((r) => r.title);
    expect(titles).toEqual(['Main: Sub', 'Why? Sub', 'Dr. Who: Sub', 'Only sub', null]);
  });

  it('reads a value that decodes to nothing or to white space only as no value', () => {
    const { record } = only('@article{k, title = {}, abstract = {~}}');
    expect(record.title).toBeNull();
    expect(record.abstract).toBeNull();
    expect(only('@article{k, abstract = {\t}}').record.abstract).toBeNull();
    expect(only('@article{k, abstract = {\n}}').record.abstract).toBeNull();
  });

  it('drops "others" from the authors, in any case', () => {
    expect(only('@article{k, author = {Doe, Jane and Others}}').record.authors).toEqual(['Doe, Jane']);
    expect(only('@article{k, author = {Doe, Jane and others}}').record.authors).toEqual(['Doe, Jane']);
  });

  it.each([
    ['year = {n.d.}', 'no year could be read from "n.d."'],
    ['date = {forthcoming}', 'no year could be read from "forthcoming"'],
    ['year = {}', 'no year could be read from ""'],
  ])('warns when %s gives no year', (field, message) => {
    const { record, warnings } = only(`@article{k, ${field}}`);
    expect(record.year).toBeNull();
    expect(warnings).toEqual([{ line: 1, record: 1, message }]);
  });

  it('reads the year from date when year is absent, and says nothing when neither is there', () => {
    expect(only('@article{k, date = {2020-05}}')).toMatchObject({ record: { year: 2020 }, warnings: [] });
    expect(only('@article{k, title = {T}}')).toMatchObject({ record: { year: null }, warnings: [] });
  });

  it("reads a book's journal (not its booktitle) and a chapter's maintitle", () => {
    const journals = parse(
      '@book{a, booktitle = {Its own title}}\n@book{b, journal = {J}}\n@book{c, journaltitle = {JT}}\n' +
        '@inbook{d, maintitle = {Collected Works}}\n@inbook{e, booktitle = {Volume 2}, maintitle = {Collected Works}}',
    ).records.map((r) => r.journal);
    expect(journals).toEqual([null, 'J', 'JT', 'Collected Works', 'Volume 2']);
  });

  it('reads the issue from number or issue', () => {
    expect(only('@article{k, issue = {3}}').record.issue).toBe('3');
    expect(only('@article{k, number = {4}, issue = {3}}').record.issue).toBe('4');
  });

  it.each([
    ['405--405', '405'],
    ['5--5', '5'],
    ['1405--405', '1405-405'],
    ['12--23', '12-23'],
  ])('reads pages %s as %s', (pages, expected) => {
    expect(only(`@article{k, pages = {${pages}}}`).record.pages).toBe(expected);
  });

  it('reads a DOI or a PMID from eprint only when the eprint type says so', () => {
    const records = parse(
      '@article{a, eprinttype = {doi}, eprint = {10.1000/ABC}}\n' +
        '@article{b, archiveprefix = {PMID}, eprint = {12345678}}\n' +
        '@article{c, eprinttype = {pubmed}, eprint = {23456789}}\n' +
        '@article{d, eprinttype = {arxiv}, eprint = {10.1000/182}}\n' +
        '@article{e, pmid = {34567890}, isbn = {978-3-16-148410-0}}',
    ).records.map((r) => [r.doi, r.pmid, r.isbn]);
    expect(records).toEqual([
      ['10.1000/abc', null, null],
      [null, '12345678', null],
      [null, '23456789', null],
      [null, null, null],
      [null, '34567890', '978-3-16-148410-0'],
    ]);
  });

  it('keeps identifiers and addresses verbatim: no dashes or no-break spaces made of -- and ~', () => {
    const { record } = only(
      '@article{k, url = {https://example.org/~user/a--b}, eprinttype = {doi}, eprint = {10.1000/a--b},' +
        ' isbn = {0--201--89683--4}, issn = {0932--0814}}',
    );
    expect(record).toMatchObject({
      url: 'https://example.org/~user/a--b',
      doi: '10.1000/a--b',
      isbn: '0--201--89683--4',
      issn: '0932--0814',
    });
  });

  it('keeps DOI and PMID fields verbatim', () => {
    expect(only('@article{k, doi = {10.1000/a--b~c}}').record.doi).toBe('10.1000/a--b~c');
    // Math is not decoded in an identifier: the "$" ends the digits of the PMID.
    expect(only('@article{k, pmid = {$1$2345678}}').record.pmid).toBe('1');
  });

  it('reads a DOI from a doi.org URL only', () => {
    expect(only('@article{k, url = {https://doi.org/10.1000/XYZ}}').record.doi).toBe('10.1000/xyz');
    expect(only('@article{k, url = {https://publisher.example/10.1000/xyz}}').record.doi).toBeNull();
  });

  it('takes the URL from howpublished when there is no url field', () => {
    expect(only('@misc{k, howpublished = {\\url{https://example.org/page?id=1}}}').record.url).toBe(
      'https://example.org/page?id=1',
    );
    expect(only('@misc{k, howpublished = {Online at http://example.org/x}}').record.url).toBe(
      'http://example.org/x',
    );
    expect(only('@misc{k, howpublished = {Privately printed}}').record.url).toBeNull();
  });

  it.each([
    ['keywords = {a; b, c}', ['a', 'b, c']],
    ['keywords = {46,XX, karyotype}', ['46,XX', 'karyotype']],
    ['keywords = {a,b}', ['a', 'b']],
    ['keyword = {single}', ['single']],
    ['mesh = {Humans; Dogs}', ['Humans', 'Dogs']],
    ['title = {none}', []],
  ])('reads keywords from %s', (field, expected) => {
    expect(only(`@article{k, ${field}}`).record.keywords).toEqual(expected);
  });

  it('names the LaTeX commands it does not know, once each', () => {
    expect(only('@article{k, title = {\\foo{Bar} x}}').warnings).toEqual([
      { line: 1, record: 1, message: 'unknown LaTeX command \\foo dropped (text kept)' },
    ]);
    expect(only('@article{k, title = {\\foo{Bar} \\baz x \\foo y}}').warnings).toEqual([
      { line: 1, record: 1, message: 'unknown LaTeX commands \\foo, \\baz dropped (text kept)' },
    ]);
    expect(only('@article{k, author = {\\foo Doe, Jane}}').warnings).toEqual([
      { line: 1, record: 1, message: 'unknown LaTeX command \\foo dropped (text kept)' },
    ]);
  });
});
