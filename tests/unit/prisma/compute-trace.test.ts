import { computePrisma } from '../../../server/domain/prisma/compute';
import type { PrismaInput } from '../../../server/domain/prisma/types';

/**
 * What the drill-down opens (the trace) and the counts the other-methods column adds, stated
 * with values counted by hand. Mutation testing of compute.ts (docs/testing.md) found these
 * unchecked: a register's own list, the reports sought and assessed of a column, the records
 * screened from other methods, a given total's ids, box 10 summed over both columns, and the
 * records other methods remove for other reasons leaving that column's flow.
 */

describe('computePrisma traces every box whose records are known, and only those', () => {
  it('traces each register by name, the reports sought and assessed of both columns, and the other-methods records screened', () => {
    const { trace } = computePrisma({
      sources: [
        { name: 'Embase', kind: 'database', n: 2, ids: [1, 2] },
        { name: 'ClinicalTrials.gov', kind: 'register', n: 1, ids: [3] },
        { name: 'ICTRP', kind: 'register', n: 2, ids: [4, 5] },
        { name: 'Citation searching', kind: 'other', n: 3, ids: [6, 7, 8] },
      ],
      databases: { sought: { n: 2, ids: [1, 4] }, assessed: { n: 1, ids: [4] } },
      otherMethods: {
        screened: { n: 3, ids: [6, 7, 8] },
        screeningExcluded: { n: 1, ids: [6] },
        sought: { n: 2, ids: [7, 8] },
        assessed: { n: 1, ids: [8] },
      },
    });
    expect(trace['register_specific_results:ClinicalTrials.gov']).toEqual([3]);
    expect(trace['register_specific_results:ICTRP']).toEqual([4, 5]);
    expect(trace.dbr_sought_reports).toEqual([1, 4]);
    expect(trace.dbr_assessed).toEqual([4]);
    expect(trace.other_records_screened).toEqual([6, 7, 8]);
    expect(trace.other_records_excluded).toEqual([6]);
    expect(trace.other_sought_reports).toEqual([7, 8]);
    expect(trace.other_assessed).toEqual([8]);
  });

  it('has no key for a count given without its ids, so the drill-down offers no empty list', () => {
    // Scopus and the 2 screened records are traced; the register, the duplicates and the
    // totals (no ids for new or previous studies) are not.
    const { trace } = computePrisma({
      sources: [
        { name: 'Scopus', kind: 'database', n: 2, ids: [1, 2] },
        { name: 'CENTRAL', kind: 'register', n: 1 },
      ],
      removed: { duplicates: { n: 1 } },
      screened: { n: 2, ids: [1, 2] },
      included: { studies: { n: 1 }, reports: { n: 1 } },
    });
    expect(Object.keys(trace).sort()).toEqual([
      'database_results',
      'database_specific_results:Scopus',
      'records_screened',
    ]);
  });

  it('traces a row total given outright to its own ids, not to the ids of the sources it replaces', () => {
    // A CSV said 3 records from databases; the one source file known holds 2 of them.
    const { model, trace } = computePrisma({
      sources: [{ name: 'Scopus', kind: 'database', n: 2, ids: [1, 2] }],
      identified: { databases: { n: 3, ids: [1, 2, 9] } },
    });
    expect(model.database_results).toBe(3);
    expect(trace.database_results).toEqual([1, 2, 9]);
    expect(trace['database_specific_results:Scopus']).toEqual([1, 2]);
  });
});

describe('computePrisma counts the other-methods column into the review totals', () => {
  it('counts the reports of new studies (box 10) as those included from both columns when the review does not say', () => {
    // databases: 4 assessed − 1 excluded = 3 included; other methods: 2 assessed − 0 = 2; 3 + 2 = 5.
    const { model, warnings } = computePrisma({
      sources: [
        { name: 'Scopus', kind: 'database', n: 10 },
        { name: 'Citation searching', kind: 'other', n: 2 },
      ],
      databases: { assessed: { n: 4 }, excluded: { n: 1 } },
      otherMethods: { assessed: { n: 2 }, excluded: { n: 0 } },
    });
    expect(model.new_reports).toBe(5);
    expect(model.total_reports).toBe(5);
    expect(warnings.map((w) => w.code)).not.toContain('new_reports_mismatch');
  });

  it('screens, or seeks, what other methods identified less their duplicates and the records removed for other reasons', () => {
    // 10 identified − 2 duplicates − 3 removed by a rule = 5; with the title/abstract step shown,
    // 5 screened − 1 excluded = 4 sought.
    const input: PrismaInput = {
      sources: [{ name: 'Citation searching', kind: 'other', n: 10 }],
      otherMethods: {
        duplicates: { n: 2 },
        removedOther: { n: 3, reasons: [{ name: 'Retracted', n: 3 }] },
      },
    };
    const { model, warnings } = computePrisma(input);
    expect(model.other_duplicates).toBe(2);
    expect(model.other_excluded_other).toBe(3);
    expect(model.other_excluded_other_reasons).toEqual([{ name: 'Retracted', n: 3 }]);
    expect(model.other_sought_reports).toBe(5);
    expect(warnings).toEqual([]);
    const screened = computePrisma({
      ...input,
      otherMethods: { ...input.otherMethods, screeningExcluded: { n: 1 } },
    }).model;
    expect(screened.other_records_screened).toBe(5);
    expect(screened.other_sought_reports).toBe(4);
    // Given without reasons (a template CSV has none for this box), the count stands alone.
    const unexplained = computePrisma({ ...input, otherMethods: { removedOther: { n: 3 } } }).model;
    expect(unexplained.other_excluded_other).toBe(3);
    expect(unexplained.other_excluded_other_reasons).toEqual([]);
  });

  it('draws no other-methods title/abstract step when none of its records was excluded there, and lists no reasons for it', () => {
    const input: PrismaInput = {
      sources: [{ name: 'Citation searching', kind: 'other', n: 4 }],
      otherMethods: { screened: { n: 4 }, screeningExcluded: { n: 0, reasons: [] } },
    };
    const { model } = computePrisma(input);
    expect(model.other_records_screened).toBeNull();
    expect(model.other_records_excluded).toBeNull();
    expect(model.other_records_excluded_reasons).toEqual([]);
    // 4 identified, none removed: all 4 flow on to retrieval
    expect(model.other_sought_reports).toBe(4);
    const always = computePrisma({ ...input, otherScreening: 'always' }).model;
    expect(always.other_records_screened).toBe(4);
    expect(always.other_records_excluded).toBe(0);
    expect(always.other_records_excluded_reasons).toEqual([]);
  });
});
