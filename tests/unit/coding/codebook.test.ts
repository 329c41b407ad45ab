import {
  codebookFromCsv,
  codebookFromJson,
  codebookToCsv,
  codebookToJson,
  orderCodes,
  validateCodebook,
} from '../../../server/domain/coding/codebook';
import { LEARNER_PERSPECTIVE_CODEBOOK } from '../../../server/domain/coding/demo-codebook';
import { ParseError, ValidationError } from '../../../server/domain/errors';

describe('codebook', () => {
  it('the demo codebook is valid: five learner-perspective themes with sub-codes and the study characteristics', () => {
    const book = validateCodebook(LEARNER_PERSPECTIVE_CODEBOOK);
    expect(book.codes.filter((c) => c.parent === null).map((c) => c.label)).toEqual([
      'Learning ambitions',
      'Learning preferences',
      'Requirements',
      'Expectations',
      'Study-work-life balance',
    ]);
    expect(book.fields.map((f) => f.key)).toEqual([
      'country',
      'setting',
      'design',
      'population',
      'sample_size',
      'format',
      'provider',
    ]);
  });

  it('JSON export reads back to the same codebook', () => {
    expect(codebookFromJson(codebookToJson(LEARNER_PERSPECTIVE_CODEBOOK), 'book.json')).toEqual(
      LEARNER_PERSPECTIVE_CODEBOOK,
    );
  });

  it('CSV export reads back to the same codes, with commas and quotes in descriptions', () => {
    const book = {
      codes: [
        { code: 't', label: 'Theme, "quoted"', description: 'line one\nline two', parent: null },
        { code: 't.a', label: 'Sub', description: '', parent: 't' },
      ],
      fields: [],
    };
    expect(codebookFromCsv(codebookToCsv(book), 'book.csv')).toEqual(book);
  });

  it('CSV import orders children after parents whatever the row order', () => {
    const csv = 'label,code,parent\r\nChild,p.c,p\r\nParent,p,\r\n';
    expect(codebookFromCsv(csv, 'b.csv').codes.map((c) => c.code)).toEqual(['p', 'p.c']);
  });

  it.each([
    ['a duplicate key', '{"codes":[{"code":"a","label":"A"},{"code":"a","label":"B"}]}', /used twice/],
    ['an unknown parent', '{"codes":[{"code":"a","label":"A","parent":"zz"}]}', /parent "zz"/],
    ['a bad key', '{"codes":[{"code":"a b","label":"A"}]}', /key must be/],
    [
      'a choice field without options',
      '{"codes":[],"fields":[{"key":"k","label":"K","kind":"single"}]}',
      /needs options/,
    ],
  ])('refuses %s', (_name, json, message) => {
    expect(() => codebookFromJson(json, 'b.json')).toThrow(ValidationError);
    expect(() => codebookFromJson(json, 'b.json')).toThrow(message);
  });

  it('names the file when the JSON is broken or the CSV lacks columns', () => {
    expect(() => codebookFromJson('{oops', 'broken.json')).toThrow(ParseError);
    expect(() => codebookFromJson('{oops', 'broken.json')).toThrow(/^broken\.json: not valid JSON/);
    expect(() => codebookFromCsv('name,text\r\nx,y\r\n', 'cols.csv')).toThrow(
      /^cols\.csv:2: the CSV needs "code" and "label"/,
    );
    expect(() => codebookFromCsv('code,label,parent\r\nc,C,ghost\r\n', 'p.csv')).toThrow(
      /^p\.csv: code "c": parent "ghost"/,
    );
  });

  it('orderCodes() refuses a parent cycle instead of dropping codes', () => {
    expect(() =>
      orderCodes([
        { code: 'a', label: 'A', description: '', parent: 'b' },
        { code: 'b', label: 'B', description: '', parent: 'a' },
      ]),
    ).toThrow(/cycle/);
  });
});
