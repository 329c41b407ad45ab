import { featuresOf } from '../../../server/domain/dedup/features';
import { classifyPair, compareFields } from '../../../server/domain/dedup/rules';
import type { DedupRecord } from '../../../server/domain/dedup/types';
import { dedupRecord } from '../../support/dedup';

/**
 * classifyPair() rule by rule, each threshold at its boundary and each condition on its own: the
 * records agree on everything but what a test names, so a single field decides between two rules.
 *
 * Title similarities are set exactly: TITLE is 100 characters once normalised, and `titleAt`
 * shortens words of it from their ends, one letter per 0.01 (1 − edits / 100). A shortened word
 * is the start of the other title's word, so no word check vetoes the pair, and fewer than half
 * the words change, so the edit ratio is what counts.
 */
const TITLE =
  'Intrapleural tissue plasminogen activator and deoxyribonuclease for pleural infection in a new trial';
/** Words shortened in this order, each by at most the letters given (four letters always stay). */
const SHORTENED: [string, number][] = [
  ['Intrapleural', 8],
  ['plasminogen', 7],
  ['deoxyribonuclease', 13],
  ['activator', 5],
];

function titleAt(similarity: number): string {
  let edits = Math.round((1 - similarity) * 100);
  let title = TITLE;
  for (const [word, most] of SHORTENED) {
    const cut = Math.min(edits, most);
    title = title.replace(word, word.slice(0, word.length - cut));
    edits -= cut;
  }
  return title;
}

/** Two author lists of `of` names, the first `found` of them the same: agreement found / of. */
const SURNAMES = [
  'Rahman',
  'Maskell',
  'West',
  'Teoh',
  'Arnold',
  'Davies',
  'Miller',
  'Gleeson',
  'Light',
  'Bhatnagar',
];
const OTHERS = [
  'Quinn',
  'Vance',
  'Yusuf',
  'Zolotov',
  'Ibarra',
  'Kowalczyk',
  'Nakamura',
  'Ortega',
  'Petrov',
  'Haddad',
];
function authorsAgreeing(found: number, of: number): { a: string[]; b: string[] } {
  const names = (surnames: string[]) => surnames.map((s) => `${s}, A.`);
  return {
    a: names(SURNAMES.slice(0, of)),
    b: names([...SURNAMES.slice(0, found), ...OTHERS.slice(found, of)]),
  };
}
const AUTHORS = authorsAgreeing(5, 5).a;
/** The same five authors, the first moved to the end: agreement 1, another first author. */
const REORDERED = [...AUTHORS.slice(1), AUTHORS[0]!];

function verdict(a: Partial<DedupRecord>, b: Partial<DedupRecord>) {
  return classifyPair(featuresOf(dedupRecord(a)), featuresOf(dedupRecord(b)));
}
/** A pair whose authors agree `found` of `of`, the rest of each record as given. */
function withAuthors(found: number, of: number, a: Partial<DedupRecord>, b: Partial<DedupRecord>) {
  const authors = authorsAgreeing(found, of);
  return verdict({ ...a, authors: authors.a }, { ...b, authors: authors.b });
}

describe('the test titles and author lists', () => {
  it('give the similarities the tests below rely on', () => {
    const title = (t: string) => verdict({ title: t }, { title: TITLE }).similarities.title;
    expect([0.97, 0.95, 0.94, 0.9, 0.89, 0.8, 0.79, 0.7].map((s) => title(titleAt(s)))).toEqual([
      0.97, 0.95, 0.94, 0.9, 0.89, 0.8, 0.79, 0.7,
    ]);
    const authors = (found: number, of: number) => withAuthors(found, of, {}, {}).similarities.authors;
    expect([authors(4, 5), authors(3, 4), authors(9, 10), authors(8, 9), authors(7, 10)]).toEqual([
      0.8, 0.75, 0.9, 0.889, 0.7,
    ]);
    expect([authors(2, 3), authors(1, 2), authors(1, 3), authors(3, 10), authors(1, 4)]).toEqual([
      0.667, 0.5, 0.333, 0.3, 0.25,
    ]);
    expect(verdict({ authors: AUTHORS }, { authors: REORDERED }).similarities.authors).toBe(1);
  });
});

describe('a verdict', () => {
  it('carries no vetoes when none applied', () => {
    const v = verdict(
      { title: TITLE, authors: AUTHORS, year: 2011 },
      { title: TITLE, authors: AUTHORS, year: 2011 },
    );
    expect(v).toMatchObject({ outcome: 'duplicate', rule: 'fuzzy:title+authors+year' });
    expect(v).not.toHaveProperty('vetoes');
  });
});

