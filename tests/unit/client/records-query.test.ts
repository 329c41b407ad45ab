import {
  apiQuery,
  bulkFilter,
  EMPTY_STATE,
  exportHref,
  isFiltered,
  queryOf,
  stateFromQuery,
} from '../../../client/src/workspace/query';
import { textColourOn } from '../../../client/src/workspace/colour';
import { FilterBody, FilterQuery, filterFromQuery } from '../../../server/http/record-filter';

describe('the records page state', () => {
  const query =
    'q=statin+trial&sourceId=3&sourceKind=other&yearFrom=2010&yearTo=2018&type=book&stage=full_text' +
    '&status=excluded&reason=Wrong+population&labelId=7&myVote=title_abstract%3Anone&conflict=title_abstract' +
    '&sort=year&dir=desc&cursor=abc';

  it('reads its URL back to the same URL', () => {
    expect(queryOf(stateFromQuery(query))).toBe(query);
    expect(queryOf(EMPTY_STATE)).toBe('');
  });

  it('leaves out what is unknown or malformed', () => {
    expect(
      stateFromQuery('status=maybe&sourceId=-1&yearFrom=20x&myVote=full_text:perhaps&sort=colour&dir=up'),
    ).toEqual(EMPTY_STATE);
  });

  it('gives the API the filter the server parses to the same thing from the query and from JSON', () => {
    const state = stateFromQuery(query);
    const fromQuery = filterFromQuery(
      FilterQuery.parse(Object.fromEntries(new URLSearchParams(apiQuery(state, 50)))),
    );
    const fromJson = FilterBody.parse(bulkFilter(state));
    const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    expect(defined(fromQuery)).toEqual(defined(fromJson));
    expect(fromJson).toMatchObject({
      statuses: ['excluded'],
      myVote: { stage: 'title_abstract', vote: 'none' },
    });
  });

  it('exports the filtered records whatever the sort and page', () => {
    expect(exportHref(4, 'xlsx', stateFromQuery(query))).toBe(
      '/api/projects/4/export.xlsx?q=statin+trial&sourceId=3&sourceKind=other&yearFrom=2010&yearTo=2018&type=book' +
        '&stage=full_text&status=excluded&reason=Wrong+population&labelId=7&myVote=title_abstract%3Anone&conflict=title_abstract',
    );
    expect(exportHref(4, 'bib', EMPTY_STATE)).toBe('/api/projects/4/export.bib');
    expect(isFiltered(EMPTY_STATE)).toBe(false);
    expect(isFiltered({ ...EMPTY_STATE, sort: 'title', cursor: 'x' })).toBe(false);
    expect(isFiltered({ ...EMPTY_STATE, yearTo: 2018 })).toBe(true);
  });
});

it.each([
  ['#ffcc00', '#000000'],
  ['#0b5cad', '#ffffff'],
  ['#ffffff', '#000000'],
  ['#000000', '#ffffff'],
])('a label on %s is written in %s', (background, text) => {
  expect(textColourOn(background)).toBe(text);
});
