import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ParseError } from '../../../server/domain/errors';
import { parseEndnoteXml } from '../../../server/domain/import/endnote-xml';
import { parsePubmedXml } from '../../../server/domain/import/pubmed-xml';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'import');
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('parseEndnoteXml()', () => {
  it('reads EndNote 17 XML with <style> wrappers (Respiratory set)', () => {
    const { records, warnings } = parseEndnoteXml(read('endnote-xml/respiratory_endnote_25.xml'), 'r.xml');
    expect(records).toHaveLength(25);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      sourceId: '2',
      type: 'journal-article',
      title:
        'Perioperative nutritional support in patients undergoing hepatectomy for hepatocellular carcinoma',
      authors: ['Ziegler, T. R.'],
      year: 1996,
      journal: 'Jpen: Journal of Parenteral & Enteral Nutrition',
      volume: '20',
      issue: '1112',
      pages: '91-92',
    });
    expect(records[0]!.raw).toEqual(
      expect.arrayContaining([
        ['rec-number', '2'],
        ['ref-type@name', 'Journal Article'],
        ['titles/secondary-title', 'Jpen: Journal of Parenteral & Enteral Nutrition'],
        ['caption', 'Duplicate'],
      ]),
    );
    // The EndNote library path is not a property of the work.
    expect(records[0]!.raw.some(([tag]) => tag.startsWith('database'))).toBe(false);
  });

  it('reads the EndNote XML that Zotero writes (plain values, ISSNs in isbn)', () => {
    const { records } = parseEndnoteXml(read('endnote-xml/zotero_endnote_2.xml'), 'z.xml');
    expect(records.map((r) => r.title)).toEqual([
      'Primary secretory otitis media in Cavalier King Charles spaniels.',
      'Collapsing Clumber spaniels.',
    ]);
    expect(records[0]).toMatchObject({
      authors: ['Cole, Lynette K.'],
      year: 2012,
      doi: '10.1016/j.cvsm.2012.08.002',
      issn: '1878-1306',
      language: 'eng',
      issue: '6',
    });
    expect(records[0]!.keywords).toContain('Ear, Middle/pathology');
    expect(records[1]).toMatchObject({
      authors: ['Herrtage, E.', 'Houlton, J. E.'],
      pages: '334',
      issn: '0042-4900',
    });
  });

  it('reads the EndNote XML that Mendeley writes, the accession number as PMID', () => {
    const { records } = parseEndnoteXml(read('endnote-xml/mendeley_endnote_2.xml'), 'm.xml');
    expect(records[0]).toMatchObject({
      pmid: '23122173',
      doi: '10.1016/j.cvsm.2012.08.002',
      journal: 'The Veterinary clinics of North America. Small animal practice',
    });
    // Mendeley exported this one as "Generic".
    expect(records[1]).toMatchObject({
      type: 'other',
      pmid: '516334',
      title: 'Collapsing Clumber spaniels.',
    });
  });

  it('the same works from Zotero and Mendeley agree after normalisation', () => {
    const zotero = parseEndnoteXml(read('endnote-xml/zotero_endnote_2.xml'), 'z.xml').records;
    const mendeley = parseEndnoteXml(read('endnote-xml/mendeley_endnote_2.xml'), 'm.xml').records;
    expect(mendeley.map((r) => [r.title, r.doi, r.year, r.volume, r.pages])).toEqual(
      zotero.map((r) => [r.title, r.doi, r.year, r.volume, r.pages]),
    );
  });

  it('fails malformed XML with the line, and XML without records with a reason', () => {
    expect(() =>
      parseEndnoteXml('<xml><records>\n<record><title>x</record></records></xml>', 'bad.xml'),
    ).toThrow(
      "bad.xml:2: no record could be read: line 2: not well-formed XML: Expected closing tag 'title' (opened in line 2) instead of closing tag 'record'.",
    );
    expect(() => parseEndnoteXml('<xml><other>\n<a></b></other></xml>', 'worse.xml')).toThrow(
      /^worse\.xml:2: not well-formed XML/,
    );
    expect(() => parseEndnoteXml('<xml><other/></xml>', 'none.xml')).toThrow(
      'none.xml: no EndNote <record> found (the document holds <xml>)',
    );
    expect(() => parseEndnoteXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><xml/>', 'e.xml')).toThrow(
      'e.xml:1: XML entity declarations are not allowed',
    );
  });

  it('reads a bare "&" as text, with a warning', () => {
    const { records, warnings } = parseEndnoteXml(
      '<xml><records><record><titles><title>AT&T &amp; R&D &#233;t&#xE9;</title></titles></record></records></xml>',
      'amp.xml',
    );
    expect(records[0]!.title).toBe('AT&T & R&D été');
    expect(warnings).toEqual([{ line: 1, record: 1, message: '2 unescaped "&" read as text' }]);
  });

  it('skips a broken record with its line and reason, and reads the others', () => {
    const text = read('endnote-xml/zotero_endnote_2.xml').replace(
      '<title>Collapsing Clumber spaniels.</title>',
      '<title>Collapsing <b>Clumber spaniels.</title>',
    );
    const { records, warnings } = parseEndnoteXml(text, 'z.xml');
    expect(records.map((r) => r.title)).toEqual([
      'Primary secretory otitis media in Cavalier King Charles spaniels.',
    ]);
    expect(warnings).toEqual([
      {
        line: 2,
        record: null,
        message:
          "line 2: not well-formed XML: Expected closing tag 'b' (opened in line 2) instead of closing tag 'title'.; record skipped",
      },
    ]);
  });

  it('throws only ParseError on truncated or mutated files', () => {
    const text = read('endnote-xml/zotero_endnote_2.xml');
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => {
        const mutated = text.slice(0, Math.min(a, b)) + text.slice(Math.max(a, b));
        try {
          parseEndnoteXml(mutated, 'm.xml');
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('parsePubmedXml()', () => {
  const { records, warnings } = parsePubmedXml(read('pubmed-xml/pubmed.xml'), 'pubmed.xml');

  it('reads every PubmedArticle with its PMID as the source id', () => {
    expect(records).toHaveLength(10);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.sourceId)).toEqual([
      '31690499',
      '30576676',
      '25371100',
      '24709432',
      '17950424',
      '15472489',
      '15196982',
      '11936454',
      '3869727',
      '5249350',
    ]);
    expect(records.every((r) => r.pmid === r.sourceId)).toBe(true);
  });

  it('takes the DOI from ELocationID or ArticleId, the year from PubDate, pages from MedlinePgn', () => {
    expect(records[0]).toMatchObject({
      title: 'A new decompression device for treating odontogenic cysts using a silicone tube.',
      authors: ['Kimura, M', 'Ishibashi, K', 'Shibata, A', 'Nishiwaki, S', 'Umemura, M'],
      year: 2019,
      journal: 'The British journal of oral & maxillofacial surgery',
      doi: '10.1016/j.bjoms.2019.09.011',
      issn: '1532-1940',
      language: 'eng',
      keywords: ['decompression', 'marsupialization', 'odontogenic cysts', 'silicone tube'],
    });
    expect(records[1]).toMatchObject({
      volume: '77',
      issue: '3',
      pages: '555.e1-555.e6',
      doi: '10.1016/j.joms.2018.11.016',
    });
  });

  it('joins labelled abstract sections as "LABEL: text" paragraphs', () => {
    expect(records[2]!.abstract).toMatch(
      /^OBJECTIVES: To consider the biologic behaviors .*\nMETHODS: A 63-year-old Japanese ma/s,
    );
  });

  it('turns MeSH descriptors into keywords and keeps qualifiers in raw', () => {
    expect(records[9]!.keywords).toEqual(['Humans', 'Methods', 'Periodontal Cyst']);
    expect(records[9]!.raw).toContainEqual([
      'MedlineCitation/MeshHeadingList/MeshHeading/QualifierName',
      'surgery',
    ]);
  });

  it('keeps accented names decoded from the XML', () => {
    expect(records[3]!.authors).toContain('Pinto-Junior, Décio dos Santos');
  });

  it('reads a PubmedBookArticle chapter with its book as container', () => {
    const book = `<?xml version="1.0"?><PubmedArticleSet><PubmedBookArticle><BookDocument><PMID Version="1">20301295</PMID>
      <ArticleIdList><ArticleId IdType="bookaccession">NBK1116</ArticleId></ArticleIdList>
      <Book><Publisher><PublisherName>University of Washington, Seattle</PublisherName></Publisher>
        <BookTitle book="gene">GeneReviews<sup>®</sup></BookTitle><PubDate><Year>1993</Year></PubDate><Isbn>0000000000</Isbn></Book>
      <ArticleTitle book="gene" part="alport">Alport Syndrome</ArticleTitle>
      <AuthorList Type="authors"><Author><LastName>Kashtan</LastName><ForeName>Clifford E</ForeName><Initials>CE</Initials></Author></AuthorList>
      <Language>eng</Language>
      <Abstract><AbstractText Label="CLINICAL CHARACTERISTICS">Alport syndrome is ...</AbstractText><AbstractText Label="DIAGNOSIS/TESTING">Diagnosis ...</AbstractText></Abstract>
      </BookDocument><PubmedBookData><ArticleIdList><ArticleId IdType="pubmed">20301295</ArticleId></ArticleIdList></PubmedBookData></PubmedBookArticle></PubmedArticleSet>`;
    const [record] = parsePubmedXml(book, 'book.xml').records;
    expect(record).toMatchObject({
      sourceId: '20301295',
      type: 'book-chapter',
      title: 'Alport Syndrome',
      journal: 'GeneReviews®',
      authors: ['Kashtan, Clifford E'],
      year: 1993,
      isbn: '0000000000',
      abstract: 'CLINICAL CHARACTERISTICS: Alport syndrome is ...\nDIAGNOSIS/TESTING: Diagnosis ...',
    });
  });

  it('refuses a document that is not PubMed XML', () => {
    expect(() => parsePubmedXml('<xml><records/></xml>', 'x.xml')).toThrow(
      'x.xml: no <PubmedArticle> found (the document holds <xml>)',
    );
  });
});