describe('compareFields(): edges', () => {
  it('keeps the edit ratio of a title cut at its subtitle when it is above 0.9', () => {
    const main = 'Intrapleural tissue plasminogen activator and deoxyribonuclease for pleural infection';
    const s = compareFields(
      featuresOf(dedupRecord({ title: main })),
      featuresOf(dedupRecord({ title: `${main}: a trial` })),
    );
    // 85 against 93 characters: 1 − 8 / 93.
    expect(s.title).toBe(0.914);
  });

  it('scores a title cut at its subtitle 0.9 when the part kept is too short for the abridged-title rule', () => {
    // 23 letters run together: under the 30 an abridged title needs; the edit ratio is 0.556.
    const compare = (a: string, b: string) =>
      compareFields(featuresOf(dedupRecord({ title: a })), featuresOf(dedupRecord({ title: b }))).title;
    expect(compare('Pleural infection treated', 'Pleural infection treated: a review of trials')).toBe(0.9);
  });

  it('compares the bracketed translation of either record at 0.98', () => {
    const compare = (a: string, b: string) =>
      compareFields(featuresOf(dedupRecord({ title: a })), featuresOf(dedupRecord({ title: b }))).title;
    const translated = 'Rehabilitation nach Schlaganfall [Rehabilitation after stroke in rural areas]';
    const english = 'Rehabilitation after stroke in rural areas';
    expect(compare(english, translated)).toBe(0.98);
    expect(compare(translated, english)).toBe(0.98);
  });

  it('reads no shift when the shifted record has no issue, or no page', () => {
    const compare = (a: Partial<DedupRecord>, b: Partial<DedupRecord>) =>
      compareFields(featuresOf(dedupRecord(a)), featuresOf(dedupRecord(b)));
    // No volume and no issue: an empty issue is no volume of the other record.
    expect(compare({ pages: '9' }, { issue: '9' })).toMatchObject({ volume: null, pages: null });
    // No volume and no page: an empty first page is no issue of the other record.
    expect(compare({ issue: '26' }, { volume: '26' })).toMatchObject({ volume: null, pages: null });
  });
});

describe('a preprint and its published version', () => {
  const PREPRINT: Partial<DedupRecord> = {
    title: TITLE,
    authors: AUTHORS,
    year: 2020,
    journal: 'medRxiv',
    doi: '10.1101/2020.05.01.20087353',
  };
  const PUBLISHED: Partial<DedupRecord> = {
    title: TITLE,
    authors: AUTHORS,
    year: 2021,
    journal: 'Thorax',
    doi: '10.1136/thorax-2020-215001',
  };

  it('are related from a title similarity of 0.9, whichever comes first', () => {
    const related = { outcome: 'related', rule: 'related:preprint-vs-published' };
    expect(verdict(PREPRINT, { ...PUBLISHED, title: titleAt(0.9) })).toMatchObject(related);
    expect(verdict({ ...PUBLISHED, title: titleAt(0.9) }, PREPRINT)).toMatchObject(related);
    expect(verdict(PREPRINT, { ...PUBLISHED, title: titleAt(0.89) })).toMatchObject({
      outcome: 'distinct',
      rule: 'veto:different-doi',
    });
  });

  it('are related by a shared DOI whatever their titles', () => {
    // A working-paper listing that carries the publisher's DOI.
    const listing = { ...PREPRINT, journal: 'SSRN Electronic Journal', doi: PUBLISHED.doi };
    expect(verdict(listing, { ...PUBLISHED, title: titleAt(0.8) })).toMatchObject({
      outcome: 'related',
      rule: 'related:preprint-vs-published',
    });
  });

  it("are related when the published record has a publisher's DOI, even without a venue", () => {
    expect(verdict(PREPRINT, { ...PUBLISHED, journal: null })).toMatchObject({
      outcome: 'related',
      rule: 'related:preprint-vs-published',
    });
  });

  it('are related when the published record names a journal or a conference, even without a DOI', () => {
    const related = { outcome: 'related', rule: 'related:preprint-vs-published' };
    expect(verdict(PREPRINT, { ...PUBLISHED, doi: null })).toMatchObject(related);
    const paper = {
      ...PUBLISHED,
      doi: null,
      journal: 'Proceedings of the European Conference on Information Systems',
    };
    expect(verdict(PREPRINT, paper)).toMatchObject(related);
    expect(verdict(paper, PREPRINT)).toMatchObject(related);
  });

  it('are not told apart from another listing of the preprint without DOI or venue: one working paper', () => {
    const listing = { title: TITLE, authors: AUTHORS, year: 2020 };
    expect(verdict(PREPRINT, listing)).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+year',
    });
    expect(verdict(listing, PREPRINT)).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+year',
    });
  });
});

describe('DOIs of one Cochrane review', () => {
  it('need two DOIs: a DOI field holding only a version suffix is no family of a record without DOI', () => {
    const v = verdict(
      { title: TITLE, authors: AUTHORS, year: 2011, doi: '.pub2' },
      { title: TITLE, authors: AUTHORS, year: 2011 },
    );
    expect(v).toMatchObject({ outcome: 'duplicate', rule: 'fuzzy:title+authors+year' });
  });
});

describe('a shared DOI or PMID', () => {
  const RECORD = { authors: AUTHORS, year: 2011, doi: '10.1056/nejmoa1012740' };

  it('merges from a title similarity of 0.8, below it a reviewer looks', () => {
    expect(verdict({ ...RECORD, title: TITLE }, { ...RECORD, title: titleAt(0.8) })).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-doi',
    });
    expect(verdict({ ...RECORD, title: TITLE }, { ...RECORD, title: titleAt(0.79) })).toMatchObject({
      outcome: 'review',
      rule: 'same-doi:different-title',
    });
    const pmid = { authors: AUTHORS, year: 2011, pmid: '21830966' };
    expect(verdict({ ...pmid, title: TITLE }, { ...pmid, title: titleAt(0.79) })).toMatchObject({
      outcome: 'review',
      rule: 'same-pmid:different-title',
    });
  });

  it('merges when one record has no title', () => {
    expect(verdict({ ...RECORD, title: TITLE }, RECORD)).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-doi',
    });
  });
});

