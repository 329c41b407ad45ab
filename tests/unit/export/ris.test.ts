import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { exportRis } from '../../../server/domain/export/ris';
import { parseBibtex } from '../../../server/domain/import/bibtex';
import { parseRis } from '../../../server/domain/import/ris';
import { cleanText } from '../../../server/domain/import/normalise';
import { emptyRecord } from '../../../server/domain/import/types';
import { asExportRecords, normalised } from './records';

const RIS_FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'import');
const risFixture = (name: string): string => fs.readFileSync(path.join(RIS_FIXTURES, name), 'utf8');

describe('exportRis()', () => {
  it.each([
    'ris/_baseline_zotero.ris',
    'ris/_baseline_endnote.ris',
    'ris/_baseline_scopus.ris',
    'ris/_baseline_embase.ris',
    'ris/wos_test.ris',
    'ris/ris_issue_992.txt',
    'ris/example_multiline.ris',
    'ris/baseline_empty_values.ris',
  ])('RIS → Sift → RIS keeps every field of %s, in order', (name) => {
    const original = parseRis(risFixture(name), name).records;
    const exported = exportRis(asExportRecords(original, 'ris'));
    const again = parseRis(exported, 'again.ris').records;
    expect(again).toHaveLength(original.length);
    expect(again.map((r) => r.raw)).toEqual(original.map((r) => r.raw));
    expect(again.map(normalised)).toEqual(original.map(normalised));
  });

  it('writes CRLF lines, TY first and ER last', () => {
    const [record] = parseRis('TY  - JOUR\nTI  - A title\nER  - \n', 'x.ris').records;
    expect(exportRis(asExportRecords([record!], 'ris'))).toBe(
      'TY  - JOUR\r\nTI  - A title\r\nER  - \r\n\r\n',
    );
  });

  it('writes records from other formats from their normalised fields', () => {
    const { records } = parseBibtex(
      fs.readFileSync(
        path.join(__dirname, '..', '..', 'fixtures', 'import', 'bibtex', 'spaniels_zotero_50.bib'),
        'utf8',
      ),
      'z.bib',
    );
    const exported = exportRis(asExportRecords(records, 'bibtex', 'PubMed via Zotero'));
    expect(
      exported.startsWith(
        'TY  - JOUR\r\nID  - larsen_microangiography_1999\r\nTI  - Microangiography of the humeral condyle',
      ),
    ).toBe(true);
    const again = parseRis(exported, 'again.ris').records;
    expect(again).toHaveLength(50);
    for (const [i, record] of again.entries()) {
      const source = records[i]!;
      expect(record).toMatchObject({
        sourceId: source.sourceId,
        title: source.title,
        authors: source.authors,
        year: source.year,
        journal: source.journal,
        volume: source.volume,
        issue: source.issue,
        pages: source.pages,
        doi: source.doi,
        issn: source.issn,
        keywords: source.keywords,
        type: source.type,
      });
      expect(record.raw).toContainEqual(['DB', 'PubMed via Zotero']);
    }
  });

  it('adds a provenance note only when asked', () => {
    const [record] = parseRis('TY  - JOUR\nTI  - T\nER  - \n', 'x.ris').records;
    const [withStatus] = asExportRecords([record!], 'ris').map((r) => ({
      ...r,
      id: 12,
      status: 'included',
      duplicateOf: 3,
    }));
    expect(exportRis([withStatus!])).not.toContain('N1');
    expect(exportRis([withStatus!], { provenance: true })).toContain(
      'N1  - Sift record 12; source: Test search; status: included; duplicate of 3\r\n',
    );
  });

  it('round-trips arbitrary records through the RIS reader (property)', () => {
    // Stored values are already normalised (cleanText), so generate them that way.
    const text = fc
      .stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,:;()'éüß-]{0,40}[A-Za-z0-9.)]$/)
      .map((t) => cleanText(t)!);
    const arbitraryRecord = fc.record({
      title: text,
      authors: fc.array(
        fc
          .tuple(fc.stringMatching(/^[A-Z][a-z]{1,10}$/), fc.stringMatching(/^[A-Z]\.( [A-Z]\.)?$/))
          .map(([f, g]) => `${f}, ${g}`),
        { maxLength: 5 },
      ),
      year: fc.option(fc.integer({ min: 1800, max: 2099 }), { nil: null }),
      journal: fc.option(text, { nil: null }),
      volume: fc.option(fc.stringMatching(/^[1-9][0-9]{0,3}$/), { nil: null }),
      pages: fc.option(
        fc
          .tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 50 }))
          .map(([a, b]) => (b === 0 ? `${a}` : `${a}-${a + b}`)),
        { nil: null },
      ),
      doi: fc.option(fc.stringMatching(/^10\.[0-9]{4}\/[a-z0-9.]{1,12}[a-z0-9]$/), { nil: null }),
      keywords: fc.uniqueArray(fc.stringMatching(/^[a-z]{3,12}$/), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { minLength: 1, maxLength: 5 }), (fields) => {
        const records = fields.map((f) => ({ ...emptyRecord(), ...f, type: 'journal-article' }));
        const again = parseRis(exportRis(asExportRecords(records, 'bibtex')), 'p.ris').records;
        expect(
          again.map((r) => [r.title, r.authors, r.year, r.journal, r.volume, r.pages, r.doi, r.keywords]),
        ).toEqual(
          records.map((r) => [r.title, r.authors, r.year, r.journal, r.volume, r.pages, r.doi, r.keywords]),
        );
      }),
      { numRuns: 200 },
    );
  });
});
