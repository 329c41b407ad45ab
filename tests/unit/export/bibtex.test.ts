import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { escapeLatex, exportBibtex } from '../../../server/domain/export/bibtex';
import { parseBibtex } from '../../../server/domain/import/bibtex';
import { latexToUnicode } from '../../../server/domain/import/latex';
import { cleanText } from '../../../server/domain/import/normalise';
import { parseRis } from '../../../server/domain/import/ris';
import { emptyRecord, type BibRecord } from '../../../server/domain/import/types';
import { asExportRecords, normalised } from './records';

const fixture = (dir: string, name: string): string =>
  fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', dir, name), 'utf8');

describe('exportBibtex()', () => {
  it.each([
    'bibtex/spaniels_zotero_50.bib',
    'bibtex/bibtexparser/biber-examples.bib',
    'bibtex/bibtexparser/crossref_entries.bib',
    'bibtex/bibtexparser/features2.bib',
    'bibtex/bibtexparser/traps.bib',
  ])('BibTeX → Sift → BibTeX keeps every field and the normalised record (%s)', (name) => {
    const { records } = parseBibtex(fixture('import', name), name);
    const again = parseBibtex(exportBibtex(asExportRecords(records, 'bibtex')), 'again.bib');
    // Keys stay, except that a key the file repeats is made unique (biber-examples has "tmn4" twice).
    const withoutKey = (r: BibRecord) => r.raw.filter(([tag]) => tag !== 'ID');
    expect(again.records.map(withoutKey)).toEqual(records.map(withoutKey));
    const keys = again.records.map((r) => r.sourceId!.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    const unchanged = records.filter((r, i) => r.sourceId === again.records[i]!.sourceId);
    expect(unchanged.length).toBeGreaterThanOrEqual(records.length - 1);
    expect(again.records.map((r) => ({ ...normalised(r), sourceId: null }))).toEqual(
      records.map((r) => ({ ...normalised(r), sourceId: null })),
    );
  });

  it('writes a record from another format from its normalised fields, even when it came from BibTeX first', () => {
    const { records } = parseBibtex(fixture('import', 'bibtex/spaniels_zotero_50.bib'), 'z.bib');
    const out = exportBibtex(asExportRecords(records.slice(0, 1), 'ris'));
    expect(out).not.toContain('annote');
    expect(out).toContain(
      'title = {{Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs}}',
    );
    expect(parseBibtex(out, 'x.bib').records.map(normalised)).toEqual(records.slice(0, 1).map(normalised));
  });

  it('RIS → Sift → BibTeX keeps titles, names, DOIs and keywords with commas', () => {
    const { records } = parseRis(fixture('import', 'ris/_baseline_zotero.ris'), 'z.ris');
    const again = parseBibtex(exportBibtex(asExportRecords(records, 'ris')), 'again.bib').records;
    const pick = (r: BibRecord) => [
      r.title,
      r.authors,
      r.year,
      r.journal,
      r.volume,
      r.issue,
      r.pages,
      r.doi,
      r.keywords,
      r.abstract,
    ];
    expect(again.map(pick)).toEqual(records.map(pick));
  });

  it('keeps the record key when usable and makes every key unique', () => {
    const base = {
      ...emptyRecord(),
      type: 'journal-article',
      title: 'Deep learning for screening',
      authors: ['Müller, Jürgen'],
      year: 2021,
    };
    const out = exportBibtex(
      asExportRecords(
        [
          { ...base, sourceId: 'smith2020' },
          { ...base, sourceId: 'smith2020' },
          { ...base, sourceId: 'has spaces' },
          { ...base, sourceId: null },
        ],
        'ris',
      ),
    );
    expect([...out.matchAll(/^@article\{([^,]+),/gm)].map((m) => m[1])).toEqual([
      'smith2020',
      'smith2020a',
      'muller2021deep',
      'muller2021deepa',
    ]);
  });

  it('escapes LaTeX specials and protects group authors and particles', () => {
    const record = {
      ...emptyRecord(),
      type: 'book-chapter',
      title: "R&D at 50% {cost} with $5 #1 a_b ~x^2 -- ``q'' \\",
      authors: ['World Health Organization', 'van der Berg, Jan', 'Ford, Henry, Jr.', 'Tom and Jerry, A.'],
      journal: 'Handbook',
    };
    const out = exportBibtex(asExportRecords([record], 'ris'));
    expect(out).toContain('@incollection{');
    expect(out).toContain('booktitle = {Handbook}');
    expect(out).toContain(
      'author = {{World Health Organization} and van der Berg, Jan and Ford, Jr., Henry and Tom {and} Jerry, A.}',
    );
    const [back] = parseBibtex(out, 'x.bib').records;
    expect(back!.title).toBe(record.title);
    expect(back!.authors).toEqual(record.authors);
  });

  it('writes page ranges with an en-dash pair and reads them back as start-end', () => {
    const out = exportBibtex(
      asExportRecords([{ ...emptyRecord(), title: 'T', pages: '555.e1-555.e6' }], 'ris'),
    );
    expect(out).toContain('pages = {555.e1--555.e6}');
    expect(parseBibtex(out, 'x.bib').records[0]!.pages).toBe('555.e1-555.e6');
  });

  it('adds sift_* provenance fields only when asked', () => {
    const [record] = asExportRecords([{ ...emptyRecord(), title: 'T', sourceId: 'k' }], 'ris').map((r) => ({
      ...r,
      id: 5,
      duplicateOf: 2,
      status: 'excluded',
    }));
    expect(exportBibtex([record!])).not.toContain('sift_');
    const out = exportBibtex([record!], { provenance: true });
    expect(out).toContain('sift_id = {5}');
    expect(out).toContain('sift_duplicate_of = {2}');
    expect(out).toContain('sift_status = {excluded}');
  });

  it('escapeLatex() output decodes back to the same text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            'Z',
            ' ',
            '\\',
            '{',
            '}',
            '%',
            '&',
            '$',
            '#',
            '_',
            '~',
            '^',
            '`',
            "'",
            '-',
            '"',
            'é',
            '$\\alpha$',
          ),
        }),
        (text) => {
          expect(latexToUnicode(escapeLatex(text))).toBe(text.normalize('NFC'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips arbitrary records through the BibTeX reader (property)', () => {
    const text = fc
      .string({
        minLength: 1,
        maxLength: 40,
        unit: fc.constantFrom(
          'a',
          'B',
          '0',
          ' ',
          ',',
          '.',
          ':',
          '\\',
          '{',
          '}',
          '%',
          '&',
          '$',
          '#',
          '_',
          '~',
          '^',
          '`',
          "'",
          '-',
          '"',
          'é',
          'ø',
          'and',
          '@',
          '=',
        ),
      })
      .map((t) => cleanText(t))
      .filter((t): t is string => t !== null);
    const name = fc.oneof(
      fc
        .tuple(
          fc.stringMatching(/^(van der |de la )?[A-Z][a-zéü]{1,10}$/),
          fc.stringMatching(/^[A-Z][a-z]{0,8}( [A-Z]\.)?$/),
        )
        .map(([f, g]) => `${f}, ${g}`),
      fc.stringMatching(/^[A-Z][a-z]{2,8} (and )?[A-Z][a-z]{2,8}$/),
    );
    const arbitraryRecord = fc.record({
      sourceId: fc.option(fc.stringMatching(/^[a-z][a-z0-9_:]{0,12}$/), { nil: null }),
      title: fc.option(text, { nil: null }),
      authors: fc.array(name, { maxLength: 4 }),
      year: fc.option(fc.integer({ min: 1000, max: 2999 }), { nil: null }),
      journal: fc.option(text, { nil: null }),
      volume: fc.option(text, { nil: null }),
      abstract: fc.option(text, { nil: null }),
      doi: fc.option(fc.stringMatching(/^10\.[0-9]{4}\/[a-z0-9._()<>;-]{0,12}[a-z0-9]$/), { nil: null }),
      url: fc.option(fc.stringMatching(/^https:\/\/[a-z]{1,8}\.org\/[a-zA-Z0-9_%~?=&#-]{0,12}$/), {
        nil: null,
      }),
      keywords: fc.uniqueArray(
        fc.stringMatching(/^[a-z][a-z ,]{1,10}[a-z]$/).map((k) => cleanText(k)!),
        { maxLength: 3, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() },
      ),
    });
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { minLength: 1, maxLength: 4 }), (fields) => {
        const records = fields.map((f) => ({ ...emptyRecord(), ...f, type: 'journal-article' }));
        const again = parseBibtex(exportBibtex(asExportRecords(records, 'ris')), 'p.bib').records;
        const pick = (r: BibRecord) => [
          r.title,
          r.authors,
          r.year,
          r.journal,
          r.volume,
          r.abstract,
          r.doi,
          r.url,
          r.keywords,
        ];
        expect(again.map(pick)).toEqual(records.map(pick));
      }),
      { numRuns: 300 },
    );
  });
});