describe('a hard veto with the same title, authors and year', () => {
  // Issues 2 and 3 of one volume, no pages: nothing explains the different issue.
  const ISSUE_2: Partial<DedupRecord> = {
    title: TITLE,
    authors: AUTHORS,
    year: 2011,
    journal: 'Thorax',
    volume: '66',
    issue: '2',
  };
  const ISSUE_3 = { ...ISSUE_2, issue: '3' };

  it('goes to a reviewer from a title similarity of 0.97 (a data error is as likely as two works)', () => {
    expect(verdict(ISSUE_2, { ...ISSUE_3, title: titleAt(0.97) })).toMatchObject({
      outcome: 'review',
      rule: 'veto:issue-differs',
    });
    expect(verdict(ISSUE_2, { ...ISSUE_3, title: titleAt(0.96) })).toMatchObject({
      outcome: 'distinct',
      rule: 'veto:issue-differs',
    });
  });

  it('is distinct when the authors agree less than 0.8', () => {
    expect(withAuthors(3, 4, ISSUE_2, ISSUE_3)).toMatchObject({
      outcome: 'distinct',
      rule: 'veto:issue-differs',
    });
    expect(withAuthors(4, 5, ISSUE_2, ISSUE_3)).toMatchObject({
      outcome: 'review',
      rule: 'veto:issue-differs',
    });
  });

  it('is distinct when either title is a series title', () => {
    // "Editorial: …" is an editorial; "Editorial …" without the colon is read as a title like any other.
    const series = { ...ISSUE_2, title: `Editorial: ${TITLE}` };
    const plain = { ...ISSUE_3, title: `Editorial ${TITLE}` };
    expect(verdict(series, plain)).toMatchObject({ outcome: 'distinct', rule: 'veto:issue-differs' });
    expect(verdict(plain, series)).toMatchObject({ outcome: 'distinct', rule: 'veto:issue-differs' });
    expect(verdict({ ...series, title: plain.title }, plain)).toMatchObject({ outcome: 'review' });
  });
});

describe('a series title and nothing else against the pair', () => {
  // "Book reviews: …" in both, no issue or pages to prove or disprove it; 100 characters once
  // normalised, so each letter dropped is 0.01 of title similarity.
  const REVIEW =
    'Book reviews: Intrapleural tissue plasminogen activators with deoxyribonuclease for pleural infection';

  it('goes to a reviewer from a title similarity of 0.9 and authors agreeing 0.5', () => {
    const edited = REVIEW.replace('Intrapleural', 'Intr').replace('plasminogen', 'plasminog');
    expect(withAuthors(1, 2, { title: REVIEW }, { title: edited })).toMatchObject({
      outcome: 'review',
      rule: 'veto:series-title',
      similarities: { title: 0.9, authors: 0.5 },
    });
    expect(withAuthors(1, 3, { title: REVIEW }, { title: REVIEW })).toMatchObject({
      outcome: 'distinct',
      rule: 'veto:series-title',
    });
    const further = REVIEW.replace('Intrapleural', 'Intr').replace('plasminogen', 'plasmino');
    expect(verdict({ title: REVIEW }, { title: further })).toMatchObject({
      outcome: 'distinct',
      rule: 'veto:series-title',
      similarities: { title: 0.89 },
    });
  });

  it('goes to a reviewer when either record lists no authors', () => {
    expect(verdict({ title: REVIEW, authors: AUTHORS }, { title: REVIEW })).toMatchObject({
      outcome: 'review',
      rule: 'veto:series-title',
    });
  });
});

