import { ParseError } from '../../../server/domain/errors';
import { parseWosPlain } from '../../../server/domain/import/wos-plain';
import { parseWosTab } from '../../../server/domain/import/wos-tab';
import { fixtureBytes, parseFixture } from './fixtures';

describe('Web of Science plain text (FN/VR … ER)', () => {
  it('reads a plain-text export saved as .ris as WoS plain text', () => {
    const result = parseFixture('wos/example_wos.ris');
    expect(result.format).toBe('wos-plain');
    expect(result.records).toHaveLength(2);
  });

  it('reads one item per continuation line for authors and joins wrapped titles', () => {
    const [first, second] = parseFixture('wos/example_wos.ris').records;
    expect(first!.title).toBe('Interactions stabilizing the structure of the core light-harvesting complex (LHl) of photosynthetic bacteria and its subunit (B820)');
    expect(first!.authors).toEqual(['Parkes-Loach, PS', 'Majeed, AP', 'Law, CJ', 'Loach, PA']);
    expect(first!.sourceId).toBe('WOS:000221807500019');
    expect(first!.year).toBe(2004);
    expect(first!.journal).toBe('BIOCHEMISTRY');
    expect(first!.pages).toBe('7003-7016');
    expect(first!.doi).toBe('10.1021/bi049798f');
    expect(first!.pmid).toBe('15170338');
    expect(first!.keywords).toContain('ANTENNA COMPLEX');
    expect(first!.keywords).toContain('AMINO-ACID-SEQUENCE');
    expect(second!.authors).toHaveLength(9);
    expect(second!.abstract?.startsWith('We use laser flash photolysis')).toBe(true);
    const references = first!.raw.find(([tag]) => tag === 'CR')![1].split('\n');
    expect(references[0]).toBe('ALLEN JP, 1986, P NATL ACAD SCI USA, V83, P8589, DOI 10.1073/pnas.83.22.8589');
  });

  it('fails with file and line when no record is present', () => {
    expect(() => parseWosPlain('FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n', 'empty.txt')).toThrow(ParseError);
  });

  it('keeps a record that lacks ER at the end of the file, with a warning', () => {
    const { records, warnings } = parseWosPlain('FN x\nVR 1.0\nPT J\nTI A title\n   continued\nAU Smith, J\n', 'cut.txt');
    expect(records[0]!.title).toBe('A title continued');
    expect(warnings[0]!.message).toMatch(/file ends inside a record/);
  });
});

describe('Web of Science tab-delimited', () => {
  it('reads a BOM + CR-only MEDLINE-through-WoS export (10 records)', () => {
    const bytes = Buffer.from(fixtureBytes('wos/WoS_medline_tabdelimited_CR.txt'));
    expect(bytes.includes('\n')).toBe(false);
    const result = parseFixture('wos/WoS_medline_tabdelimited_CR.txt');
    expect(result.format).toBe('wos-tab');
    expect(result.records).toHaveLength(10);
    const first = result.records[0]!;
    expect(first.title).toBe('Cross-scale occupancy dynamics of a postfire specialist in response to variation across a fire regime.');
    expect(first.authors[0]).toBe('Tingley, Morgan W');
    expect(first.authors).toHaveLength(6);
    expect(first.year).toBe(2018);
    expect(first.journal).toBe('The Journal of animal ecology');
    expect(first.pages).toBe('1484-1496');
    expect(first.doi).toBe('10.1111/1365-2656.12851');
    expect(first.pmid).toBe('29782655');
    expect(first.sourceId).toBe('MEDLINE:29782655');
    const last = result.records[9]!;
    expect(last.keywords.slice(0, 2)).toEqual(['Animals', 'Birds / *physiology']);
  });

  it('refuses a header that is not WoS field tags', () => {
    expect(() => parseWosTab('Title\tAuthors\nA\tB\n', 'x.txt')).toThrow(ParseError);
  });
});
