import fc from 'fast-check';
import { ParseError } from '../../../server/domain/errors';
import { parseFile, parseFileEach } from '../../../server/domain/import';
import { cpuMsSince } from '../../support/cpu-time';
import { HOSTILE_CASES } from '../../support/hostile-files';
import { fixtureBytes } from './fixtures';

/** The only acceptable outcomes for any input: records (with warnings) or a ParseError. */
function parsesOrRefuses(bytes: Uint8Array, name: string): void {
  const started = process.cpuUsage();
  try {
    const result = parseFile(bytes, name);
    expect(Array.isArray(result.records)).toBe(true);
    for (const record of result.records) expect(Array.isArray(record.raw)).toBe(true);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    expect(error.message.startsWith(name)).toBe(true);
  }
  // Small inputs must never take long: no pathological regex or loop.
  expect(cpuMsSince(started)).toBeLessThan(5000);
}

const SEEDS = [
  'ris/_baseline_scopus.ris',
  'medline/_baseline_pubmed.ris',
  'wos/example_wos.ris',
  'wos/WoS_medline_tabdelimited_CR.txt',
  'delimited/_baseline_zotero.csv',
  'delimited/generic_tab.tsv',
  'ris/ris_issue_1099.txt',
  'ris/wos_test.ris',
  'xlsx/_baseline.xlsx',
];
const NAMES = ['x.ris', 'x.txt', 'x.csv', 'x.nbib', 'x.tsv', 'x.bib', 'x.xml', 'x'];

/** Real files with bytes flipped, spliced out or duplicated, and cut short at random. */
const mutatedRealFile = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    edits: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        kind: fc.constantFrom('flip', 'delete', 'repeat', 'newline'),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      { maxLength: 20 },
    ),
  })
  .map(({ seed, cut, edits }) => {
    let bytes = Buffer.from(fixtureBytes(seed));
    bytes = bytes.subarray(0, Math.max(1, Math.floor(bytes.length * (0.05 + cut * 0.95))));
    for (const edit of edits) {
      const at = Math.floor(edit.at * bytes.length);
      if (edit.kind === 'flip') bytes[at] = edit.byte;
      else if (edit.kind === 'delete')
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 200)]);
      else if (edit.kind === 'repeat')
        bytes = Buffer.concat([bytes.subarray(0, at + 300), bytes.subarray(at)]);
      else
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(edit.byte % 2 ? '\r' : '\n'),
          bytes.subarray(at),
        ]);
    }
    return { bytes: new Uint8Array(bytes), seed };
  });

describe('parseFile() never crashes or hangs', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom(...NAMES), (bytes, name) =>
        parsesOrRefuses(bytes, name),
      ),
      { numRuns: 300 },
    );
  });

  it('on random text made of format-like pieces', () => {
    const piece = fc.constantFrom(
      'TY  - JOUR',
      'ER  -',
      'AU  - Smith, J',
      'PMID- 123',
      'FAU - Li, X',
      'PT J',
      'ER',
      'FN x',
      'VR 1.0',
      '   cont',
      'TI  - ',
      '"',
      ',',
      ';',
      '\t',
      '@article{',
      '}',
      '<xml>',
      '\r',
      '\n',
      '\r\n',
      '\ufeff',
      'é',
      '中',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), fc.constantFrom(...NAMES), (pieces, name) =>
        parsesOrRefuses(Buffer.from(pieces.join('')), name),
      ),
      { numRuns: 500 },
    );
  });

  it('on real exports that were cut, corrupted and spliced', () => {
    fc.assert(
      fc.property(mutatedRealFile, ({ bytes, seed }) => parsesOrRefuses(bytes, seed)),
      { numRuns: 200 },
    );
  });

  it('on a long line without line ends and on a huge field (bounded time)', () => {
    parsesOrRefuses(Buffer.from(`TY  - JOUR\nAB  - ${'word '.repeat(400_000)}\nER  - \n`), 'long.ris');
    parsesOrRefuses(Buffer.from('"'.repeat(200_000)), 'quotes.csv');
    parsesOrRefuses(Buffer.from(`title,abstract\n"${'a,'.repeat(200_000)}`), 'open.csv');
  });
});

