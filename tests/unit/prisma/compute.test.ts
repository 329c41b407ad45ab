import { ValidationError } from '../../../server/domain/errors';
import { computePrisma, UNRECORDED_REASON } from '../../../server/domain/prisma/compute';
import type { PrismaInput } from '../../../server/domain/prisma/types';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** A new review, counted by hand: 500 + 20 identified, 135 removed, 385 screened, 300 out, 85 sought … */
function newReview(): PrismaInput {
  return {
    sources: [
      { name: 'Embase', kind: 'database', n: 300, ids: range(1, 300) },
      { name: 'PubMed', kind: 'database', n: 200, ids: range(301, 200) },
      { name: 'ClinicalTrials.gov', kind: 'register', n: 20, ids: range(501, 20) },
    ],
    removed: { duplicates: { n: 120, ids: range(301, 120) }, automation: { n: 10 }, other: { n: 5 } },
    screened: { n: 385 },
    screeningExcluded: {
      n: 300,
      reasons: [
        { name: 'Not an RCT', n: 200 },
        { name: 'Wrong population', n: 100 },
      ],
    },
    databases: {
      sought: { n: 85 },
      notRetrieved: { n: 5, ids: [1, 2, 3, 4, 5] },
      assessed: { n: 80 },
      excluded: {
        n: 50,
        reasons: [
          { name: 'Wrong outcome', n: 30, ids: range(10, 30) },
          { name: 'Wrong design', n: 15 },
          { name: 'Duplicate report', n: 5 },
        ],
      },
      included: { n: 30 },
    },
    included: { studies: { n: 25 }, reports: { n: 30 } },
  };
}

