import { computePrisma } from '../../../server/domain/prisma/compute';
import {
  prismaInputFromReview,
  type ReviewRecord,
  type ReviewState,
  type StageOutcome,
} from '../../../server/domain/prisma/from-review';
import { EXAMPLE_SOURCES } from '../../support/prisma';

const include: StageOutcome = { outcome: 'include', reason: null };
const exclude = (reason: string | null = null): StageOutcome => ({ outcome: 'exclude', reason });
const conflict: StageOutcome = { outcome: null, reason: null };

let nextId = 1;
function rec(sourceId: number, over: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    id: nextId++,
    sourceId,
    duplicateOf: null,
    titleAbstract: null,
    retrieval: null,
    fullText: null,
    studyId: null,
    ...over,
  };
}

/**
 * A small review, counted by hand. Databases 1 (Embase) and 2 (PubMed), register 3, citation
 * searching 4. 12 records from databases and registers: 2 duplicates, 10 screened; 4 excluded at
 * title/abstract, 1 in conflict, 5 sought; 1 not retrievable, 1 awaiting retrieval, 3 assessed;
 * 1 excluded (reason), 2 included — two reports of one study. Other methods: 3 records, 1
 * duplicate of another, 2 screened, 1 excluded at title/abstract, 1 sought, retrieved and included.
 */
function review(): ReviewState {
  nextId = 1;
  const records = [
    rec(1, { titleAbstract: exclude('Animal study') }),
    rec(1, { titleAbstract: exclude('Animal study') }),
    rec(1, { titleAbstract: exclude('Wrong design') }),
    rec(1, {
      titleAbstract: include,
      retrieval: 'retrieved',
      fullText: { outcome: 'include', reason: null },
      studyId: 70,
    }),
    rec(1, { titleAbstract: include, retrieval: 'retrieved', fullText: exclude('Wrong outcome') }),
    rec(2, { duplicateOf: 1 }),
    rec(2, { duplicateOf: 2 }),
    rec(2, { titleAbstract: include, retrieval: 'not_retrievable' }),
    rec(2, {
      titleAbstract: include,
      retrieval: 'retrieved',
      fullText: { outcome: 'include', reason: null },
      studyId: 70,
    }),
    rec(2, { titleAbstract: conflict }),
    rec(3, { titleAbstract: include }),
    rec(3, { titleAbstract: exclude('Animal study') }),
    rec(4, { duplicateOf: 15 }),
    rec(4, { titleAbstract: exclude() }),
    rec(4, {
      titleAbstract: include,
      retrieval: 'retrieved',
      fullText: { outcome: 'include', reason: null },
    }),
  ];
  return {
    sources: EXAMPLE_SOURCES,
    records,
  };
}

describe('prismaInputFromReview', () => {
  it('counts every box of a review in progress, with its trace', () => {
    const { model, trace, warnings } = computePrisma(prismaInputFromReview(review()));
    expect(model).toMatchObject({
      database_results: 10,
      register_results: 2,
      citations_results: 3,
      duplicates: 2,
      excluded_automatic: 0,
      excluded_other: 0,
      records_screened: 10,
      records_excluded: 4,
      dbr_sought_reports: 5,
      dbr_notretrieved_reports: 1,
      dbr_assessed: 3,
      dbr_excluded: 1,
      other_sought_reports: 1,
      other_notretrieved_reports: 0,
      other_assessed: 1,
      other_excluded: 0,
      other_duplicates: 1,
      other_records_screened: 2,
      other_records_excluded: 1,
      new_reports: 3,
      new_studies: 2,
    });
    expect(trace.other_duplicates).toEqual([13]);
    expect(trace.other_records_excluded).toEqual([14]);
    expect(model.records_excluded_reasons).toEqual([
      { name: 'Animal study', n: 3 },
      { name: 'Wrong design', n: 1 },
    ]);
    expect(model.dbr_excluded_reasons).toEqual([{ name: 'Wrong outcome', n: 1 }]);
    expect(trace.duplicates).toEqual([6, 7]);
    expect(trace.dbr_notretrieved_reports).toEqual([8]);
    expect(trace['dbr_excluded:Wrong outcome']).toEqual([5]);
    expect(trace.new_reports).toEqual([4, 9, 15]);
    // two reports of study 70 count once, traced by its first report
    expect(trace.new_studies).toEqual([4, 15]);
    expect(trace['pending:screening']).toEqual([10]);
    expect(trace['pending:dbrRetrieval']).toEqual([11]);
    expect(trace['pending:dbrEligibility']).toBeUndefined();
    expect(warnings.map((w) => w.code)).toEqual(['pending_screening', 'pending_dbrRetrieval']);
  });

  it('gives no screening reasons unless every exclusion has one', () => {
    const state = review();
    state.records[0]!.titleAbstract = exclude(null);
    expect(computePrisma(prismaInputFromReview(state)).model.records_excluded_reasons).toEqual([]);
  });

  it('names missing full-text reasons', () => {
    const state = review();
    state.records[4]!.fullText = exclude(null);
    const { model, warnings } = computePrisma(prismaInputFromReview(state));
    expect(model.dbr_excluded_reasons).toEqual([{ name: 'Reason not recorded', n: 1 }]);
    expect(warnings.map((w) => w.code)).toContain('reasons_missing');
    state.records[8]!.fullText = exclude('Wrong outcome');
    const again = computePrisma(prismaInputFromReview(state));
    expect(again.model.dbr_excluded_reasons).toEqual([
      { name: 'Wrong outcome', n: 1 },
      { name: 'Reason not recorded', n: 1 },
    ]);
  });

  it('reports a review nobody has screened yet as pending, not as excluded', () => {
    const state = review();
    for (const r of state.records)
      Object.assign(r, { titleAbstract: null, retrieval: null, fullText: null, studyId: null });
    const { model, warnings } = computePrisma(prismaInputFromReview(state));
    expect(model).toMatchObject({
      records_screened: 10,
      records_excluded: 0,
      dbr_sought_reports: 0,
      new_reports: 0,
      new_studies: 0,
    });
    expect(warnings.map((w) => w.message)).toContain(
      '10 records from databases and registers await a title/abstract decision (votes missing or in conflict): screened, but neither excluded nor sought yet.',
    );
  });

  it('adds up, with no warning, once every record is decided', () => {
    const state = review();
    state.records[9]!.titleAbstract = exclude('Wrong design');
    state.records[10]!.retrieval = 'not_retrievable';
    // with no other-methods record excluded at title/abstract, that column goes straight to retrieval
    state.records[13]!.titleAbstract = include;
    state.records[13]!.retrieval = 'retrieved';
    state.records[13]!.fullText = exclude('Wrong outcome');
    const { warnings, model } = computePrisma(prismaInputFromReview(state));
    expect(model.other_excluded).toBe(1);
    expect(model.other_records_screened).toBeNull();
    expect(model.other_sought_reports).toBe(2);
    expect(warnings).toEqual([]);
  });
});