describe('parsing time stays linear in the input', () => {
  it('reads a 4 MB MEDLINE file repeatedly, streaming and whole, in bounded time (regression: stalled line scanning)', () => {
    const big = Buffer.concat(
      Array.from({ length: 20 }, () => Buffer.from(fixtureBytes('medline/_baseline_pubmed.ris'))),
    );
    const started = process.cpuUsage();
    for (let round = 0; round < 2; round++) {
      let streamed = 0;
      expect(parseFileEach(big, 'pubmed.nbib', () => streamed++).count).toBe(1000);
      expect(streamed).toBe(1000);
      expect(parseFile(big, 'pubmed.nbib').records).toHaveLength(1000);
    }
    expect(cpuMsSince(started)).toBeLessThan(20_000);
  });
});

/** The 1-based line of a byte offset, counted independently of the reader (CRLF, LF, CR). */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  const before = Buffer.from(bytes.subarray(0, offset)).toString('latin1');
  return (before.match(/\r\n|\r|\n/g) ?? []).length + 1;
}

const TEXT_SEEDS = SEEDS.filter((seed) => !seed.endsWith('.xlsx')).concat([
  'bibtex/spaniels_zotero_50.bib',
  'endnote-xml/zotero_endnote_2.xml',
  'pubmed-xml/pubmed.xml',
]);

describe('binary content anywhere is refused, naming its line (issue 15)', () => {
  it('a control byte inserted anywhere in a real export refuses the whole file at that line', () => {
    const control = fc.constantFrom(0x00, 0x01, 0x07, 0x08, 0x0e, 0x1b, 0x1f);
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXT_SEEDS),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        control,
        (seed, at, byte) => {
          const original = Buffer.from(fixtureBytes(seed));
          const offset = Math.floor(at * original.length);
          const bytes = new Uint8Array(
            Buffer.concat([original.subarray(0, offset), Buffer.from([byte]), original.subarray(offset)]),
          );
          let error: unknown;
          try {
            parseFile(bytes, seed);
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).reason).toMatch(/^this is a binary file or a damaged export/);
          expect((error as ParseError).line).toBe(lineAtByte(bytes, offset));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('a record never takes the fields of the next one (issue 15)', () => {
  it('RIS with random ER lines removed: every record holds exactly one TY', () => {
    const text = Buffer.from(fixtureBytes('ris/spaniels_zotero_50.ris')).toString('utf8');
    const lines = text.split('\n');
    const ends = lines.flatMap((line, i) => (/^ER {2}-/.test(line) ? [i] : []));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...ends), { maxLength: ends.length }), (removed) => {
        const kept = lines.filter((_, i) => !removed.includes(i)).join('\n');
        const { records, warnings } = parseFile(Buffer.from(kept), 'cut.ris');
        expect(records).toHaveLength(50);
        for (const record of records) expect(record.raw.filter(([tag]) => tag === 'TY')).toHaveLength(1);
        for (const warning of warnings.filter((w) => /no ER line|file ends inside/.test(w.message))) {
          expect(warning).toEqual({
            line: expect.any(Number),
            record: expect.any(Number),
            message: expect.any(String),
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('MEDLINE with random blank lines removed: every record holds exactly one PMID', () => {
    const text = Buffer.from(fixtureBytes('medline/_baseline_pubmed.ris'))
      .toString('utf8')
      .replace(/\r\n?/g, '\n');
    const blocks = text.split(/\n\s*\n/);
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: blocks.length - 1, maxLength: blocks.length - 1 }),
        (joins) => {
          const joined = blocks.reduce(
            (out, block, i) => (i === 0 ? block : `${out}${joins[i - 1] ? '\n' : '\n\n'}${block}`),
            '',
          );
          const { records, warnings } = parseFile(Buffer.from(joined), 'joined.nbib');
          expect(records).toHaveLength(blocks.filter((b) => /^PMID-/m.test(b)).length);
          for (const record of records) expect(record.raw.filter(([tag]) => tag === 'PMID')).toHaveLength(1);
          for (const warning of warnings.filter((w) => /next PMID/.test(w.message))) {
            expect(warning).toEqual({
              line: expect.any(Number),
              record: expect.any(Number),
              message: expect.any(String),
            });
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('generated worst cases of every class, at random small sizes (issue 15)', () => {
  it('are read or refused with a ParseError, quickly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSTILE_CASES.filter((c) => !c.name.startsWith('xlsx-bomb'))),
        fc.integer({ min: 1, max: 3000 }),
        (hostile, n) => parsesOrRefuses(hostile.build(n), hostile.fileName),
      ),
      { numRuns: 60 },
    );
  });
});
