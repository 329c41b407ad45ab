import { ParseError } from '../../../server/domain/errors';
import { detectFormat, parseFile } from '../../../server/domain/import';
import { fixtureBytes } from './fixtures';

const text = (name: string): string => Buffer.from(fixtureBytes(name)).toString('utf8');

describe('detectFormat() decides by content, not by extension', () => {
  it.each([
    ['medline/_baseline_pubmed.ris', 'medline'],
    ['medline/example_pubmed.txt', 'medline'],
    ['ris/web_of_science.txt', 'ris'],
    ['ris/pubmed_endnote.txt', 'ris'],
    ['ris/ris_issue_1099.txt', 'ris'],
    ['wos/example_wos.ris', 'wos-plain'],
    ['wos/WoS_medline_tabdelimited_CR.txt', 'wos-tab'],
    ['ris/wos_test.ris', 'ris'],
    ['delimited/_baseline_scopus.csv', 'csv'],
    ['delimited/generic_semicolon.csv', 'csv'],
    ['delimited/generic_tab.tsv', 'tsv'],
  ])('%s → %s', (file, format) => {
    expect(detectFormat(text(file), file)).toBe(format);
  });

  it('ignores a misleading extension', () => {
    expect(detectFormat(text('medline/_baseline_pubmed.ris'), 'export.csv')).toBe('medline');
    expect(detectFormat(text('ris/_baseline_zotero.ris'), 'export.bib')).toBe('ris');
    expect(detectFormat(text('wos/example_wos.ris'), 'savedrecs.nbib')).toBe('wos-plain');
  });

  it.each([
    ['@article{key2020,\n  title = {A title},\n  year = 2020\n}\n', 'refs.txt', 'bibtex'],
    ['% comment\n@Book{b, title={T}}\n', 'refs.bib', 'bibtex'],
    ['<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet><PubmedArticle></PubmedArticle></PubmedArticleSet>', 'pubmed.xml', 'pubmed-xml'],
    ['<?xml version="1.0" encoding="UTF-8"?><xml><records><record><ref-type name="Journal Article">17</ref-type></record></records></xml>', 'lib.xml', 'endnote-xml'],
    ['PK\u0003\u0004rest of a zip', 'sheet.xlsx', 'xlsx'],
  ])('recognises %#: %s', (content, name, format) => {
    expect(detectFormat(content, name)).toBe(format);
  });

  it('lets the extension break a tie between formats that share lines', () => {
    // Only two-letter "XX  - " lines: RIS and MEDLINE both write them.
    const shared = 'TI  - A title\nAU  - Smith J\nAB  - Text\n';
    expect(detectFormat(shared, 'refs.ris')).toBe('ris');
  });

  it.each([
    ['', 'empty.ris', 'the file is empty'],
    ['   \n\n', 'blank.txt', 'the file is empty'],
    ['<html><body>not a bibliography</body></html>', 'page.xml', 'XML that is neither PubMed XML (<PubmedArticleSet>) nor EndNote XML (<xml><records><record>)'],
    ['just some words\nand more words\n', 'notes', 'unrecognised format: expected RIS, PubMed/MEDLINE, Web of Science, BibTeX, CSV/TSV, EndNote XML or PubMed XML'],
  ])('refuses %#: %j', (content, name, reason) => {
    let error: unknown;
    try {
      detectFormat(content, name);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).reason).toBe(reason);
    expect((error as ParseError).file).toBe(name);
  });
});

describe('parseFile() dispatch', () => {
  it('refuses a binary file clearly', () => {
    const bytes = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3e]);
    expect(() => parseFile(bytes, 'a.out')).toThrow(/binary file/);
  });

  it('refuses an empty file', () => {
    expect(() => parseFile(new Uint8Array(), 'empty.ris')).toThrow(new ParseError('empty.ris', null, 'the file is empty'));
  });

  it('refuses a ZIP that is not a readable workbook', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(() => parseFile(zip, 'refs.xlsx')).toThrow(ParseError);
    expect(() => parseFile(zip, 'refs.xlsx')).toThrow('refs.xlsx: not a readable .xlsx workbook: the ZIP container is truncated (no central directory)');
  });

  it('reads the format it is told to, skipping the sniffing', () => {
    const result = parseFile(fixtureBytes('delimited/generic_tab.tsv'), 'generic_tab.tsv', { format: 'tsv' });
    expect(result.format).toBe('tsv');
    expect(result.records).toHaveLength(2);
    expect(() => parseFile(fixtureBytes('delimited/generic_tab.tsv'), 'generic_tab.tsv', { format: 'ris' })).toThrow(ParseError);
  });
});

describe('parseFile() on Office binaries', () => {
  it('refuses an old .xls with advice', () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(() => parseFile(ole2, 'savedrecs.xls')).toThrow('savedrecs.xls: this is an old Excel (.xls) or other Office binary file; save it as .xlsx or CSV (UTF-8) and import that');
  });
});