describe('journal, volume, first page and year (the coordinates rule)', () => {
  const COORDINATES: Partial<DedupRecord> = {
    year: 2011,
    journal: 'New England Journal of Medicine',
    volume: '365',
    pages: '518-526',
  };
  const RULE = 'coordinates:journal+volume+page+year';
  const pair = (a: Partial<DedupRecord>, b: Partial<DedupRecord>) =>
    withAuthors(4, 5, { ...COORDINATES, title: TITLE, ...a }, { ...COORDINATES, title: titleAt(0.7), ...b });

  it('merges from authors agreeing 0.8 whatever the title', () => {
    expect(pair({}, {})).toMatchObject({ outcome: 'duplicate', rule: RULE, similarities: { title: 0.7 } });
    expect(
      withAuthors(3, 4, { ...COORDINATES, title: TITLE }, { ...COORDINATES, title: titleAt(0.7) }),
    ).toMatchObject({
      outcome: 'distinct',
      rule: 'fuzzy:title-differs',
    });
  });

  it('merges from a title similarity of 0.95 whatever the authors', () => {
    const three = (t: string) =>
      withAuthors(3, 4, { ...COORDINATES, title: TITLE }, { ...COORDINATES, title: t });
    expect(three(titleAt(0.95))).toMatchObject({ outcome: 'duplicate', rule: RULE });
    expect(three(titleAt(0.94))).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+year+journal+volume+pages',
    });
  });

  it('merges from a title similarity of 0.5 when either record lists no authors (a translated title)', () => {
    // Nine words each, five shared: word overlap 10 / 18, title similarity 0.9 × 10 / 18 = 0.5.
    const original = 'Pleural infection treated with fibrinolytic drugs: multicentre randomised comparison';
    const half = '[Pleural infection treated with fibrinolytic agents: controlled clinical evaluation]';
    const v = verdict({ ...COORDINATES, title: half }, { ...COORDINATES, title: original });
    expect(v).toMatchObject({
      outcome: 'duplicate',
      rule: RULE,
      similarities: { title: 0.5, authors: null },
    });
    // Eight words each, four shared: 0.9 × 8 / 16 = 0.45.
    const less = '[Pleural infection treated with antibiotics: controlled clinical evaluation]';
    expect(
      verdict(
        { ...COORDINATES, title: less },
        { ...COORDINATES, title: original.replace('fibrinolytic ', '') },
      ),
    ).toMatchObject({
      outcome: 'distinct',
      rule: 'fuzzy:title-differs',
      similarities: { title: 0.45 },
    });
    // With authors that agree 0.75, a title of 0.5 is not enough.
    expect(
      withAuthors(3, 4, { ...COORDINATES, title: half }, { ...COORDINATES, title: original }),
    ).toMatchObject({
      outcome: 'distinct',
      rule: 'fuzzy:title-differs',
    });
  });

  it('needs the same year, volume and first page, a page range ending alike, not from page 1', () => {
    const distinct = { outcome: 'distinct', rule: 'fuzzy:title-differs' };
    expect(pair({}, { year: 2012 })).toMatchObject(distinct);
    expect(pair({}, { volume: '366' })).toMatchObject(distinct);
    expect(pair({}, { pages: '519-526' })).toMatchObject(distinct);
    expect(pair({}, { pages: '518-530' })).toMatchObject(distinct);
    expect(pair({ pages: '1-9' }, { pages: '1-9' })).toMatchObject(distinct);
    expect(pair({ pages: '518' }, { pages: '518' })).toMatchObject(distinct);
  });

  it('needs a title on both records', () => {
    const distinct = { outcome: 'distinct', rule: 'fuzzy:title-differs' };
    expect(pair({ title: null }, {})).toMatchObject(distinct);
    expect(pair({}, { title: null })).toMatchObject(distinct);
  });

  it('needs journals that agree 0.6 or more', () => {
    // Three of four words: 0.75 × 0.8 = 0.6; two of three: 0.533.
    expect(
      pair(
        { journal: 'Journal of Thoracic and Cardiovascular Surgery' },
        { journal: 'Journal of Thoracic and Pulmonary Surgery' },
      ),
    ).toMatchObject({ outcome: 'duplicate', rule: RULE, similarities: { journal: 0.6 } });
    expect(
      pair({ journal: 'Thoracic Cardiovascular Surgery' }, { journal: 'Thoracic Pulmonary Surgery' }),
    ).toMatchObject({
      outcome: 'distinct',
      similarities: { journal: 0.533 },
    });
    expect(pair({ journal: null }, {})).toMatchObject({ outcome: 'distinct', rule: 'fuzzy:title-differs' });
  });
});

describe('the title floor of the fuzzy rules', () => {
  it('goes on from a title similarity of 0.8, below it the titles differ', () => {
    expect(verdict({ title: TITLE }, { title: titleAt(0.8) })).toMatchObject({
      outcome: 'distinct',
      rule: 'fuzzy:not-enough-evidence',
    });
    expect(verdict({ title: TITLE }, { title: titleAt(0.79) })).toMatchObject({
      outcome: 'distinct',
      rule: 'fuzzy:title-differs',
    });
  });

  it('keeps titles with other numbers apart, by the title-numbers rule', () => {
    expect(verdict({ title: `${TITLE}, part 1` }, { title: `${TITLE}, part 2` })).toMatchObject({
      outcome: 'distinct',
      rule: 'veto:title-numbers-differ',
    });
  });

  it('lets numbers written apart in one title and together in the other pass: the titles are the same run together', () => {
    const apart = 'Pleural infection in the 2010 11 influenza season: a national survey';
    const together = 'Pleural infection in the 201011 influenza season: a national survey';
    const v = verdict(
      { title: apart, authors: AUTHORS, year: 2011 },
      { title: together, authors: AUTHORS, year: 2011 },
    );
    expect(v).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+year',
      similarities: { title: 1 },
    });
  });
});

describe('versions of one Cochrane review (the CD number)', () => {
  const REVIEW: Partial<DedupRecord> = {
    title: TITLE,
    journal: 'Cochrane Database of Systematic Reviews',
    pages: 'CD006828',
  };
  const v2008 = { ...REVIEW, year: 2008 };
  const v2012 = { ...REVIEW, year: 2012 };

  it('merge from a title similarity of 0.95 and authors agreeing 0.8', () => {
    expect(withAuthors(4, 5, v2008, { ...v2012, title: titleAt(0.95) })).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-cochrane-review',
    });
    expect(withAuthors(4, 5, v2008, { ...v2012, title: titleAt(0.94) })).toMatchObject({
      outcome: 'distinct',
      rule: 'veto:year-differs',
    });
    expect(withAuthors(3, 4, v2008, v2012)).toMatchObject({ outcome: 'distinct', rule: 'veto:year-differs' });
    expect(verdict(v2008, v2012)).toMatchObject({ outcome: 'distinct', rule: 'veto:year-differs' });
  });

  it('are known by the CD number of a Cochrane DOI as well as by the page', () => {
    const byDoi = { ...v2008, pages: null, doi: '10.1002/14651858.CD006828.pub2', authors: AUTHORS };
    expect(verdict(byDoi, { ...v2012, authors: AUTHORS })).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-cochrane-review',
    });
    expect(verdict({ ...v2012, authors: AUTHORS }, byDoi)).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-cochrane-review',
    });
  });

  it('are not one review with another CD number, a CD page outside the Cochrane Library, or no number', () => {
    const apart = { outcome: 'review', rule: 'veto:year-differs' };
    expect(
      verdict({ ...v2008, authors: AUTHORS }, { ...v2012, authors: AUTHORS, pages: 'CD002273' }),
    ).toMatchObject(apart);
    const elsewhere = { journal: 'Thorax', authors: AUTHORS };
    expect(verdict({ ...v2008, ...elsewhere }, { ...v2012, ...elsewhere })).toMatchObject(apart);
    expect(
      verdict({ ...v2008, authors: AUTHORS, pages: null }, { ...v2012, authors: AUTHORS, pages: null }),
    ).toMatchObject(apart);
  });
});

