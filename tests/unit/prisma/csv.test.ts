import fs from 'node:fs';
import path from 'node:path';
import { ParseError } from '../../../server/domain/errors';
import { computePrisma } from '../../../server/domain/prisma/compute';
import { parsePrismaCsv, toPrismaCsv } from '../../../server/domain/prisma/csv';
import { readCsv } from '../../../server/domain/prisma/csv-table';
import { renderPrismaSvg } from '../../../server/domain/prisma/svg';
import { TEMPLATE_ROWS } from '../../../server/domain/prisma/template';
import type { PrismaInput } from '../../../server/domain/prisma/types';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'prisma');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const importFile = (name: string) => computePrisma(parsePrismaCsv(fixture(name), name));

describe('PRISMA2020 template CSV import', () => {
  it('imports the filled PoC scoping review template, draws it and reports its inconsistencies', () => {
    const result = importFile('PRISMA_filled_PoC_extracted.csv');
    expect(result.model).toMatchObject({
      database_results: 1697,
      register_results: null,
      website_results: 344,
      citations_results: 453,
      duplicates: 568,
      excluded_other: 2,
      records_screened: 1127,
      records_excluded: 943,
      dbr_sought_reports: 184,
      dbr_notretrieved_reports: 133,
      dbr_assessed: 51,
      dbr_excluded: 28,
      other_sought_reports: 42,
      other_assessed: 8,
      other_excluded: 5,
      new_studies: 23,
      new_reports: 3,
      total_studies: 23,
    });
    expect(result.model.database_specific_results).toEqual([
      { name: 'Embase', n: 650 },
      { name: 'PubMed', n: 497 },
      { name: 'OpenAlex', n: 550 },
    ]);
    expect(result.model.dbr_excluded_reasons).toEqual([
      { name: 'Not probability of causation', n: 7 },
      { name: 'Outcome not lung cancer', n: 7 },
      { name: 'No quantitative exposure-response', n: 14 },
    ]);
    expect(result.labels.website_results).toBe('Backward (ascendant) citations');
    // The review put its 3 citation-found studies in new_reports and left totals at 23 studies, 0 reports.
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'new_reports_mismatch',
        'studies_exceed_reports',
        'total_reports_mismatch',
        'other_sought_mismatch',
      ]),
    );
    expect(result.warnings.find((w) => w.code === 'new_reports_mismatch')!.message).toContain(
      '26 included reports',
    );
    expect(result.hints).toEqual({ previous: false, other: true });
    const svg = renderPrismaSvg(result);
    expect(svg).toContain('Backward (ascendant)');
    expect(svg).toContain('data-box="dbr_excluded:Outcome not lung cancer"');
  });

  it('imports the empty v1.1.4 template as zeros with no detail', () => {
    const { model, warnings } = importFile('PRISMA.csv_template_v1.1.4.csv');
    expect(model.database_results).toBe(0);
    expect(model.total_studies_ma).toBe(0);
    expect(model.database_specific_results).toEqual([]);
    expect(model.dbr_excluded_reasons).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('reads the placeholder "xxx" of older templates as not reported', () => {
    const { model } = importFile('PRISMA.csv_template_2021-04.csv');
    expect(model.database_results).toBeNull();
    expect(model.dbr_excluded).toBeNull();
    expect(model.dbr_excluded_reasons).toEqual([]);
  });

  it('reads the first template, which has "k" for "n" and no boxtext column', () => {
    const input = parsePrismaCsv(fixture('PRISMA.csv_template_first_upload_2020-11.csv'), 'first.csv');
    expect(input.labels).toEqual({});
    expect(computePrisma(input).model.records_screened).toBeNull();
  });

  it('keeps the box texts of a translated Shiny app template and draws with them', () => {
    const result = importFile('shiny_www_PRISMA.csv');
    expect(result.labels.records_screened).toBe('Registros triados');
    expect(result.labels.newstud).toBe('Identificação de novos estudos via bases de dados e repositórios');
    expect(renderPrismaSvg(result)).toContain('Registros triados');
  });

  it.each<[string, string, number, string]>([
    [
      'a row with a missing field',
      'data,node,box,description,boxtext,tooltips,url,n\nduplicates,node8,box3,Duplicate records,Duplicate records,NA,12\n',
      2,
      'expected 8 fields',
    ],
    [
      'a count that is not a number',
      'data,n\r\ndatabase_results,10\r\nduplicates,ten\r\n',
      3,
      'n of "duplicates" must be a whole number or NA, found "ten"',
    ],
    [
      'a header without n',
      'data,node,box\nduplicates,node8,box3\n',
      1,
      'the header needs "data" and "n" columns',
    ],
    [
      'a reason without a number',
      'data,n\ndbr_excluded,"Wrong population; Wrong outcome, 3"\n',
      2,
      'must read "name, number"',
    ],
    [
      'an unclosed quote',
      'data,n\nduplicates,1\ndbr_excluded,"Wrong, 3\n',
      3,
      'a quoted field is never closed',
    ],
    ['a key given twice', 'data,n\nduplicates,1\nduplicates,2\n', 3, '"duplicates" appears twice'],
  ])('refuses %s with the line', (_name, text, line, reason) => {
    let error: unknown;
    try {
      parsePrismaCsv(text, 'bad.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(line);
    expect((error as ParseError).message).toContain(reason);
    expect((error as ParseError).file).toBe('bad.csv');
  });

  it('reads thousands separators, a BOM and CRLF', () => {
    const input = parsePrismaCsv('\ufeffdata,n\r\ndatabase_results,"1,697"\r\n', 'x.csv');
    expect(computePrisma(input).model.database_results).toBe(1697);
  });
});

describe('PRISMA2020 template CSV export', () => {
  const review: PrismaInput = {
    sources: [
      { name: 'MEDLINE (Ovid)', kind: 'database', n: 400 },
      { name: 'Embase, Elsevier', kind: 'database', n: 350 },
      { name: 'ICTRP', kind: 'register', n: 30 },
      { name: 'Citation searching', kind: 'other', n: 25 },
    ],
    removed: { duplicates: { n: 200 }, automation: { n: 0 }, other: { n: 10 } },
    screeningExcluded: { n: 500 },
    databases: {
      notRetrieved: { n: 4 },
      excluded: {
        n: 50,
        reasons: [
          { name: 'Wrong "population"', n: 30 },
          { name: 'No control', n: 20 },
        ],
      },
    },
    otherMethods: { notRetrieved: { n: 1 }, excluded: { n: 20, reasons: [{ name: 'Wrong design', n: 20 }] } },
    included: { studies: { n: 12 }, reports: { n: 20 } },
    previous: { studies: { n: 8 }, reports: { n: 9 } },
    labels: { newstud: 'New studies, via databases' },
  };

  it('writes the same columns, data keys and rows as the v1.1.4 template', () => {
    const csv = toPrismaCsv(computePrisma(review));
    const ours = readCsv(csv, 'ours.csv');
    const template = readCsv(fixture('PRISMA.csv_template_v1.1.4.csv'), 'template.csv');
    expect(ours.map((r) => r.cells.slice(0, 3))).toEqual(template.map((r) => r.cells.slice(0, 3)));
    expect(ours[0]!.cells).toEqual(['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n']);
    expect(ours).toHaveLength(TEMPLATE_ROWS.length + 1);
    const n = (key: string) => ours.find((r) => r.cells[0] === key)!.cells[7];
    expect(n('database_results')).toBe('750');
    expect(n('database_specific_results')).toBe('MEDLINE (Ovid), 400; Embase, Elsevier, 350');
    expect(n('dbr_excluded')).toBe('Wrong "population", 30; No control, 20');
    expect(n('total_studies')).toBe('20');
  });

  it.each<[string, PrismaInput]>([
    ['an updated review with other methods', review],
    [
      'a new review of databases only',
      {
        sources: [{ name: 'Scopus', kind: 'database', n: 10 }],
        removed: { duplicates: { n: 1 } },
        screeningExcluded: { n: 5 },
      },
    ],
  ])('round-trips %s: export, import, same model', (_name, input) => {
    const original = computePrisma(input);
    const again = computePrisma(parsePrismaCsv(toPrismaCsv(original), 'round.csv'));
    expect(again.model).toEqual(original.model);
    expect(again.labels).toEqual(original.labels);
    expect(again.warnings).toEqual(original.warnings);
    expect(again.hints).toEqual(original.hints);
  });

  it('round-trips the PoC file to the same model', () => {
    const first = importFile('PRISMA_filled_PoC_extracted.csv');
    const second = computePrisma(parsePrismaCsv(toPrismaCsv(first), 'again.csv'));
    expect(second.model).toEqual(first.model);
    expect(second.labels).toEqual(first.labels);
  });
});
