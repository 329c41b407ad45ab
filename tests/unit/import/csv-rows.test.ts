import { readDelimitedRows } from '../../../server/domain/import/csv-rows';
import { MAX_CELLS } from '../../../server/domain/import/table';

/** The rows as [line, ...cells], the shape the tests below write their expectations in. */
function rows(text: string, delimiter = ','): (string | number)[][] {
  return readDelimitedRows(text, delimiter).rows.map((r) => [r.line, ...r.cells]);
}

describe('readDelimitedRows() splits delimited text into rows of cells, each with the line it ends on', () => {
  it("reads a Scopus export's start: a BOM, every cell quoted, LF line ends", () => {
    // The first bytes of tests/fixtures/import/delimited/_baseline_scopus.csv, shortened.
    const text =
      '\ufeff"Authors","Title","Year"\n"Wilson L.N.; Gardner J.D.","Global latitudinal gradients","2024"\n';
    expect(rows(text)).toEqual([
      [1, 'Authors', 'Title', 'Year'],
      [2, 'Wilson L.N.; Gardner J.D.', 'Global latitudinal gradients', '2024'],
    ]);
  });

  it('drops only a BOM that starts the text, and keeps one elsewhere as text', () => {
    expect(rows('a,\ufeffb\n')).toEqual([[1, 'a', '\ufeffb']]);
    expect(rows('\ufeff\ufeffa\n')).toEqual([[1, '\ufeffa']]);
  });

  it("reads Lens's CRLF export, PubMed's quoted cells and a CR-only (classic Mac) file alike", () => {
    // _baseline.csv (Lens) ends its lines with CRLF; _baseline_pubmed.csv quotes every cell.
    expect(rows('Lens ID,Title\r\n000-463-679-101-319,The Value of Radiologic Interventions\r\n')).toEqual([
      [1, 'Lens ID', 'Title'],
      [2, '000-463-679-101-319', 'The Value of Radiologic Interventions'],
    ]);
    expect(rows('"PMID","Title"\n"30922926","Time lapse: A glimpse into prehistoric genomics"\n')).toEqual([
      [1, 'PMID', 'Title'],
      [2, '30922926', 'Time lapse: A glimpse into prehistoric genomics'],
    ]);
    expect(rows('title\rOne\r\nTwo\nThree\r')).toEqual([
      [1, 'title'],
      [2, 'One'],
      [3, 'Two'],
      [4, 'Three'],
    ]);
  });

  it('skips empty lines but counts them, and keeps a row of empty cells', () => {
    expect(rows('title\n\n\r\n\rOne\n,\n')).toEqual([
      [1, 'title'],
      [5, 'One'],
      [6, '', ''],
    ]);
    // A quoted empty cell alone on its line is an empty line too (missing_values.csv has ""
    // only beside other cells).
    expect(rows('title\n""\nTwo\n')).toEqual([
      [1, 'title'],
      [3, 'Two'],
    ]);
  });

  it('reads the last row without a final line end, and no row after a final line end', () => {
    expect(rows('title,year\nOne,2001')).toEqual([
      [1, 'title', 'year'],
      [2, 'One', '2001'],
    ]);
    expect(rows('title,year\nOne,2001\r\n')).toEqual([
      [1, 'title', 'year'],
      [2, 'One', '2001'],
    ]);
    expect(rows('"One","2001"')).toEqual([[1, 'One', '2001']]);
    expect(rows('')).toEqual([]);
    expect(rows('\ufeff')).toEqual([]);
  });

  it('keeps empty cells, at the start, in the middle and after a final delimiter (end of text too)', () => {
    // duplicate_records.csv: "a;lorem;;lorem", and ASReview's header lines end with ";".
    expect(rows('a;lorem;;lorem\n;x;\n', ';')).toEqual([
      [1, 'a', 'lorem', '', 'lorem'],
      [2, '', 'x', ''],
    ]);
    expect(rows('title;year;', ';')).toEqual([[1, 'title', 'year', '']]);
    expect(rows('"title";', ';')).toEqual([[1, 'title', '']]);
    expect(rows('title\t2001\t\n', '\t')).toEqual([[1, 'title', '2001', '']]);
  });

  it('reads delimiters, line ends and doubled quotes inside quotes, counting the lines a cell spans', () => {
    const text =
      'Title,Abstract,Year\n"A, title","line one\nline two\r\nline three\rline four ""quoted""",2001\nNext,x,2002\n';
    expect(rows(text)).toEqual([
      [1, 'Title', 'Abstract', 'Year'],
      [5, 'A, title', 'line one\nline two\r\nline three\rline four "quoted"', '2001'],
      [6, 'Next', 'x', '2002'],
    ]);
    expect(readDelimitedRows(text, ',').openQuoteLine).toBeNull();
    // A classic Mac file: lone CRs only, two of them inside one cell.
    expect(rows('Title\r"line one\rline two\rline three"\rNext\r')).toEqual([
      [1, 'Title'],
      [4, 'line one\rline two\rline three'],
      [5, 'Next'],
    ]);
  });

  it('reads a doubled quote at the start and at the end of a quoted cell, and a cell of one quote', () => {
    expect(rows('"""Quoted"" title","x"""\n')).toEqual([[1, '"Quoted" title', 'x"']]);
    expect(rows('""""\n')).toEqual([[1, '"']]);
  });

  it('keeps bare quotes inside unquoted cells (WoS, hand-made files) and text after a closing quote', () => {
    expect(rows('title,note\nThe "so-called" effect,5" disk\n')).toEqual([
      [1, 'title', 'note'],
      [2, 'The "so-called" effect', '5" disk'],
    ]);
    // `"a"b` keeps its text, with the opening quote, as csv-parse's relax_quotes did.
    expect(rows('"Smith" et al.,x\n"a""b"c d,y\n')).toEqual([
      [1, '"Smith et al.', 'x'],
      [2, '"a"bc d', 'y'],
    ]);
  });

  it('runs a quote never closed to the end of the text and names the line it opened on', () => {
    const text = 'title,abstract\nOne,"open quote,never closed\nmore\r\nand more\rlast';
    const result = readDelimitedRows(text, ',');
    expect(result.openQuoteLine).toBe(2);
    expect(result.tooWideLine).toBeNull();
    expect(result.rows).toEqual([
      { line: 1, cells: ['title', 'abstract'] },
      { line: 5, cells: ['One', 'open quote,never closed\nmore\r\nand more\rlast'] },
    ]);
    // A quote opened at the very end: an empty cell, so no row, and still an open quote.
    expect(readDelimitedRows('title\n"', ',')).toEqual({
      rows: [{ line: 1, cells: ['title'] }],
      openQuoteLine: 2,
      tooWideLine: null,
    });
  });

  it('reads a row of exactly MAX_CELLS cells and stops at the first row wider, naming its line', () => {
    const full = Array.from({ length: MAX_CELLS }, (_, i) => String(i % 10)).join(',');
    const read = readDelimitedRows(`title\n${full}\n`, ',');
    expect(read.tooWideLine).toBeNull();
    expect(read.rows[1]!.cells).toHaveLength(MAX_CELLS);
    const wide = readDelimitedRows(`title\nOne\n${full},x,y\nlater\n`, ',');
    expect(wide.tooWideLine).toBe(3);
    expect(wide.rows).toEqual([
      { line: 1, cells: ['title'] },
      { line: 2, cells: ['One'] },
    ]);
  });
});
