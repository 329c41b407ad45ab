import type { DedupRecord } from '../../../server/domain/dedup/types';
import { verdictOf } from '../../support/dedup';
import { normaliseText } from '../../../server/domain/dedup/text';
import { isRepositoryDoi, venueKind } from '../../../server/domain/dedup/venue';

const verdict = verdictOf;

/** An AMCIS 2017 paper as the AIS eLibrary lists it (bib-dedupe special_cases id_0000001). */
const DENG: Partial<DedupRecord> = {
  type: 'inproceedings',
  title:
    'How Consumers Perceive Trustworthiness of Providers in Sharing Economy - Effects of Photos and Comments on Demand at Airbnb',
  authors: ['Deng, Chaoqun', 'Ravichandran, Thiagarajan'],
  year: 2017,
  journal: 'Americas Conference on Information Systems',
};

/** An Electronic Markets article (ouci.dntb.gov.ua/works/l1AKZG3l). */
const LEXICON: Partial<DedupRecord> = {
  type: 'journal-article',
  title: 'Systematizing the lexicon of platforms in information systems: a data-driven study',
  authors: ['Christian Bartelheimer', 'Philipp zur Heiden', 'Hedda Lüttenberg', 'Daniel Beverungen'],
  year: 2022,
  journal: 'Electronic Markets',
  issue: '1',
  pages: '375-396',
  doi: '10.1007/s12525-022-00530-6',
};

describe('matching that survives how indexes write things', () => {
  it.each([
    [
      '": "',
      'How consumers perceive trustworthiness of providers in sharing economy: effects of photos and comments on demand at Airbnb',
    ],
    [
      '" — "',
      'How consumers perceive trustworthiness of providers in sharing economy — effects of photos and comments on demand at Airbnb',
    ],
    [
      '" – "',
      'How Consumers Perceive Trustworthiness of Providers in Sharing Economy – Effects of Photos and Comments on Demand at Airbnb',
    ],
    [
      '". "',
      'How Consumers Perceive Trustworthiness of Providers in Sharing Economy. Effects of Photos and Comments on Demand at Airbnb',
    ],
  ])(
    'treats a %s subtitle separator as the conference record\'s " - " (another index, other venue name)',
    (_sep, title) => {
      const v = verdict(DENG, {
        ...DENG,
        title,
        authors: ['Deng, C', 'Ravichandran, T'],
        journal: 'AMCIS 2017 PROCEEDINGS',
      });
      expect(v.outcome).toBe('duplicate');
    },
  );

  it('merges a title cut off at its subtitle when authors and year agree', () => {
    const v = verdict(LEXICON, {
      ...LEXICON,
      title: 'Systematizing the lexicon of platforms in information systems',
      authors: ['Bartelheimer C.', 'zur Heiden P.', 'Lüttenberg H.', 'Beverungen D.'],
      doi: null,
      pages: null,
      issue: null,
    });
    expect(v.outcome).toBe('duplicate');
  });

  it('does not merge a title cut at its subtitle when the authors differ', () => {
    const v = verdict(LEXICON, {
      ...LEXICON,
      title: 'Systematizing the lexicon of platforms in information systems',
      authors: ['Other, A.', 'Someone, B.'],
      doi: null,
      pages: null,
    });
    expect(v.outcome).not.toBe('duplicate');
  });

  it('does not take two different subtitles under one main title for a cut title', () => {
    const v = verdict(
      { ...LEXICON, doi: null, pages: null },
      {
        ...LEXICON,
        title: 'Systematizing the lexicon of platforms in information systems: a research agenda',
        doi: null,
        pages: null,
      },
    );
    expect(v.outcome).not.toBe('duplicate');
  });

  it('merges authors written with given and family swapped and initials ("Chaoqun, D." for "Deng, Chaoqun")', () => {
    const v = verdict(DENG, {
      ...DENG,
      authors: ['Chaoqun, D.', 'Thiagarajan, R.'],
      journal: 'AMCIS 2017 Proceedings',
    });
    expect(v.outcome).toBe('duplicate');
  });

  it('merges authors in East Asian order (family first, no comma)', () => {
    const sun = {
      title:
        'Revisiting the Impact of System Use on Task Performance: An Exploitative-Explorative System Use Framework',
      year: 2019,
      journal: 'Journal of the Association for Information Systems',
      volume: '20',
      issue: '4',
    };
    const v = verdict(
      { ...sun, authors: ['Heshan Sun', 'Ryan Wright', 'Jason Thatcher'] },
      { ...sun, authors: ['SUN Heshan', 'WRIGHT Ryan', 'THATCHER Jason'], journal: 'J. Assoc. Inf. Syst.' },
    );
    expect(v.outcome).toBe('duplicate');
  });

  it('merges a conference paper with its index entry a year later that names no venue', () => {
    const v = verdict(DENG, {
      title: DENG.title!.replace(' - ', ' — '),
      authors: ['C Deng', 'T Ravichandran'],
      year: 2018,
    });
    expect(v.outcome).toBe('duplicate');
  });

  it('does not stretch the year for two journal records a year apart with nothing else in common', () => {
    const v = verdict(
      { ...LEXICON, doi: null, pages: null, issue: null },
      { ...LEXICON, doi: null, pages: null, issue: null, year: 2023, journal: null },
    );
    expect(v.outcome).not.toBe('duplicate');
  });

  it('does not let a repository DOI (SSRN) veto the same working paper listed without a DOI', () => {
    const paper = {
      title:
        'Revisiting the Impact of System Use on Task Performance: An Exploitative-Explorative System Use Framework',
      authors: ['Sun, Heshan', 'Wright, Ryan T.', 'Thatcher, Jason Bennett'],
      year: 2018,
    };
    const v = verdict(
      { ...paper, journal: 'SSRN Electronic Journal', doi: '10.2139/ssrn.0000001' },
      { ...paper, authors: ['Sun, H.', 'Wright, R.T.', 'Thatcher, J.B.'] },
    );
    expect(v.outcome).toBe('duplicate');
  });

  it('keeps a repository version and the journal version (journal DOI) as related reports', () => {
    const paper = {
      title:
        'A Knowledge Development Perspective on Literature Reviews: Validation of a new Typology in the IS Field',
      authors: ['Schryen, Guido'],
      year: 2020,
    };
    const v = verdict(
      { ...paper, journal: 'SSRN Working Paper Series', doi: '10.2139/ssrn.0000002' },
      {
        ...paper,
        journal: 'Communications of the Association for Information Systems',
        volume: '46',
        doi: '10.17705/1cais.04607',
      },
    );
    expect(v.outcome).toBe('related');
  });

  it.each([
    ['10.2139/ssrn.3456789', true],
    ['10.48550/arxiv.2101.00001', true],
    ['10.21203/rs.3.rs-123456/v1', true],
    ['10.5281/zenodo.1234567', true],
    ['10.31219/osf.io/abcde', true],
    ['10.31234/osf.io/abcde', true],
    ['10.31235/osf.io/abcde', true],
    ['10.35542/osf.io/zrdsv', true],
    ['10.1101/2020.05.01.20087353', true],
    ['10.1101/123456', true],
    ['10.20944/preprints202001.0001.v1', true],
    ['10.36227/techrxiv.12345678', true],
    ['10.26434/chemrxiv.12345678', true],
    ['10.31223/x5abcd', true],
    ['10.22541/au.123456789.12345678', true],
    ['10.1590/scielopreprints.1234', true],
    ['10.1101/gr.123456.111', false],
    ['10.1007/s12525-022-00530-6', false],
  ])('knows whether %s is a repository DOI', (doi, expected) => {
    expect(isRepositoryDoi(doi)).toBe(expected);
  });
});

