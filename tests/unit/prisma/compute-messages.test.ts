import { ValidationError } from '../../../server/domain/errors';
import { computePrisma } from '../../../server/domain/prisma/compute';
import type { PrismaInput } from '../../../server/domain/prisma/types';

/**
 * What computePrisma tells a review team in words: which count it refuses, what is still
 * pending, which exclusions lack a reason. Mutation testing (docs/testing.md) found these
 * messages unchecked: a refusal naming no field, or "1 records", passed every test.
 */

const bad = { n: -1 };
const reasons = (n: number) => ({ n: 0, reasons: [{ name: 'R', n }] });

describe('computePrisma refuses a count that is not a whole number ≥ 0, naming it', () => {
  it.each<[string, Omit<PrismaInput, 'sources'> & { sources?: PrismaInput['sources'] }]>([
    ['source "Embase"', { sources: [{ name: 'Embase', kind: 'database', n: -1 }] }],
    ['identified from databases', { identified: { databases: bad } }],
    ['identified from citations', { identified: { citations: bad } }],
    ['duplicates', { removed: { duplicates: bad } }],
    ['marked ineligible by automation', { removed: { automation: bad } }],
    ['removed for other reasons', { removed: { other: bad } }],
    ['records screened', { screened: bad }],
    ['records excluded', { screeningExcluded: bad }],
    ['screening reason "R"', { screeningExcluded: reasons(-1) }],
    ['other methods: duplicates', { otherMethods: { duplicates: bad } }],
    ['removed for other reasons: "R"', { removed: { other: reasons(-1) } }],
    ['other methods: removed for other reasons', { otherMethods: { removedOther: bad } }],
    ['other methods: removed for other reasons: "R"', { otherMethods: { removedOther: reasons(-1) } }],
    ['other methods: records screened', { otherMethods: { screened: bad } }],
    ['other methods: records excluded', { otherMethods: { screeningExcluded: bad } }],
    ['other methods: screening reason "R"', { otherMethods: { screeningExcluded: reasons(-1) } }],
    ['databases and registers: reports sought', { databases: { sought: bad } }],
    ['databases and registers: reports not retrieved', { databases: { notRetrieved: bad } }],
    ['databases and registers: reports assessed', { databases: { assessed: bad } }],
    ['databases and registers: reports excluded', { databases: { excluded: bad } }],
    ['databases and registers: reports included', { databases: { included: bad } }],
    ['databases and registers: reason "R"', { databases: { excluded: reasons(-1) } }],
    ['other methods: reports sought', { otherMethods: { sought: bad } }],
    ['other methods: reports excluded', { otherMethods: { excluded: bad } }],
    ['other methods: reason "R"', { otherMethods: { excluded: reasons(-1) } }],
    ['pending screening', { pending: { screening: bad } }],
    ['pending otherEligibility', { pending: { otherEligibility: bad } }],
    ['new studies', { included: { studies: bad } }],
    ['new reports', { included: { reports: bad } }],
    ['previous studies', { previous: { studies: bad } }],
    ['previous reports', { previous: { reports: bad } }],
    ['total studies', { totals: { studies: bad } }],
    ['total reports', { totals: { reports: bad } }],
    ['meta-analysis studies', { metaAnalysis: { studies: bad } }],
    ['meta-analysis reports', { metaAnalysis: { reports: bad } }],
  ])('%s', (what, input) => {
    const run = () => computePrisma({ sources: [], ...input });
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(`${what}: a count must be a whole number ≥ 0, got -1`);
  });

  it('accepts 0 and refuses a count beyond exact integers (2^53) or not a number', () => {
    expect(computePrisma({ sources: [], screened: { n: 0 } }).model.records_screened).toBe(0);
    expect(() => computePrisma({ sources: [], screened: { n: 2 ** 53 } })).toThrow(
      `records screened: a count must be a whole number ≥ 0, got ${2 ** 53}`,
    );
    expect(() => computePrisma({ sources: [], screened: { n: NaN } })).toThrow('got NaN');
  });

  it('refuses traced ids that do not match their count, and accepts a count without ids', () => {
    expect(() => computePrisma({ sources: [], screened: { n: 2, ids: [1, 2, 3] } })).toThrow(
      'records screened: 3 traced ids for a count of 2',
    );
    expect(computePrisma({ sources: [], screened: { n: 2, ids: [1, 2] } }).trace.records_screened).toEqual([
      1, 2,
    ]);
  });
});

