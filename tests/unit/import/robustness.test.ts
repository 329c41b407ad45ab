import fc from 'fast-check';
import { ParseError } from '../../../server/domain/errors';
import { parseFile, parseFileEach } from '../../../server/domain/import';
import { fixtureBytes } from './fixtures';

/** The only acceptable outcomes for any input: records (with warnings) or a ParseError. */
function parsesOrRefuses(bytes: Uint8Array, name: string): void {
  const started = performance.now();
  try {
    const result = parseFile(bytes, name);
    expect(Array.isArray(result.records)).toBe(true);
    for (const record of result.records) expect(Array.isArray(record.raw)).toBe(true);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    expect(error.message.startsWith(name)).toBe(true);
  }
  // Small inputs must never take long: no pathological regex or loop.
  expect(performance.now() - started).toBeLessThan(2000);
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
    edits: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom('flip', 'delete', 'repeat', 'newline'), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 20 }),
  })
  .map(({ seed, cut, edits }) => {
    let bytes = Buffer.from(fixtureBytes(seed));
    bytes = bytes.subarray(0, Math.max(1, Math.floor(bytes.length * (0.05 + cut * 0.95))));
    for (const edit of edits) {
      const at = Math.floor(edit.at * bytes.length);
      if (edit.kind === 'flip') bytes[at] = edit.byte;
      else if (edit.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 200)]);
      else if (edit.kind === 'repeat') bytes = Buffer.concat([bytes.subarray(0, at + 300), bytes.subarray(at)]);
      else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.byte % 2 ? '\r' : '\n'), bytes.subarray(at)]);
    }
    return { bytes: new Uint8Array(bytes), seed };
  });

describe('parseFile() never crashes or hangs', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom(...NAMES), (bytes, name) => parsesOrRefuses(bytes, name)),
      { numRuns: 300 },
    );
  });

  it('on random text made of format-like pieces', () => {
    const piece = fc.constantFrom('TY  - JOUR', 'ER  -', 'AU  - Smith, J', 'PMID- 123', 'FAU - Li, X', 'PT J', 'ER', 'FN x', 'VR 1.0', '   cont', 'TI  - ', '"', ',', ';', '\t', '@article{', '}', '<xml>', '\r', '\n', '\r\n', '\ufeff', 'é', '中');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), fc.constantFrom(...NAMES), (pieces, name) => parsesOrRefuses(Buffer.from(pieces.join('')), name)),
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
    const big = Buffer.concat(Array.from({ length: 20 }, () => Buffer.from(fixtureBytes('medline/_baseline_pubmed.ris'))));
    const started = performance.now();
    for (let round = 0; round < 2; round++) {
      let streamed = 0;
      expect(parseFileEach(big, 'pubmed.nbib', () => streamed++).count).toBe(1000);
      expect(streamed).toBe(1000);
      expect(parseFile(big, 'pubmed.nbib').records).toHaveLength(1000);
    }
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