describe('looseness that stays within one record', () => {
  it("does not merge a research-in-progress paper with next year's full paper of the same title (two named meetings)", () => {
    const v = verdict(
      { ...DENG, journal: 'AMCIS 2017 Proceedings' },
      { ...DENG, authors: ['Deng, C.', 'Ravichandran, T.'], year: 2018, journal: 'AMCIS 2018 Proceedings' },
    );
    expect(v.outcome).not.toBe('duplicate');
  });

  it('keeps a conference paper and its journal version apart (venue kinds differ)', () => {
    const v = verdict(
      {
        type: 'inproceedings',
        title: 'Leftover Hashing against quantum side information',
        authors: ['Tomamichel, Marco', 'Renner, Renato', 'Schaffner, Christian', 'Smith, Adam'],
        year: 2010,
        journal: 'Proc. IEEE ISIT 2010',
        pages: '2703-2707',
      },
      {
        type: 'journal-article',
        title: 'Leftover Hashing Against Quantum Side Information',
        authors: ['Tomamichel, Marco', 'Schaffner, Christian', 'Smith, Adam', 'Renner, Renato'],
        year: 2011,
        journal: 'IEEE Transactions on Information Theory',
        volume: '57',
        pages: '5524-5535',
      },
    );
    expect(v.outcome).toBe('distinct');
    expect(v.vetoes?.map((x) => x.name)).toContain('venue-kind-differs');
  });

  it('takes "Journal.Conference: meeting" for the journal\'s own supplement, not another venue', () => {
    const abstract = {
      title:
        'Meningococcal polysaccharide vaccine fails to protect a renal transplant recipient on eculizumab',
      authors: ['Bouts, A. H.', 'Struijk, G. H.'],
      year: 2011,
      volume: '15',
      pages: '110',
    };
    const v = verdict(
      { ...abstract, journal: 'Pediatric Transplantation' },
      { ...abstract, journal: 'Pediatric Transplantation.Conference: 6th Congress of the IPTA' },
    );
    expect(v.outcome).toBe('duplicate');
  });

  it('keeps apart titles that differ by a substituted word ("… evidence from China" / "… from India")', () => {
    const paper = {
      authors: ['Li, Wei', 'Kumar, Anil'],
      year: 2020,
      journal: 'Information Systems Journal',
      volume: '30',
    };
    const v = verdict(
      { ...paper, title: 'Mobile payment adoption among small retailers: evidence from China', issue: '2' },
      { ...paper, title: 'Mobile payment adoption among small retailers: evidence from India' },
    );
    expect(v.outcome).not.toBe('duplicate');
    expect(v.vetoes).toEqual([{ name: 'title-words-differ', detail: '“china” vs “india”' }]);
  });

  it('still merges titles that differ by a typo, a spelling variant or a split word', () => {
    const paper = {
      authors: ['Wilbur, D. C.'],
      year: 1997,
      journal: 'Cancer Cytopathology',
      volume: '81',
      pages: '272-285',
    };
    expect(
      verdict(
        { ...paper, title: 'Organisational behaviour and the use of cancer registries: a usemodel' },
        {
          ...paper,
          title: 'Organizational behavior and the use of canecr registries: a use model',
          pages: null,
        },
      ).outcome,
    ).toBe('duplicate');
  });

  it('merges one article whose export put a record number in the issue field (same page range)', () => {
    const paper = {
      title:
        'Perioperative nutritional support in patients undergoing hepatectomy for hepatocellular carcinoma',
      authors: ['Ziegler, T. R.'],
      year: 1996,
      journal: 'JPEN Journal of Parenteral and Enteral Nutrition',
      volume: '20',
      pages: '91-92',
    };
    expect(verdict({ ...paper, issue: '36' }, { ...paper, issue: '35' }).outcome).toBe('duplicate');
  });

  it('reads coordinates shifted one field along (no volume, volume as issue, issue as page)', () => {
    const abstract = {
      title: 'The treatment of atypical HUS',
      authors: ['Loirat, C.'],
      year: 2011,
      journal: 'Pediatric Nephrology.Conference: 44th Annual Scientific Meeting of the ESPN',
    };
    const v = verdict(
      { ...abstract, issue: '26', pages: '9' },
      { ...abstract, volume: '26', issue: '9', pages: '1746' },
    );
    expect(v.outcome).toBe('duplicate');
  });

  it('keeps a technical-report listing and the conference paper as related reports', () => {
    const v = verdict(
      {
        title: 'Interactive information complexity',
        authors: ['Braverman, Mark'],
        year: 2011,
        journal: 'Electronic Colloquium on Computational Complexity',
        issue: '123',
      },
      {
        title: 'Interactive Information Complexity',
        authors: ['Braverman, Mark'],
        year: 2012,
        journal: 'Proc. ACM STOC 2012',
        pages: '505-524',
      },
    );
    expect(v.outcome).toBe('related');
  });

  it('does not take a later version with another author order for a listing a year apart', () => {
    const v = verdict(
      {
        title: 'Position-Based Quantum Cryptography',
        authors: ['Chandran, Nishanth', 'Fehr, Serge', 'Gelles, Ran'],
        year: 2010,
      },
      {
        type: 'inproceedings',
        title: 'Position-Based Quantum Cryptography: Impossibility and Constructions',
        authors: ['Buhrman, Harry', 'Chandran, Nishanth', 'Fehr, Serge', 'Gelles, Ran'],
        year: 2011,
        journal: 'Proc. CRYPTO 2011',
      },
    );
    expect(v.outcome).not.toBe('duplicate');
  });

  it('merges a catalogue entry without year or venue that has the same long title and author order', () => {
    const v = verdict(
      {
        title: 'A strategic reset: micro-credentials for higher education leaders',
        authors: ['McGreal, Rory', 'Olcott, Don'],
        year: 2022,
        journal: 'Smart Learning Environments',
        volume: '9',
      },
      {
        title: 'A strategic reset: micro-credentials for higher education leaders',
        authors: ['McGreal, Rory', 'Olcott, Don, Jr.'],
        doi: '10.1186/s40561-022-00190-1',
      },
    );
    expect(v.outcome).toBe('duplicate');
  });
});

describe('venueKind()', () => {
  it.each([
    ['Proceedings of the National Academy of Sciences of the United States of America', 'journal'],
    ['Proceedings of the IEEE', 'journal'],
    ['AMCIS 2017 Proceedings', 'conference'],
    ['Proceedings of the Annual Hawaii International Conference on System Sciences', 'conference'],
    ['Proc. CRYPTO 2012', 'conference'],
    ['Lecture Notes in Business Information Processing', 'conference'],
    [
      'Lecture Notes in Computer Science (including subseries Lecture Notes in Artificial Intelligence)',
      'conference',
    ],
    ['SSRN Electronic Journal', 'repository'],
    ['EdArXiv (OSF Preprints)', 'repository'],
    ['MIS Quarterly', 'journal'],
  ])('takes %p for a %s', (journal, kind) => {
    expect(venueKind(normaliseText(journal), null, '')).toBe(kind);
  });
});
