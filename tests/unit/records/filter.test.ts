import { decodeCursor, encodeCursor, ftsQuery, isEmptyFilter } from '../../../server/domain/records/filter';
import { OUTCOMES_VIEW, viewsNeeded } from '../../../server/domain/records/views';

describe('ftsQuery()', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['   ', null],
    ['statin', '"statin"*'],
    ['Statin  trial', '"Statin"* "trial"*'],
    // FTS5 operators and quotes are plain text inside a quoted string
    ['NOT "a" OR b*', '"NOT"* """a"""* "OR"* "b*"*'],
    ['10.1234/abc.def', '"10.1234/abc.def"*'],
    ['micro-credentials', '"micro-credentials"*'],
    // punctuation alone has nothing to search for
    ['%', 'nothing'],
    ['% --', 'nothing'],
    ['% statin', '"statin"*'],
  ])('%j → %j', (q, expected) => {
    expect(ftsQuery(q)).toBe(expected);
  });
});

describe('cursors', () => {
  it.each([
    { value: 2019, id: 7 },
    { value: 'Smith, J', id: 123456 },
    { value: '', id: 1 },
  ])('round-trip %j', (cursor) => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'abc',
    encodeURIComponent('[1]'),
    Buffer.from('[1, 2.5]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
  ])('refuses %j', (text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});

describe('viewsNeeded(): what a filter asks of the visibility policy', () => {
  it.each([
    [{}, []],
    [
      {
        q: 'x',
        sourceIds: [1],
        sourceKinds: ['other' as const],
        yearFrom: 2019,
        types: ['book'],
        labelIds: [2],
      },
      [],
    ],
    [{ statuses: ['duplicate' as const] }, []],
    [{ statuses: ['duplicate' as const, 'included' as const] }, [OUTCOMES_VIEW]],
    [{ statuses: ['pending' as const] }, [OUTCOMES_VIEW]],
    [{ stage: 'title_abstract' as const }, [OUTCOMES_VIEW]],
    [{ reason: 'Wrong population' }, [OUTCOMES_VIEW]],
    [{ conflict: 'title_abstract' as const }, [{ kind: 'team-work', stage: 'title_abstract' }]],
    [
      { myVote: { stage: 'full_text' as const, vote: 'none' as const } },
      [{ kind: 'own-work', stage: 'full_text' }],
    ],
  ])('%j → %j', (filter, views) => {
    expect(viewsNeeded(filter)).toEqual(views);
  });
});

it('isEmptyFilter() is true only for a filter that asks nothing', () => {
  expect(isEmptyFilter({})).toBe(true);
  expect(isEmptyFilter({ q: '', labelIds: [] })).toBe(true);
  expect(isEmptyFilter({ yearTo: 2018 })).toBe(false);
});
