import type { DedupRecord } from '../../../server/domain/dedup/types';
import { verdictOf } from '../../support/dedup';

const ARTICLE: Partial<DedupRecord> = {
  title: 'Intrapleural tissue plasminogen activator and DNase in pleural infection',
  authors: ['Rahman, Najib M.', 'Maskell, Nick A.', 'West, Alex'],
  year: 2011,
  journal: 'New England Journal of Medicine',
  volume: '365',
  issue: '6',
  pages: '518-526',
};

const verdict = verdictOf;

describe('classifyPair(): exact keys', () => {
  it('merges two records with the same DOI', () => {
    const v = verdict(
      { ...ARTICLE, doi: '10.1056/nejmoa1012740' },
      { ...ARTICLE, title: ARTICLE.title!.toUpperCase(), doi: '10.1056/nejmoa1012740' },
    );
    expect(v).toMatchObject({ outcome: 'duplicate', rule: 'same-doi' });
    expect(v.similarities.doi).toBe(1);
  });

  it('merges two records with the same PMID', () => {
    expect(
      verdict({ ...ARTICLE, pmid: '21830966' }, { ...ARTICLE, journal: 'N Engl J Med', pmid: '21830966' }),
    ).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-pmid',
    });
  });

  it('sends the same DOI with unrelated titles to a reviewer instead of merging', () => {
    const v = verdict(
      { ...ARTICLE, doi: '10.1000/book' },
      { title: 'A different chapter about asthma in children', doi: '10.1000/book' },
    );
    expect(v.outcome).toBe('review');
  });
});

describe('classifyPair(): vetoes', () => {
  it('never merges two different DOIs (a reviewer may look when all else agrees)', () => {
    const v = verdict(
      { ...ARTICLE, doi: '10.1056/nejmoa1012740' },
      { ...ARTICLE, doi: '10.1056/nejmoa9999999' },
    );
    expect(v.outcome).toBe('review');
    expect(v.rule).toBe('veto:different-doi');
    const far = verdict({ ...ARTICLE, doi: '10.1/a' }, { ...ARTICLE, year: 2012, doi: '10.1/b' });
    expect(far).toMatchObject({ outcome: 'distinct', rule: 'veto:different-doi' });
  });

  it.each([
    [
      'Erratum: Intrapleural tissue plasminogen activator and DNase in pleural infection',
      'veto:erratum-vs-article',
    ],
    [
      'Correction to: Intrapleural tissue plasminogen activator and DNase in pleural infection',
      'veto:erratum-vs-article',
    ],
    [
      'Intrapleural tissue plasminogen activator and DNase in pleural infection (vol 365, pg 518, 2011)',
      'veto:erratum-vs-article',
    ],
    [
      'Retraction: Intrapleural tissue plasminogen activator and DNase in pleural infection',
      'veto:retraction-vs-article',
    ],
    [
      'Comment on: Intrapleural tissue plasminogen activator and DNase in pleural infection',
      'veto:comment-vs-article',
    ],
    [
      'Intrapleural tissue plasminogen activator and DNase in pleural infection - Reply',
      'veto:reply-vs-article',
    ],
  ])('keeps %p apart from the article', (title, rule) => {
    const v = verdict(ARTICLE, { ...ARTICLE, title, pages: '1234' });
    expect(v).toMatchObject({ outcome: 'distinct', rule });
  });

  it('does not mistake MEDLINE\'s "[Erratum appears in …]" note for an erratum', () => {
    const v = verdict(ARTICLE, {
      ...ARTICLE,
      title: `${ARTICLE.title}.[Erratum appears in N Engl J Med. 2011 Aug 25;365(8):776]`,
    });
    expect(v.outcome).toBe('duplicate');
  });

  it('links a preprint and its published version as related reports, never merged', () => {
    const v = verdict(
      {
        ...ARTICLE,
        journal: 'medRxiv',
        doi: '10.1101/2020.05.01.20087353',
        volume: null,
        issue: null,
        pages: null,
      },
      { ...ARTICLE, doi: '10.1056/nejmoa1012740' },
    );
    expect(v).toMatchObject({ outcome: 'related', rule: 'related:preprint-vs-published' });
  });

  it('keeps part 1 and part 2 of a series apart', () => {
    const v = verdict(
      { ...ARTICLE, title: 'Pleural infection: part 1. Diagnosis', pages: null },
      { ...ARTICLE, title: 'Pleural infection: part 2. Diagnosis', pages: null },
    );
    expect(v.outcome).toBe('distinct');
  });

  it('does not merge the same title two years apart automatically', () => {
    expect(verdict(ARTICLE, { ...ARTICLE, year: 2014 }).outcome).not.toBe('duplicate');
  });
});

