import { finalStatus, type RecordFacts } from '../../../server/domain/records/status';

const none: RecordFacts = {
  duplicateOf: null,
  removal: null,
  titleAbstract: null,
  retrieval: null,
  fullText: null,
};
const ta = (outcome: 'include' | 'exclude' | null, reason: string | null = null) => ({
  titleAbstract: { outcome, reason },
});
const ft = (outcome: 'include' | 'exclude' | null, reason: string | null = null) => ({
  fullText: { outcome, reason },
});

describe('finalStatus(): where a record ended up, one box per record as PRISMA counts it', () => {
  it.each<[string, Partial<RecordFacts>, ReturnType<typeof finalStatus>]>([
    ['no vote yet', {}, { status: 'pending', stage: 'title_abstract', reason: null }],
    ['votes in conflict', ta(null), { status: 'pending', stage: 'title_abstract', reason: null }],
    [
      'excluded at title/abstract',
      ta('exclude', 'Animal study'),
      { status: 'excluded', stage: 'title_abstract', reason: 'Animal study' },
    ],
    ['included, not retrieved yet', ta('include'), { status: 'pending', stage: 'full_text', reason: null }],
    [
      'included, not retrievable',
      { ...ta('include'), retrieval: 'not_retrievable' },
      { status: 'not_retrieved', stage: 'full_text', reason: null },
    ],
    [
      'retrieved, awaiting full text',
      { ...ta('include'), retrieval: 'retrieved', ...ft(null) },
      { status: 'pending', stage: 'full_text', reason: null },
    ],
    [
      'included at full text',
      { ...ta('include'), retrieval: 'retrieved', ...ft('include') },
      { status: 'included', stage: 'full_text', reason: null },
    ],
    [
      'excluded at full text',
      { ...ta('include'), retrieval: 'retrieved', ...ft('exclude', 'Wrong outcome') },
      { status: 'excluded', stage: 'full_text', reason: 'Wrong outcome' },
    ],
    [
      'a duplicate, whatever is on it',
      { duplicateOf: 3, ...ta('include') },
      { status: 'duplicate', stage: null, reason: null },
    ],
    [
      'removed before screening',
      { removal: { reason: 'Outside the date range' } },
      { status: 'excluded', stage: null, reason: 'Outside the date range' },
    ],
  ])('%s', (_name, facts, expected) => {
    expect(finalStatus({ ...none, ...facts })).toEqual(expected);
  });
});
