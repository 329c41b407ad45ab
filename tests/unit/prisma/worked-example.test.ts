import { computePrisma } from '../../../server/domain/prisma/compute';
import {
  prismaInputFromReview,
  type ReviewRecord,
  type ReviewState,
  type StageOutcome,
} from '../../../server/domain/prisma/from-review';
import { EXAMPLE_SOURCES, flowViolations, recordsInExactlyOneEndBox } from '../../support/prisma';

/** The worked example of docs/notes/prisma.md ("Worked example"), every number as computed there by hand. */
const include: StageOutcome = { outcome: 'include', reason: null };
const exclude = (reason: string): StageOutcome => ({ outcome: 'exclude', reason });
const S = 1;

function record(id: number, sourceId: number, over: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    id,
    sourceId,
    duplicateOf: null,
    titleAbstract: null,
    retrieval: null,
    fullText: null,
    studyId: null,
    ...over,
  };
}

function workedExample(primaryOfW1 = 10): ReviewState {
  const w1 = [1, 5, 10];
  const decided = { titleAbstract: include, retrieval: 'retrieved' as const, fullText: include, studyId: S };
  const sourceOf = (id: number) => (id <= 4 ? 1 : id <= 8 ? 2 : id === 9 ? 3 : 4);
  const records = [
    ...w1.map((id) => record(id, sourceOf(id), id === primaryOfW1 ? decided : { duplicateOf: primaryOfW1 })),
    record(2, 1, { titleAbstract: exclude('Animal study') }),
    record(6, 2, { duplicateOf: 2 }),
    record(3, 1, { titleAbstract: exclude('Animal study') }),
    record(4, 1, { titleAbstract: { outcome: null, reason: null } }),
    record(7, 2, { titleAbstract: include, retrieval: 'not_retrievable' }),
    record(8, 2, { titleAbstract: include, retrieval: 'retrieved', fullText: exclude('Wrong outcome') }),
    record(9, 3, { titleAbstract: include, retrieval: 'retrieved', fullText: include, studyId: S }),
    record(11, 4, { titleAbstract: include, retrieval: 'retrieved', fullText: include }),
    record(12, 4, { duplicateOf: 11 }),
    record(13, 4, { titleAbstract: exclude('Not a trial') }),
    record(14, 4, { titleAbstract: include, retrieval: 'not_retrievable' }),
    record(15, 4, { titleAbstract: include, retrieval: 'retrieved', fullText: exclude('Wrong population') }),
  ].sort((a, b) => a.id - b.id);
  return {
    sources: EXAMPLE_SOURCES,
    records,
  };
}

describe('the worked example of docs/notes/prisma.md', () => {
  it('gives the numbers computed by hand', () => {
    const result = computePrisma(prismaInputFromReview(workedExample()));
    expect(result.model).toMatchObject({
      database_results: 8,
      register_results: 1,
      citations_results: 6,
      duplicates: 2,
      records_screened: 7,
      records_excluded: 2,
      dbr_sought_reports: 4,
      dbr_notretrieved_reports: 1,
      dbr_assessed: 3,
      dbr_excluded: 1,
      other_duplicates: 2,
      other_records_screened: 4,
      other_records_excluded: 1,
      other_sought_reports: 3,
      other_notretrieved_reports: 1,
      other_assessed: 2,
      other_excluded: 1,
      new_reports: 3,
      new_studies: 2,
      total_studies: 2,
      total_reports: 3,
    });
    expect(result.model.database_specific_results).toEqual([
      { name: 'Embase', n: 4 },
      { name: 'PubMed', n: 4 },
    ]);
    expect(result.model.records_excluded_reasons).toEqual([{ name: 'Animal study', n: 2 }]);
    expect(result.model.other_records_excluded_reasons).toEqual([{ name: 'Not a trial', n: 1 }]);
    expect(result.trace.duplicates).toEqual([5, 6]);
    expect(result.trace.other_duplicates).toEqual([10, 12]);
    expect(result.trace.new_reports).toEqual([1, 9, 11]);
    expect(result.trace['pending:screening']).toEqual([4]);
    expect(result.warnings.map((w) => w.code)).toEqual(['pending_screening']);
    expect(flowViolations(result)).toEqual([]);
    expect(
      recordsInExactlyOneEndBox(
        result.trace,
        Array.from({ length: 15 }, (_, i) => i + 1),
      ),
    ).toEqual([]);
  });

  it.each([1, 5])('gives the same numbers when deduplication keeps record %i of W1', (primary) => {
    const kept10 = computePrisma(prismaInputFromReview(workedExample())).model;
    expect(computePrisma(prismaInputFromReview(workedExample(primary))).model).toEqual(kept10);
  });
});