describe('prismaInputFromReview, box by box', () => {
  const reviewOf = (records: ReviewRecord[]): ReviewState => ({ sources: EXAMPLE_SOURCES, records });
  const included = (sourceId: number, studyId: number | null) =>
    rec(sourceId, { titleAbstract: include, retrieval: 'retrieved', fullText: include, studyId });

  it('draws no other-methods column for a review whose records all came from databases and registers', () => {
    nextId = 1;
    const { model, trace, hints } = computePrisma(
      prismaInputFromReview(
        reviewOf([rec(1, { titleAbstract: exclude('Animal study') }), included(3, null)]),
      ),
    );
    expect(model).toMatchObject({
      records_screened: 2,
      other_duplicates: null,
      other_excluded_other: null,
      other_records_screened: null,
      other_sought_reports: null,
      other_assessed: null,
    });
    expect(hints.other).toBe(false);
    expect(Object.keys(trace).filter((k) => k.startsWith('other_') || k.startsWith('pending:other'))).toEqual(
      [],
    );
  });

  it('draws no "removed for other reasons" box in the other-methods column when no rule removed one of its records', () => {
    const { model, trace } = computePrisma(prismaInputFromReview(review()));
    expect(model.other_duplicates).toBe(1);
    expect(model.other_excluded_other).toBeNull();
    expect(trace.other_excluded_other).toBeUndefined();
  });

  it('counts each report without a study as a study of its own, and the reports of one study once, by its lowest id over both columns', () => {
    // ids 1 and 5 from citation searching, 2–4 from Embase. Study 70: reports 1 (citation) and 2
    // (Embase); 3 and 4 belong to no study; study 71: report 5. 5 reports, 4 studies: 70 (traced by
    // 1), 3, 4, 71 (traced by 5).
    nextId = 1;
    const state = reviewOf([
      included(4, 70),
      included(1, 70),
      included(1, null),
      included(1, null),
      included(4, 71),
    ]);
    const { model, trace } = computePrisma(prismaInputFromReview(state));
    expect(model.new_reports).toBe(5);
    expect(trace.new_reports).toEqual([1, 2, 3, 4, 5]);
    expect(model.new_studies).toBe(4);
    expect(trace.new_studies).toEqual([1, 3, 4, 5]);
  });

  it('counts reasons that differ only by spaces around them as one reason', () => {
    nextId = 1;
    const excluded = (reason: string) =>
      rec(1, { titleAbstract: include, retrieval: 'retrieved', fullText: exclude(reason) });
    const state = reviewOf([
      excluded('Wrong outcome '),
      excluded('Wrong outcome'),
      excluded(' Wrong outcome'),
    ]);
    const { model, trace } = computePrisma(prismaInputFromReview(state));
    expect(model.dbr_excluded_reasons).toEqual([{ name: 'Wrong outcome', n: 3 }]);
    expect(trace['dbr_excluded:Wrong outcome']).toEqual([1, 2, 3]);
  });

  it('lists reasons excluding as many records in name order, after the more frequent ones', () => {
    nextId = 1;
    const state = reviewOf(
      ['Wrong design', 'Not a trial', 'Animal study', 'Wrong design', 'Children'].map((reason) =>
        rec(1, { titleAbstract: exclude(reason) }),
      ),
    );
    expect(computePrisma(prismaInputFromReview(state)).model.records_excluded_reasons).toEqual([
      { name: 'Wrong design', n: 2 },
      { name: 'Animal study', n: 1 },
      { name: 'Children', n: 1 },
      { name: 'Not a trial', n: 1 },
    ]);
  });

  it('still counts a record whose source is missing from the list, in no source row', () => {
    // Source 9 is unknown: the record is not identified from any listed source, but it is
    // screened (databases and registers, the default column) and the difference is reported.
    nextId = 1;
    const { model, warnings } = computePrisma(
      prismaInputFromReview(
        reviewOf([
          rec(1, { titleAbstract: exclude('Animal study') }),
          rec(9, { titleAbstract: exclude('Animal study') }),
        ]),
      ),
    );
    expect(model.database_results).toBe(1);
    expect(model.records_screened).toBe(2);
    expect(model.records_excluded).toBe(2);
    expect(warnings.map((w) => w.code)).toContain('screened_mismatch');
  });
});
