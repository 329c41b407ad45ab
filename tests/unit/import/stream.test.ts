import { ParseError } from '../../../server/domain/errors';
import { parseFile, parseFileEach, type BibRecord } from '../../../server/domain/import';
import * as risFields from '../../../server/domain/import/ris-fields';
import { fixtureBytes } from './fixtures';

describe('parseFileEach() hands records on one by one', () => {
  it.each(['ris/ovid_psycinfo.ris', 'ris/ris_issue_1099.txt', 'medline/_baseline_pubmed.ris', 'wos/example_wos.ris', 'delimited/_baseline_scopus.csv', 'wos/WoS_medline_tabdelimited_CR.txt', 'xlsx/_baseline.xlsx', 'delimited/generic_bad_record_id.csv'])(
    '%s: the same records, warnings, format and encoding as parseFile()',
    (file) => {
      const seen: BibRecord[] = [];
      const summary = parseFileEach(fixtureBytes(file), file, (record) => seen.push(record));
      const whole = parseFile(fixtureBytes(file), file);
      expect(seen).toEqual(whole.records);
      expect(summary).toEqual({ format: whole.format, encoding: whole.encoding, count: whole.records.length, warnings: whole.warnings });
    },
  );

  it('streams RIS: each record is handed on while later ones are still unread', () => {
    const mapped = jest.spyOn(risFields, 'risRecord');
    const mappedWhenHandedOn: number[] = [];
    const summary = parseFileEach(fixtureBytes('ris/_baseline_zotero.ris'), 'zotero.ris', () => mappedWhenHandedOn.push(mapped.mock.calls.length));
    mapped.mockRestore();
    expect(summary.count).toBe(10);
    // Record n is handed on once record n + 1 is read (the last one at the end of the file).
    expect(mappedWhenHandedOn).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
  });

  it('may have handed on records before a ParseError, so callers must roll back', () => {
    const handed: BibRecord[] = [];
    expect(() => parseFileEach(Buffer.from('title,abstract\nA,"unterminated\n'), 'bad.csv', (record) => handed.push(record))).toThrow(ParseError);
    expect(handed).toEqual([]);
  });
});
