import { groupSources, otherMethodOf } from '../../../server/domain/prisma/sources';

describe('otherMethodOf: the template row of an other-methods source named by its user', () => {
  it.each([
    // A website of an organisation is searched as a website: "website" is read before the
    // organisation words, in the singular and plural, with or without a space.
    ['Ministry of Health website', 'website'],
    ['Government web sites', 'website'],
    ['Charity webpages', 'website'],
    ['Agency web page', 'website'],
    ['Society websites', 'website'],
    // organisations otherwise
    ['Ministry of Health', 'organisation'],
    ['Charity reports', 'organisation'],
    ['NGO reports', 'organisation'],
    ['World Health Organization', 'organisation'],
    // citations before everything
    ['Citations on government websites', 'citation'],
    ['Forward citation tracking', 'citation'],
    // nothing recognised: a website search
    ['Conference abstracts', 'website'],
  ])('%s: %s', (name, method) => {
    expect(otherMethodOf({ name })).toBe(method);
  });

  it('follows the method a source declares over its name', () => {
    expect(otherMethodOf({ name: 'Google Scholar', method: 'citation' })).toBe('citation');
  });
});

describe('groupSources: one template row summed from its sources', () => {
  it('traces a row only when every source of it is traced: a partial list would not be the count', () => {
    const group = groupSources([
      { name: 'Embase', kind: 'database', n: 2, ids: [1, 2] },
      { name: 'PubMed', kind: 'database', n: 3 },
    ]);
    expect(group.total).toBe(5);
    expect(group.ids).toBeUndefined();
    expect(group.detailIds.get('Embase')).toEqual([1, 2]);
    expect(group.detailIds.get('PubMed')).toBeUndefined();
  });

  it('traces a row of traced sources to all their records, in source order', () => {
    const group = groupSources([
      { name: 'PubMed', kind: 'database', n: 1, ids: [7] },
      { name: 'Embase', kind: 'database', n: 2, ids: [1, 2] },
    ]);
    expect(group.ids).toEqual([7, 1, 2]);
    expect(group.detail).toEqual([
      { name: 'PubMed', n: 1 },
      { name: 'Embase', n: 2 },
    ]);
  });

  it.each([
    ['the untraced file second', [[1, 2], undefined]],
    ['the untraced file first', [undefined, [1, 2]]],
  ] as const)('does not trace a name with two files, one untraced (%s)', (_order, [first, second]) => {
    const group = groupSources([
      { name: 'Scopus', kind: 'database', n: 2, ...(first ? { ids: first } : {}) },
      { name: 'Scopus', kind: 'database', n: 2, ...(second ? { ids: second } : {}) },
    ]);
    expect(group.detail).toEqual([{ name: 'Scopus', n: 4 }]);
    expect(group.detailIds.get('Scopus')).toBeUndefined();
    expect(group.ids).toBeUndefined();
  });

  it('is no row at all without a source', () => {
    expect(groupSources([])).toEqual({ total: null, ids: undefined, detail: [], detailIds: new Map() });
  });
});
