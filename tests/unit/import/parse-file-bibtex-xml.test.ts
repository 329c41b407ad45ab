import { ParseError } from '../../../server/domain/errors';
import { parseFile } from '../../../server/domain/import';
import { fixtureBytes, parseFixture } from './fixtures';

describe('parseFile() sniffs and reads BibTeX, EndNote XML and PubMed XML', () => {
  it.each([
    ['bibtex/spaniels_zotero_50.bib', 'bibtex', 50],
    ['bibtex/bibtexparser/biber-examples.bib', 'bibtex', 118],
    ['bibtex/bibtexparser/article_start_with_bom.bib', 'bibtex', 1],
    ['endnote-xml/respiratory_endnote_25.xml', 'endnote-xml', 25],
    ['endnote-xml/zotero_endnote_2.xml', 'endnote-xml', 2],
    ['endnote-xml/mendeley_endnote_2.xml', 'endnote-xml', 2],
    ['pubmed-xml/pubmed.xml', 'pubmed-xml', 10],
  ])('%s → %s, %i records', (name, format, count) => {
    const result = parseFixture(name);
    expect(result.format).toBe(format);
    expect(result.records).toHaveLength(count);
  });

  it('reads GBK-encoded BibTeX (Chinese names and journal) without mojibake', () => {
    const [record] = parseFixture('bibtex/gbk_test.bib').records;
    expect(record).toMatchObject({
      sourceId: '凯撒2013',
      authors: ['凯撒'],
      journal: '测试期刊',
      year: 2013,
    });
  });

  it('reports a BibTeX file in which nothing can be read as ParseError with file and line', () => {
    expect(() => parseFile(Buffer.from('@article{a,\n  title = {never closed\n'), 'cut.bib')).toThrow(
      ParseError,
    );
    expect(() => parseFile(Buffer.from('@article{a,\n  title = {never closed\n'), 'cut.bib')).toThrow(
      /^cut\.bib:1: no BibTeX entry could be read/,
    );
  });

  it('reads the records of an XML file that stops half-way and names the cut one', () => {
    const text = Buffer.from(fixtureBytes('pubmed-xml/pubmed.xml')).toString('utf8');
    const cut = text.slice(0, Math.floor(text.length / 2));
    const { records, warnings } = parseFile(Buffer.from(cut), 'pubmed.xml');
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(10);
    const cutLine = cut.split('\n').findLastIndex((l) => l.includes('<PubmedArticle>')) + 1;
    expect(warnings).toContainEqual({
      line: cutLine,
      record: null,
      message: `<PubmedArticle> at line ${cutLine} is never closed; record skipped`,
    });
  });

  it('fails an XML file whose only record is cut, naming the line', () => {
    expect(() => parseFile(Buffer.from('<xml><records>\n<record><titles><title>T'), 'cut.xml')).toThrow(
      'cut.xml:2: no record could be read: <record> at line 2 is never closed',
    );
  });
});