describe('a short title (under twenty letters or three words)', () => {
  // "Pleural empyema care" is 20 letters and three words; "Pleural empye care" is 18 letters.
  const SHORT: Partial<DedupRecord> = {
    title: 'Empyema thoracis',
    year: 2011,
    journal: 'Thorax',
    volume: '66',
  };

  it('merges with authors agreeing 0.8, the same year, and the same volume or first page', () => {
    expect(withAuthors(4, 5, SHORT, SHORT)).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+journal+volume+year',
    });
    expect(
      withAuthors(4, 5, { ...SHORT, volume: null, pages: '518' }, { ...SHORT, volume: null, pages: '518' }),
    ).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+year+journal+pages',
    });
  });

  it('goes to a reviewer otherwise', () => {
    const short = { outcome: 'review', rule: 'uncertain:short-title' };
    expect(withAuthors(3, 4, SHORT, SHORT)).toMatchObject(short);
    expect(verdict(SHORT, SHORT)).toMatchObject(short);
    expect(withAuthors(4, 5, SHORT, { ...SHORT, year: 2012 })).toMatchObject(short);
    expect(withAuthors(4, 5, { ...SHORT, volume: null }, { ...SHORT, volume: null })).toMatchObject(short);
  });

  it('is distinct below a title similarity of 0.9, when only one of the titles is short', () => {
    const long = { title: 'Pleural empyema care' };
    expect(verdict({ title: 'Pleural empye care' }, long)).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:short-title',
      similarities: { title: 0.9 },
    });
    expect(verdict(long, { title: 'Pleural empy care' })).toMatchObject({
      outcome: 'distinct',
      rule: 'uncertain:short-title',
      similarities: { title: 0.85 },
    });
  });
});

describe('years two or more apart', () => {
  const Y2011: Partial<DedupRecord> = { title: TITLE, year: 2011, journal: 'Thorax' };
  const Y2013 = { ...Y2011, year: 2013 };

  it('go to a reviewer from a title similarity of 0.95 and authors agreeing 0.8, else are distinct', () => {
    const rule = 'veto:year-differs';
    expect(withAuthors(4, 5, Y2011, { ...Y2013, title: titleAt(0.95) })).toMatchObject({
      outcome: 'review',
      rule,
    });
    expect(withAuthors(4, 5, Y2011, { ...Y2013, title: titleAt(0.94) })).toMatchObject({
      outcome: 'distinct',
      rule,
    });
    expect(withAuthors(3, 4, Y2011, Y2013)).toMatchObject({ outcome: 'distinct', rule });
    expect(verdict(Y2011, Y2013)).toMatchObject({ outcome: 'distinct', rule });
  });
});