describe('classifyPair(): fuzzy evidence', () => {
  it('merges case, punctuation, accent and abbreviation variants of one article', () => {
    const v = verdict(ARTICLE, {
      title: 'Intrapleural tissue plasminogen activator and DNase in pleural infection.',
      authors: ['Rahman NM', 'Maskell NA', 'West A'],
      year: 2011,
      journal: 'N Engl J Med',
      volume: '365',
      pages: '518-26',
    });
    expect(v.outcome).toBe('duplicate');
    expect(v.score).toBeGreaterThan(0.9);
  });

  it('merges a record whose title lost its language tag and brackets', () => {
    const v = verdict(
      { ...ARTICLE, title: 'Rehabilitation after stroke in rural areas. [Chinese]' },
      { ...ARTICLE, title: '[Rehabilitation after stroke in rural areas]' },
    );
    expect(v.outcome).toBe('duplicate');
  });

  it('merges a translated title when journal, volume, page range, year and authors agree', () => {
    const v = verdict(
      {
        ...ARTICLE,
        title: 'Antibiotic prophylaxis in pulmonary surgery: amoxicillin versus cefamandole',
        journal: 'Ann Fr Anesth Reanim',
      },
      {
        ...ARTICLE,
        title: '[Comparison of amoxicillin and cefamandole in bronchopulmonary infections]',
        journal: 'Annales Francaises d Anesthesie et de Reanimation',
      },
    );
    expect(v).toMatchObject({ outcome: 'duplicate', rule: 'coordinates:journal+volume+page+year' });
  });

  it('does not merge two conference abstracts that share a single page', () => {
    const v = verdict(
      { ...ARTICLE, title: 'Talc pleurodesis induces hypoxaemia', pages: 'B11' },
      { ...ARTICLE, title: 'Characteristics of 300 patients in the empyema trial', pages: 'B11' },
    );
    expect(v.outcome).toBe('distinct');
  });

  it('merges the one-page abstract of an article printed in the same volume', () => {
    const v = verdict(ARTICLE, { ...ARTICLE, issue: 'Suppl 1', pages: '1875' });
    expect(v).toMatchObject({ outcome: 'duplicate', rule: 'fuzzy:title+authors+journal+volume+year' });
  });

  it('keeps apart a one-page item when the article notes an erratum, or the author list changed', () => {
    const noted = {
      ...ARTICLE,
      title: `${ARTICLE.title}.[Erratum appears in N Engl J Med. 2011;365(9):2205]`,
    };
    expect(verdict(noted, { ...ARTICLE, issue: '9', pages: '2205' }).outcome).toBe('review');
    const renamed = {
      ...ARTICLE,
      authors: ['Alonso, Najib', 'Maskell, Nick A.', 'West, Alex'],
      issue: '9',
      pages: '2205',
    };
    expect(verdict(ARTICLE, renamed).outcome).not.toBe('duplicate');
  });

  it('sends an identical title with two different page ranges to review rather than merging', () => {
    const v = verdict({ ...ARTICLE, volume: null }, { ...ARTICLE, volume: null, pages: '2205-2210' });
    expect(v.outcome).toBe('review');
  });

  it('merges versions of one Cochrane review (same CD number)', () => {
    const review = {
      ...ARTICLE,
      journal: 'Cochrane Database of Systematic Reviews',
      volume: null,
      pages: 'CD006828',
    };
    expect(verdict({ ...review, year: 2008 }, { ...review, year: 2012 })).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-cochrane-review',
    });
    expect(
      verdict(
        { ...review, doi: '10.1002/14651858.cd002273.pub2' },
        { ...review, doi: '10.1002/14651858.cd002273.pub3', year: 2012 },
      ),
    ).toMatchObject({ outcome: 'duplicate', rule: 'same-doi-family' });
  });

  it('never merges two "Editorial"s of one editor in one volume on the title alone', () => {
    const editorial = { ...ARTICLE, title: 'Editorial', pages: '1-2' };
    expect(verdict(editorial, { ...editorial, pages: '301-302' }).outcome).not.toBe('duplicate');
    expect(verdict(editorial, { ...editorial, pages: null, volume: null }).outcome).not.toBe('duplicate');
  });

  it('merges a short title only with agreeing authors, year and volume or pages', () => {
    const short = { ...ARTICLE, title: 'Empyema thoracis', pages: null };
    expect(verdict(short, { ...short, journal: 'N Engl J Med' }).outcome).toBe('duplicate');
    expect(
      verdict({ ...short, volume: null }, { ...short, volume: null, authors: ['Other, A.'] }).outcome,
    ).not.toBe('duplicate');
  });

  it('keeps records with different titles and nothing else apart', () => {
    expect(
      verdict(ARTICLE, {
        ...ARTICLE,
        title: 'Video-assisted thoracoscopic surgery for empyema',
        pages: '100-110',
      }).outcome,
    ).toBe('distinct');
  });
});