describe('computePrisma warns of work in progress, in the singular and the plural', () => {
  const dbr = 'from databases and registers';
  const other = 'from other methods';
  it.each<[keyof NonNullable<PrismaInput['pending']>, number, string]>([
    [
      'screening',
      1,
      `1 record ${dbr} awaits a title/abstract decision (votes missing or in conflict): screened, but neither excluded nor sought yet.`,
    ],
    [
      'screening',
      2,
      `2 records ${dbr} await a title/abstract decision (votes missing or in conflict): screened, but neither excluded nor sought yet.`,
    ],
    ['dbrRetrieval', 1, `1 report ${dbr} is sought but neither retrieved nor marked not retrievable yet.`],
    ['dbrRetrieval', 2, `2 reports ${dbr} are sought but neither retrieved nor marked not retrievable yet.`],
    ['dbrEligibility', 1, `1 report ${dbr} awaits a full-text decision.`],
    ['dbrEligibility', 2, `2 reports ${dbr} await a full-text decision.`],
    ['otherScreening', 1, `1 record ${other} awaits a title/abstract decision.`],
    ['otherScreening', 2, `2 records ${other} await a title/abstract decision.`],
    [
      'otherRetrieval',
      1,
      `1 report ${other} is sought but neither retrieved nor marked not retrievable yet.`,
    ],
    [
      'otherRetrieval',
      2,
      `2 reports ${other} are sought but neither retrieved nor marked not retrievable yet.`,
    ],
    ['otherEligibility', 1, `1 report ${other} awaits a full-text decision.`],
    ['otherEligibility', 2, `2 reports ${other} await a full-text decision.`],
  ])('%s, %d', (key, n, message) => {
    const ids = n === 1 ? [7] : [7, 8];
    const { warnings, trace } = computePrisma({ sources: [], pending: { [key]: { n, ids } } });
    expect(warnings.find((w) => w.code === `pending_${key}`)).toEqual({
      code: `pending_${key}`,
      message,
      keys: [`pending:${key}`],
    });
    expect(trace[`pending:${key}`]).toEqual(ids);
  });

  it('says nothing of a step with nothing pending', () => {
    const { warnings, trace } = computePrisma({ sources: [], pending: { screening: { n: 0 } } });
    expect(warnings.filter((w) => w.code.startsWith('pending_'))).toEqual([]);
    expect(trace['pending:screening']).toBeUndefined();
  });
});

describe('computePrisma completes reasons that fall short, naming the step', () => {
  it.each<[string, PrismaInput, string, string]>([
    [
      'title/abstract',
      { sources: [], screeningExcluded: { n: 3, reasons: [{ name: 'A', n: 1 }] } },
      'records_excluded',
      '2 of 3 records excluded at title/abstract have no recorded reason; PRISMA 2020 asks for a reason for every exclusion.',
    ],
    [
      'other methods at title/abstract',
      {
        sources: [],
        otherMethods: { screeningExcluded: { n: 3, reasons: [] } },
      },
      'other_records_excluded',
      '3 of 3 records from other methods excluded at title/abstract have no recorded reason; PRISMA 2020 asks for a reason for every exclusion.',
    ],
    [
      'removed before screening',
      { sources: [], removed: { other: { n: 2, reasons: [{ name: 'Retracted', n: 1 }] } } },
      'excluded_other',
      '1 of 2 records removed for other reasons have no recorded reason; PRISMA 2020 asks for a reason for every exclusion.',
    ],
    [
      'other methods removed before screening',
      { sources: [], otherMethods: { removedOther: { n: 1, reasons: [] } } },
      'other_excluded_other',
      '1 of 1 records removed for other reasons have no recorded reason; PRISMA 2020 asks for a reason for every exclusion.',
    ],
    [
      'other methods at full text',
      { sources: [], otherMethods: { excluded: { n: 1, reasons: [] } } },
      'other_excluded',
      '1 of 1 reports excluded at full text have no recorded reason; PRISMA 2020 asks for a reason for every exclusion.',
    ],
  ])('%s', (_name, input, key, message) => {
    const { warnings } = computePrisma(input);
    expect(warnings.find((w) => w.code === 'reasons_missing')).toEqual({
      code: 'reasons_missing',
      message,
      keys: [key],
    });
  });

  it('reasons that add up exactly need no completion; no list of reasons at all is left alone', () => {
    const exact = computePrisma({ sources: [], screeningExcluded: { n: 3, reasons: [{ name: 'A', n: 3 }] } });
    expect(exact.model.records_excluded_reasons).toEqual([{ name: 'A', n: 3 }]);
    expect(exact.warnings.filter((w) => w.code === 'reasons_missing')).toEqual([]);
    const none = computePrisma({ sources: [], screeningExcluded: { n: 3 } });
    expect(none.model.records_excluded_reasons).toEqual([]);
    expect(none.warnings.filter((w) => w.code === 'reasons_missing')).toEqual([]);
  });
});