describe('title, authors, journal, volume and year (the 0.97 rule)', () => {
  // Overlapping page ranges that differ: a contradiction only this rule overlooks.
  const VOLUME: Partial<DedupRecord> = {
    title: TITLE,
    year: 2011,
    journal: 'New England Journal of Medicine',
    volume: '365',
    pages: '518-526',
  };
  const OTHER_PAGES = { ...VOLUME, pages: '520-530' };
  const RULE = 'fuzzy:title+authors+journal+volume+year';

  it('needs authors agreeing 0.8', () => {
    expect(withAuthors(4, 5, VOLUME, OTHER_PAGES)).toMatchObject({ outcome: 'duplicate', rule: RULE });
    const differs = { outcome: 'review', rule: 'uncertain:pages-differs' };
    expect(withAuthors(3, 4, VOLUME, OTHER_PAGES)).toMatchObject(differs);
    expect(verdict(VOLUME, OTHER_PAGES)).toMatchObject(differs);
  });

  it('needs journals that agree 0.8 (an abbreviation does)', () => {
    expect(withAuthors(4, 5, VOLUME, { ...OTHER_PAGES, journal: 'N Engl J Med' })).toMatchObject({
      outcome: 'duplicate',
      rule: RULE,
    });
    const differs = { outcome: 'review', rule: 'uncertain:pages-differs' };
    expect(
      withAuthors(
        4,
        5,
        { ...VOLUME, journal: 'Thoracic Cardiovascular Surgery' },
        { ...OTHER_PAGES, journal: 'Thoracic Pulmonary Surgery' },
      ),
    ).toMatchObject(differs);
    expect(withAuthors(4, 5, VOLUME, { ...OTHER_PAGES, journal: null })).toMatchObject(differs);
  });

  it('needs the same volume', () => {
    expect(withAuthors(4, 5, { ...VOLUME, volume: null }, { ...OTHER_PAGES, volume: null })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:pages-differs',
    });
  });

  it('needs the same year', () => {
    expect(withAuthors(4, 5, VOLUME, { ...OTHER_PAGES, year: 2012 })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:pages-differs',
    });
  });

  it("merges a one-page item on the article's last page: the pages touch, they do not differ", () => {
    const v = withAuthors(4, 5, VOLUME, { ...VOLUME, title: titleAt(0.97), pages: '526' });
    expect(v).toMatchObject({ outcome: 'duplicate', rule: RULE, similarities: { pages: 0.5 } });
  });

  it('merges an article number beside another: neither is a one-page item', () => {
    const v = withAuthors(
      4,
      5,
      { ...VOLUME, pages: 'e1875' },
      { ...VOLUME, title: titleAt(0.97), pages: 'e1880' },
    );
    expect(v).toMatchObject({ outcome: 'duplicate', rule: RULE, similarities: { pages: 0 } });
  });

  describe('beside a one-page item of the same volume', () => {
    const ONE_PAGE = { ...VOLUME, issue: 'Suppl 1', pages: '1875' };

    it("merges it as the article's abstract, on either side", () => {
      expect(verdict({ ...VOLUME, authors: AUTHORS }, { ...ONE_PAGE, authors: AUTHORS })).toMatchObject({
        outcome: 'duplicate',
        rule: RULE,
      });
      expect(verdict({ ...ONE_PAGE, authors: AUTHORS }, { ...VOLUME, authors: AUTHORS })).toMatchObject({
        outcome: 'duplicate',
        rule: RULE,
      });
    });

    it('merges from authors agreeing 0.9 with the same first author', () => {
      expect(withAuthors(9, 10, VOLUME, ONE_PAGE)).toMatchObject({ outcome: 'duplicate', rule: RULE });
      expect(withAuthors(8, 9, VOLUME, ONE_PAGE)).toMatchObject({
        outcome: 'review',
        rule: 'uncertain:pages-differs',
      });
      expect(verdict({ ...VOLUME, authors: AUTHORS }, { ...ONE_PAGE, authors: REORDERED })).toMatchObject({
        outcome: 'review',
        rule: 'uncertain:pages-differs',
      });
    });

    it('keeps it apart when the title is not exactly the same', () => {
      expect(
        verdict({ ...VOLUME, authors: AUTHORS }, { ...ONE_PAGE, title: titleAt(0.97), authors: AUTHORS }),
      ).toMatchObject({
        outcome: 'review',
        rule: 'uncertain:pages-differs',
      });
    });

    it('keeps it apart when either record notes an erratum (the one-page item is that erratum)', () => {
      const noted = `${TITLE}.[Erratum appears in N Engl J Med. 2011;365(9):1875]`;
      const apart = { outcome: 'review', rule: 'uncertain:pages-differs' };
      expect(
        verdict({ ...VOLUME, authors: AUTHORS }, { ...ONE_PAGE, title: noted, authors: AUTHORS }),
      ).toMatchObject(apart);
      expect(
        verdict({ ...VOLUME, title: noted, authors: AUTHORS }, { ...ONE_PAGE, authors: AUTHORS }),
      ).toMatchObject(apart);
    });
  });
});

describe('a title cut at its subtitle', () => {
  const MAIN = 'Systematizing the lexicon of platforms in information systems';
  const CUT: Partial<DedupRecord> = { title: MAIN, authors: AUTHORS, year: 2019 };
  const WHOLE: Partial<DedupRecord> = { ...CUT, title: `${MAIN}: a data-driven study` };
  const RULE = 'fuzzy:subtitle-cut+authors+year';

  it('merges with the same authors, first author and year and nothing contradicting', () => {
    expect(verdict(CUT, WHOLE)).toMatchObject({
      outcome: 'duplicate',
      rule: RULE,
      similarities: { title: 0.9 },
    });
    expect(withAuthors(4, 5, CUT, WHOLE)).toMatchObject({ outcome: 'duplicate', rule: RULE });
  });

  it('goes to a reviewer when authors agree less than 0.8, the first author or the year differs, or a field contradicts', () => {
    const weak = { outcome: 'review', rule: 'uncertain:weak-support' };
    expect(withAuthors(3, 4, CUT, WHOLE)).toMatchObject(weak);
    expect(verdict(CUT, { ...WHOLE, authors: REORDERED })).toMatchObject(weak);
    expect(verdict(CUT, { ...WHOLE, year: 2020 })).toMatchObject(weak);
    expect(verdict({ ...CUT, volume: '12' }, { ...WHOLE, volume: '13' })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:volume-differs',
    });
  });
});

describe('the same long title and authors without a year (a catalogue entry)', () => {
  const SIX_WORDS = 'Pleural infection treated with intrapleural fibrinolytics';
  const ENTRY: Partial<DedupRecord> = { title: SIX_WORDS, authors: AUTHORS };
  const RULE = 'fuzzy:exact-title+authors';

  it('merges from six title words, with authors agreeing 0.8 and the same first author', () => {
    expect(verdict({ ...ENTRY, year: 2011 }, ENTRY)).toMatchObject({ outcome: 'duplicate', rule: RULE });
    expect(withAuthors(4, 5, { ...ENTRY, year: 2011 }, ENTRY)).toMatchObject({
      outcome: 'duplicate',
      rule: RULE,
    });
  });

  it('goes to a reviewer with five title words, other authors, another first author or a contradiction', () => {
    const weak = { outcome: 'review', rule: 'uncertain:weak-support' };
    const five = { ...ENTRY, title: 'Pleural infection treated by fibrinolytics' };
    expect(verdict({ ...five, year: 2011 }, five)).toMatchObject(weak);
    expect(withAuthors(3, 4, { ...ENTRY, year: 2011 }, ENTRY)).toMatchObject(weak);
    expect(verdict({ ...ENTRY, year: 2011 }, { ...ENTRY, authors: REORDERED })).toMatchObject(weak);
    expect(
      verdict(
        { ...ENTRY, year: 2011, abstract: 'pleural fluid culture yield' },
        { ...ENTRY, abstract: 'lung cancer screening trial' },
      ),
    ).toMatchObject({ outcome: 'review', rule: 'uncertain:abstract-differs' });
  });

  it('is not the rule for a title that is not exactly the same', () => {
    expect(verdict({ ...ENTRY, title: TITLE, year: 2011 }, { ...ENTRY, title: titleAt(0.97) })).toMatchObject(
      {
        outcome: 'review',
        rule: 'uncertain:weak-support',
      },
    );
  });

  it('is not the rule when both records give the year', () => {
    expect(verdict({ ...ENTRY, year: 2011 }, { ...ENTRY, year: 2011 })).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+year',
    });
  });
});