describe('computePrisma', () => {
  it('leaves the reports sought unknown when the title/abstract exclusions are unknown (not the records screened)', () => {
    // 385 screened, exclusions not given: 385 − unknown is unknown. Reading the unknown as 0 would
    // claim all 385 screened records were sought for retrieval (a surviving mutant of minus()).
    const input = newReview();
    delete input.screeningExcluded;
    delete input.databases!.sought;
    const { model } = computePrisma(input);
    expect(model.records_screened).toBe(385);
    expect(model.records_excluded).toBeNull();
    expect(model.dbr_sought_reports).toBeNull();
  });

  it('counts every box of a new review from databases and registers', () => {
    const { model, warnings, hints } = computePrisma(newReview());
    expect(model).toMatchObject({
      database_results: 500,
      register_results: 20,
      website_results: null,
      organisation_results: null,
      citations_results: null,
      duplicates: 120,
      excluded_automatic: 10,
      excluded_other: 5,
      records_screened: 385,
      records_excluded: 300,
      dbr_sought_reports: 85,
      dbr_notretrieved_reports: 5,
      dbr_assessed: 80,
      dbr_excluded: 50,
      new_studies: 25,
      new_reports: 30,
      total_studies: 25,
      total_reports: 30,
      previous_studies: null,
      other_sought_reports: null,
    });
    expect(model.database_specific_results).toEqual([
      { name: 'Embase', n: 300 },
      { name: 'PubMed', n: 200 },
    ]);
    expect(model.register_specific_results).toEqual([{ name: 'ClinicalTrials.gov', n: 20 }]);
    expect(model.dbr_excluded_reasons).toEqual([
      { name: 'Wrong outcome', n: 30 },
      { name: 'Wrong design', n: 15 },
      { name: 'Duplicate report', n: 5 },
    ]);
    expect(model.records_excluded_reasons).toHaveLength(2);
    expect(warnings).toEqual([]);
    expect(hints).toEqual({ previous: false, other: false });
  });

  it('derives the counts PRISMA defines as differences when they are not given', () => {
    const input = newReview();
    delete input.screened;
    input.databases = { notRetrieved: { n: 5 }, excluded: { n: 50 } };
    delete input.included;
    const { model, warnings } = computePrisma(input);
    expect(model.records_screened).toBe(385);
    expect(model.dbr_sought_reports).toBe(85);
    expect(model.dbr_assessed).toBe(80);
    expect(model.new_reports).toBe(30);
    expect(model.new_studies).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('adds previous studies and reports into the totals of an updated review', () => {
    const input = {
      ...newReview(),
      previous: { studies: { n: 10, ids: range(900, 10) }, reports: { n: 14 } },
    };
    input.included = { studies: { n: 25, ids: range(1000, 25) }, reports: { n: 30 } };
    const { model, hints, trace, warnings } = computePrisma(input);
    expect(model.total_studies).toBe(35);
    expect(model.total_reports).toBe(44);
    expect(hints.previous).toBe(true);
    expect(trace.total_studies).toEqual([...range(900, 10), ...range(1000, 25)]);
    expect(trace.total_reports).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('counts other methods by template row and includes their reports in box 10', () => {
    const input: PrismaInput = {
      sources: [
        { name: 'Scopus', kind: 'database', n: 100 },
        { name: 'Citation searching', kind: 'other', n: 40 },
        { name: 'Google', kind: 'other', n: 7 },
        { name: 'WHO', kind: 'other', method: 'organisation', n: 3 },
        { name: 'Trial authors', kind: 'other', method: 'organisation', n: 2 },
      ],
      removed: { duplicates: { n: 10 } },
      screeningExcluded: { n: 80 },
      databases: { notRetrieved: { n: 1 }, excluded: { n: 4, reasons: [{ name: 'Wrong setting', n: 4 }] } },
      otherMethods: {
        notRetrieved: { n: 2 },
        excluded: { n: 47, reasons: [{ name: 'Not a trial', n: 47 }] },
      },
      // five reports from databases and three from other methods, describing six studies
      included: { studies: { n: 6 }, reports: { n: 8 } },
    };
    const { model, warnings, hints } = computePrisma(input);
    expect(model).toMatchObject({
      database_results: 100,
      website_results: 7,
      organisation_results: 5,
      citations_results: 40,
      records_screened: 90,
      dbr_sought_reports: 10,
      dbr_assessed: 9,
      other_sought_reports: 52,
      other_notretrieved_reports: 2,
      other_assessed: 50,
      other_excluded: 47,
      new_reports: 8,
      new_studies: 6,
    });
    expect(hints.other).toBe(true);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['Citation searching (reading lists)', 'citations_results'],
    ['Backward citations', 'citations_results'],
    ['Websites of publishers, organisations and repositories', 'website_results'],
    ['Google Scholar', 'website_results'],
    ['Contacting experts', 'organisation_results'],
    ['WHO and other organisations', 'organisation_results'],
    ['Hand search', 'website_results'],
  ])('counts the other-methods source "%s" in %s', (name, key) => {
    const { model } = computePrisma({ sources: [{ name, kind: 'other', n: 3 }] });
    expect(model[key as 'website_results']).toBe(3);
  });

  it('keeps the record ids behind every traced count, per source and per reason', () => {
    const { trace } = computePrisma(newReview());
    expect(trace.database_results).toHaveLength(500);
    expect(trace['database_specific_results:PubMed']).toEqual(range(301, 200));
    expect(trace.register_results).toEqual(range(501, 20));
    expect(trace.duplicates).toEqual(range(301, 120));
    expect(trace.dbr_notretrieved_reports).toEqual([1, 2, 3, 4, 5]);
    expect(trace['dbr_excluded:Wrong outcome']).toEqual(range(10, 30));
    expect(trace.excluded_automatic).toBeUndefined();
  });

  it('adds two files of one database under one name', () => {
    const { model, trace } = computePrisma({
      sources: [
        { name: 'Scopus', kind: 'database', n: 2, ids: [1, 2] },
        { name: 'Scopus', kind: 'database', n: 1, ids: [3] },
      ],
    });
    expect(model.database_specific_results).toEqual([{ name: 'Scopus', n: 3 }]);
    expect(trace['database_specific_results:Scopus']).toEqual([1, 2, 3]);
  });

  it('counts unexplained exclusions under a named remainder and says so', () => {
    const input = newReview();
    input.databases!.excluded = { n: 50, reasons: [{ name: 'Wrong outcome', n: 42 }] };
    const { model, warnings } = computePrisma(input);
    expect(model.dbr_excluded_reasons).toEqual([
      { name: 'Wrong outcome', n: 42 },
      { name: UNRECORDED_REASON, n: 8 },
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['reasons_missing']);
    expect(warnings[0]!.message).toContain('8 of 50 reports excluded at full text have no recorded reason');
  });

  it.each<[string, (input: PrismaInput) => void, string, string]>([
    [
      'screened_mismatch',
      (i) => (i.screened = { n: 380 }),
      'screened_mismatch',
      'minus records removed before screening (135) is 385, but records screened is 380',
    ],
    [
      'sought_mismatch',
      (i) => (i.databases!.sought = { n: 90 }),
      'sought_mismatch',
      'is 85, but reports sought for retrieval is 90',
    ],
    [
      'assessed_mismatch',
      (i) => (i.databases!.assessed = { n: 79 }),
      'dbr_assessed_mismatch',
      'is 80, but reports assessed for eligibility is 79',
    ],
    [
      'included per column',
      (i) => (i.databases!.included = { n: 29 }),
      'dbr_included_mismatch',
      'is 30, but 29 reports were included',
    ],
    [
      'new reports',
      (i) => (i.included!.reports = { n: 31 }),
      'new_reports_mismatch',
      'add up to 30 included reports',
    ],
    [
      'studies above reports',
      (i) => (i.included!.studies = { n: 31 }),
      'studies_exceed_reports',
      'every study has at least one report',
    ],
    [
      'reasons above total',
      (i) => (i.databases!.excluded!.reasons = [{ name: 'A', n: 60 }]),
      'reasons_exceed',
      'add up to 60, more than the 50 excluded',
    ],
    [
      'totals',
      (i) => ((i.previous = { studies: { n: 3 } }), (i.totals = { studies: { n: 25 } })),
      'total_studies_mismatch',
      'should be studies of the previous version (3) plus new studies (25) = 28',
    ],
    [
      'negative derived count',
      (i) => ((i.screened = undefined), (i.removed!.duplicates = { n: 600 })),
      'negative_count',
      'records_screened is negative',
    ],
  ])('warns when %s does not add up', (_name, mutate, code, text) => {
    const input = newReview();
    mutate(input);
    const { warnings } = computePrisma(input);
    const warning = warnings.find((w) => w.code === code);
    expect(warning?.message).toContain(text);
  });

  it('warns when other methods identify more records than they seek, since the template has no box for the rest', () => {
    const { warnings } = computePrisma({
      sources: [{ name: 'Citation searching', kind: 'other', n: 797 }],
      otherMethods: { sought: { n: 42 }, notRetrieved: { n: 34 }, excluded: { n: 5 } },
    });
    expect(warnings.map((w) => w.code)).toContain('other_sought_mismatch');
  });

  it.each([
    [
      'a negative count',
      { sources: [{ name: 'X', kind: 'database', n: -1 }] },
      'a count must be a whole number',
    ],
    ['a fractional count', { sources: [], screened: { n: 1.5 } }, 'records screened'],
    [
      'ids that do not match the count',
      { sources: [{ name: 'X', kind: 'database', n: 2, ids: [1] }] },
      '1 traced ids for a count of 2',
    ],
  ] as [string, PrismaInput, string][])('refuses %s', (_name, input, message) => {
    expect(() => computePrisma(input)).toThrow(ValidationError);
    expect(() => computePrisma(input)).toThrow(message);
  });
});