describe('computePrisma traces each count to its records and says which parts of the diagram to draw', () => {
  it('traces removals, previous, total and meta-analysis counts under their template keys', () => {
    const { trace } = computePrisma({
      sources: [],
      removed: { automation: { n: 1, ids: [11] }, other: { n: 1, ids: [12] } },
      previous: { studies: { n: 1, ids: [21] }, reports: { n: 1, ids: [22] } },
      included: { studies: { n: 1, ids: [31] }, reports: { n: 2, ids: [32, 33] } },
      metaAnalysis: { studies: { n: 1, ids: [41] }, reports: { n: 1, ids: [42] } },
    });
    expect(trace).toMatchObject({
      excluded_automatic: [11],
      excluded_other: [12],
      previous_studies: [21],
      previous_reports: [22],
      // previous + new, when no total is given
      total_studies: [21, 31],
      total_reports: [22, 32, 33],
      total_studies_ma: [41],
      total_reports_ma: [42],
    });
  });

  it('a total given outright is traced to its own ids, not to previous + new', () => {
    const { trace } = computePrisma({
      sources: [],
      previous: { studies: { n: 1, ids: [21] }, reports: { n: 1, ids: [22] } },
      included: { studies: { n: 1, ids: [31] }, reports: { n: 1, ids: [32] } },
      totals: { studies: { n: 2, ids: [7, 8] }, reports: { n: 2, ids: [9, 10] } },
    });
    expect(trace.total_studies).toEqual([7, 8]);
    expect(trace.total_reports).toEqual([9, 10]);
  });

  it.each<[string, PrismaInput['previous'], boolean]>([
    ['previous studies only', { studies: { n: 2 } }, true],
    ['previous reports only', { reports: { n: 3 } }, true],
    ['zeros', { studies: { n: 0 }, reports: { n: 0 } }, false],
    ['nothing previous', undefined, false],
  ])('the previous-review column is drawn for %s: %s', (_name, previous, drawn) => {
    expect(computePrisma({ sources: [], previous }).hints.previous).toBe(drawn);
  });

  it('the other-methods column is drawn when other methods sought reports, even with no source counted', () => {
    expect(computePrisma({ sources: [], otherMethods: { sought: { n: 2 } } }).hints.other).toBe(true);
    expect(computePrisma({ sources: [] }).hints.other).toBe(false);
  });

  it('the other-methods column is drawn when other methods identified records, even before any is sought', () => {
    const { hints, trace, model } = computePrisma({
      sources: [
        { name: 'Google', kind: 'other', method: 'website', n: 2, ids: [1, 2] },
        { name: 'WHO', kind: 'other', method: 'organisation', n: 1, ids: [3] },
        { name: 'Snowballing', kind: 'other', method: 'citation', n: 1, ids: [4] },
      ],
    });
    expect(hints.other).toBe(true);
    expect(model).toMatchObject({ website_results: 2, organisation_results: 1, citations_results: 1 });
    expect(trace).toMatchObject({
      website_results: [1, 2],
      organisation_results: [3],
      citations_results: [4],
    });
  });
});