describe('a title of 0.95 with two agreeing fields', () => {
  // No authors on one side: only this rule can merge (the 0.9 rule needs them).
  const A: Partial<DedupRecord> = { title: TITLE, journal: 'Thorax' };
  const B: Partial<DedupRecord> = { title: titleAt(0.95), journal: 'Thorax' };

  it('merges when the year, volume, pages or abstract anchors the journal to this article', () => {
    expect(verdict({ ...A, volume: '66' }, { ...B, volume: '66' })).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+journal+volume',
    });
    expect(verdict({ ...A, pages: '518-526' }, { ...B, pages: '518-526' })).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+journal+pages',
    });
    const abstract = 'pleural fluid culture yield';
    expect(verdict({ ...A, abstract }, { ...B, abstract })).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+journal+abstract',
    });
  });

  it('goes to a reviewer when nothing anchors it, or one field agrees', () => {
    const weak = { outcome: 'review', rule: 'uncertain:weak-support' };
    // Authors and journal: both name many articles.
    expect(verdict({ ...A, authors: AUTHORS }, { ...B, authors: AUTHORS })).toMatchObject(weak);
    expect(
      verdict({ ...A, journal: null, volume: '66' }, { ...B, journal: null, volume: '66' }),
    ).toMatchObject(weak);
  });

  it('counts authors agreeing 0.8 as support', () => {
    expect(
      withAuthors(4, 5, { title: TITLE, year: 2011 }, { title: titleAt(0.95), year: 2011 }),
    ).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+year',
    });
    expect(
      withAuthors(3, 4, { title: TITLE, year: 2011 }, { title: titleAt(0.95), year: 2011 }),
    ).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:weak-support',
    });
  });

  it('needs authors agreeing 0.5 when both records list them', () => {
    const a = { ...A, volume: '66' };
    const b = { ...B, volume: '66' };
    expect(withAuthors(1, 2, a, b)).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+journal+volume',
    });
    expect(withAuthors(1, 3, a, b)).toMatchObject({ outcome: 'review', rule: 'uncertain:weak-support' });
  });

  it('goes to a reviewer when one field contradicts', () => {
    expect(verdict({ ...A, year: 2011, volume: '66' }, { ...B, year: 2011, volume: '67' })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:volume-differs',
    });
  });
});

describe('a title of 0.9 with three agreeing fields and authors agreeing 0.7', () => {
  const A: Partial<DedupRecord> = {
    title: TITLE,
    year: 2011,
    journal: 'Thorax',
    abstract: 'pleural fluid culture yield',
  };
  const B: Partial<DedupRecord> = { ...A, title: titleAt(0.9) };
  const RULE = 'fuzzy:title+year+journal+abstract';

  it('merges', () => {
    expect(withAuthors(7, 10, A, B)).toMatchObject({
      outcome: 'duplicate',
      rule: RULE,
      similarities: { authors: 0.7 },
    });
  });

  it('goes to a reviewer with authors agreeing less or missing, two fields, or a contradiction', () => {
    const weak = { outcome: 'review', rule: 'uncertain:weak-support' };
    expect(withAuthors(2, 3, A, B)).toMatchObject(weak);
    expect(verdict(A, B)).toMatchObject(weak);
    expect(withAuthors(7, 10, { ...A, abstract: null }, B)).toMatchObject(weak);
    expect(withAuthors(7, 10, { ...A, volume: '66' }, { ...B, volume: '67' })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:volume-differs',
    });
  });

  it('is distinct below 0.9, or with two contradictions', () => {
    const none = { outcome: 'distinct', rule: 'fuzzy:not-enough-evidence' };
    expect(withAuthors(7, 10, A, { ...B, title: titleAt(0.89) })).toMatchObject(none);
    expect(
      withAuthors(7, 10, { ...A, volume: '66', pages: '518-526' }, { ...B, volume: '67', pages: '520-530' }),
    ).toMatchObject(none);
  });
});

