import { parse } from 'csv-parse/sync';
import { csvCell, csvTable } from '../../../server/domain/csv/write';

describe('the shared CSV writer', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['-2+3', "'-2+3"],
    ['+cmd|" /C calc"!A0', `"'+cmd|"" /C calc""!A0"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['-', "'-"],
    ['Normal title', 'Normal title'],
    ['', ''],
  ])('defuses formula injection: %j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each(['-1', '+1', '-2.5', '0', '2024'])(
    'leaves the number %j as it is (a spreadsheet reads it as a number, never runs it)',
    (value) => {
      expect(csvCell(value)).toBe(value);
    },
  );

  it('writes numbers as they are, empty for missing values', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes by RFC 4180, and white space at either end (kept by R readers only inside quotes)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('writes CRLF-ended rows that a CSV reader reads back cell for cell', () => {
    const rows = [
      ['code', 'label'],
      ['a', 'Comma, "quotes"\nand a line'],
      ['b', '=1+1'],
    ];
    const text = csvTable(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text)).toEqual([rows[0], rows[1], ['b', "'=1+1"]]);
  });
});