describe('what counts as support and as a contradiction', () => {
  // A title of 0.95 and the journal: one more agreeing field merges, any contradiction stops it.
  const A: Partial<DedupRecord> = { title: TITLE, journal: 'Thorax' };
  const B: Partial<DedupRecord> = { title: titleAt(0.95), journal: 'Thorax' };
  const weak = { outcome: 'review', rule: 'uncertain:weak-support' };

  it('supports with touching page ranges (0.5)', () => {
    expect(verdict({ ...A, pages: '487-488' }, { ...B, pages: '488-490' })).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+journal+pages',
      similarities: { pages: 0.5 },
    });
    expect(verdict({ ...A, pages: '487-489' }, { ...B, pages: '488-490' })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:pages-differs',
    });
  });

  it('supports with abstracts sharing 0.6 of their words, contradicts below 0.2', () => {
    const abstracts = (x: string, y: string) => verdict({ ...A, abstract: x }, { ...B, abstract: y });
    expect(abstracts('pleural fluid culture yield', 'pleural fluid culture drainage')).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+journal+abstract',
      similarities: { abstract: 0.6 },
    });
    expect(abstracts('pleural fluid yield', 'pleural fluid drainage')).toMatchObject({
      ...weak,
      similarities: { abstract: 0.5 },
    });
    expect(
      abstracts(
        'pleural fluid culture yield bacteria children',
        'pleural drainage surgery outcome mortality children',
      ),
    ).toMatchObject({ ...weak, similarities: { abstract: 0.2 } });
    expect(
      abstracts(
        'pleural fluid culture yield bacteria children adults',
        'pleural drainage surgery outcome mortality effusion lung',
      ),
    ).toMatchObject({ outcome: 'review', rule: 'uncertain:abstract-differs' });
  });

  it('contradicts with authors agreeing under 0.3', () => {
    expect(withAuthors(3, 10, A, B)).toMatchObject({ ...weak, similarities: { authors: 0.3 } });
    expect(withAuthors(1, 4, A, B)).toMatchObject({ outcome: 'review', rule: 'uncertain:authors-differs' });
  });

  it('contradicts with journals agreeing under 0.3, unless the first page is the same or one record is a preprint', () => {
    const eight = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta';
    const threeOfEight = 'Alpha Beta Gamma Omega Psi Chi Phi Upsilon';
    const year = { year: 2011 };
    expect(
      verdict({ ...A, ...year, journal: eight }, { ...B, ...year, journal: threeOfEight }),
    ).toMatchObject({
      ...weak,
      similarities: { journal: 0.3 },
    });
    expect(verdict({ ...A, ...year, journal: 'Thorax' }, { ...B, ...year, journal: 'Chest' })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:journal-differs',
    });
    expect(
      verdict(
        { ...A, ...year, journal: 'Thorax', pages: '518' },
        { ...B, ...year, journal: 'Chest', pages: '518' },
      ),
    ).toMatchObject({ outcome: 'duplicate', rule: 'fuzzy:title+year+pages' });
    // Two repositories name one working paper each their own way.
    const paper = { title: TITLE, authors: AUTHORS, year: 2020 };
    expect(
      verdict({ ...paper, journal: 'SSRN Electronic Journal' }, { ...paper, journal: 'Research Square' }),
    ).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+year',
    });
  });

  it('does not count a missing journal as a different one', () => {
    expect(verdict({ ...A, year: 2011 }, { ...B, year: 2011, journal: null })).toMatchObject(weak);
  });
});

describe('a year apart', () => {
  // Five title words: too few for the catalogue-entry rule, so only the year can anchor the pair.
  const FIVE = 'Pleural infection treated by fibrinolytics';
  const PAPER: Partial<DedupRecord> = {
    title: FIVE,
    authors: AUTHORS,
    year: 2019,
    journal: 'Proceedings of the European Conference on Information Systems',
  };
  const ENTRY: Partial<DedupRecord> = { title: FIVE, authors: AUTHORS, year: 2020 };
  const agrees = { outcome: 'duplicate', rule: 'fuzzy:title+authors+year' };
  const weak = { outcome: 'review', rule: 'uncertain:weak-support' };

  it('agrees for a conference paper and an entry naming no venue, either way round', () => {
    expect(verdict(PAPER, ENTRY)).toMatchObject(agrees);
    expect(verdict(ENTRY, PAPER)).toMatchObject(agrees);
  });

  it('does not agree between a working paper and a record named for a journal or a conference', () => {
    // Both are preprints (the named record carries a bioRxiv DOI), so neither is the published version.
    const working = { ...ENTRY, year: 2019, type: 'working-paper' };
    const doi = '10.1101/2019.12.01.123456';
    expect(verdict(working, { ...ENTRY, journal: 'Thorax', doi })).toMatchObject(weak);
    expect(verdict(working, { ...ENTRY, journal: PAPER.journal, doi })).toMatchObject(weak);
  });

  it('agrees for working papers, with each other or with an entry naming no venue', () => {
    const working = { ...ENTRY, journal: null, type: 'working-paper' };
    expect(verdict({ ...working, year: 2019 }, ENTRY)).toMatchObject(agrees);
    expect(verdict({ ...working, year: 2019 }, working)).toMatchObject(agrees);
  });

  it('does not agree between two journal articles, two entries without venue, or two meetings', () => {
    const article = { ...ENTRY, journal: 'Thorax' };
    expect(verdict({ ...article, year: 2019 }, article)).toMatchObject(weak);
    expect(verdict({ ...ENTRY, year: 2019 }, ENTRY)).toMatchObject(weak);
    expect(verdict(PAPER, { ...PAPER, year: 2020 })).toMatchObject(weak);
  });

  it('does not agree when the first author differs', () => {
    expect(verdict(PAPER, { ...ENTRY, authors: REORDERED })).toMatchObject(weak);
  });

  it('is no year at all when one record lacks it', () => {
    expect(verdict(PAPER, { ...ENTRY, year: null })).toMatchObject(weak);
  });
});
