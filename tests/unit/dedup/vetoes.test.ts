import { planDeduplication } from '../../../server/domain/dedup/engine';
import { featuresOf } from '../../../server/domain/dedup/features';
import { isSeriesTitle } from '../../../server/domain/dedup/series';
import { dedupRecord as rec, JMIS_EDITORIAL_34_2, JMIS_EDITORIAL_34_3, verdictOf } from '../../support/dedup';

const verdict = verdictOf;
const vetoNames = (v: ReturnType<typeof verdict>) => (v.vetoes ?? []).map((x) => x.name);

const JMIS_34_2 = JMIS_EDITORIAL_34_2;
const JMIS_34_3 = JMIS_EDITORIAL_34_3;

describe('vetoes: items of a recurring series in one venue', () => {
  it('keeps two editorials of one editor in one volume apart when their issues differ', () => {
    const v = verdict(JMIS_34_2, JMIS_34_3);
    expect(v.outcome).toBe('distinct');
    expect(vetoNames(v)).toEqual(expect.arrayContaining(['issue-differs', 'pages-disjoint']));
  });

  it('keeps them apart when only the issue tells them apart (same front-matter pages)', () => {
    const v = verdict({ ...JMIS_34_2, pages: '1-10' }, { ...JMIS_34_3, pages: '1-10' });
    expect(v.outcome).toBe('distinct');
    expect(vetoNames(v)).toContain('issue-differs');
  });

  it('keeps column titles without pages apart when their issues differ ("Editor\'s comments", MISQ 40(1) and 40(4))', () => {
    const column = {
      title: "Editor's comments",
      authors: ['Rai, A.'],
      year: 2016,
      journal: 'MIS Quarterly',
      volume: '40',
    };
    expect(verdict({ ...column, issue: '1' }, { ...column, issue: '4' }).outcome).toBe('distinct');
  });

  it('keeps two book reviews of one issue apart by their page ranges', () => {
    const review = { ...JMIS_34_2, title: 'Book review' };
    const v = verdict({ ...review, pages: '590-592' }, { ...review, pages: '593-595' });
    expect(v.outcome).toBe('distinct');
    expect(vetoNames(v)).toContain('pages-disjoint');
  });

  it('merges two index copies of one editorial that agree on issue and pages', () => {
    const v = verdict(JMIS_34_3, {
      ...JMIS_34_3,
      title: 'EDITORIAL INTRODUCTION',
      authors: ['Zwass V.'],
      journal: 'J Manage Inform Syst',
      pages: '627-9',
    });
    expect(v.outcome).toBe('duplicate');
  });

  it('merges two copies of a series item that share a DOI', () => {
    const doi = '10.1080/07421222.2017.1373000';
    expect(verdict({ ...JMIS_34_3, pages: null, doi }, { ...JMIS_34_3, issue: null, doi }).outcome).toBe(
      'duplicate',
    );
  });

  it('never merges a series item on issue agreement alone: the pages must agree too', () => {
    const v = verdict({ ...JMIS_34_3, pages: null }, JMIS_34_3);
    expect(v.outcome).not.toBe('duplicate');
    expect(vetoNames(v)).toContain('series-title');
  });

  it('keeps the introductions to two issues of one special issue apart', () => {
    const intro = {
      title: 'Introduction to the special issue',
      authors: ['Constantinides, Panos', 'Henfridsson, Ola', 'Parker, Geoffrey G.'],
      year: 2018,
      journal: 'Information Systems Research',
      volume: '29',
    };
    expect(verdict({ ...intro, issue: '2' }, { ...intro, issue: '4' }).outcome).toBe('distinct');
  });

  it.each([
    'Editorial',
    "Editor's Comments",
    'Editor’s comments: Tuum Est',
    'EDITORIAL INTRODUCTION',
    'Introduction to the Special Issue',
    'Introduction to the special issue on digital platforms',
    'Guest Editorial',
    'Guest editorial: AI and the future of work',
    'Book Review',
    'Book reviews',
    'Erratum',
    'Corrigendum',
    'Reply',
    'Response to the commentaries',
    'Preface',
    'Foreword',
    'Call for Papers',
    'In This Issue',
    'Letter to the Editor',
    'From the Editor',
    'Introduction to the Minitrack on Crowdsourcing and Digital Workforce in the Gig Economy',
  ])('recognises %p as a generic or series title', (title) => {
    expect(isSeriesTitle(featuresOf(rec({ title })).title)).toBe(true);
  });

  it.each([
    'Editorial decision making in open-access journals',
    'Introduction of electronic health records in Norway',
  ])('does not take %p for a series title', (title) => {
    expect(isSeriesTitle(featuresOf(rec({ title })).title)).toBe(false);
  });
});

describe('vetoes: different articles of one author in one venue and volume', () => {
  it('keeps entirely different titles apart even when volume, issue, pages and year agree', () => {
    const a = {
      title: 'Analysing micro-credentials in higher education: a Bernsteinian analysis',
      authors: ['Wheelahan, Leesa', 'Moodie, Gavin'],
      year: 2021,
      journal: 'Journal of Curriculum Studies',
      volume: '53',
      issue: '2',
      pages: '212-228',
    };
    const v = verdict(a, {
      ...a,
      title: "Gig qualifications for the gig economy: micro-credentials and the 'hungry mile'",
      authors: ['Wheelahan, L.', 'Moodie, G.'],
      journal: 'J. Curric. Stud.',
    });
    expect(v.outcome).toBe('distinct');
    expect(vetoNames(v)).toContain('title-differs');
  });

  it('keeps apart two e-journal articles of one team paginated from 1 in the same issue', () => {
    const a = {
      title:
        'Habitat requirements of breeding black-backed woodpeckers (Picoides arcticus) in managed, unburned boreal forest',
      authors: ['Tremblay, Junior A.', 'Ibarzabal, Jacques', 'Savard, Jean-Pierre L.'],
      year: 2009,
      journal: 'Avian Conservation and Ecology',
      volume: '4',
      issue: '1',
      pages: '1-16',
    };
    const b = {
      ...a,
      title:
        'Foraging ecology of black-backed woodpeckers (Picoides arcticus) in unburned eastern boreal forest stands',
    };
    expect(verdict(a, b).outcome).toBe('distinct');
  });

  it('keeps part one and part two of a paper apart by issue and pages', () => {
    const part = {
      authors: ['Dronneau C.'],
      year: 2007,
      journal: 'Alauda',
      volume: '75',
    };
    const v = verdict(
      {
        ...part,
        title: 'Breeding birds of a Rhine riverine forest (part one)',
        issue: '3',
        pages: '215-226',
      },
      {
        ...part,
        title: 'Breeding birds of a Rhine riverine forest (part two)',
        issue: '4',
        pages: '373-388',
      },
    );
    expect(v.outcome).toBe('distinct');
  });
});

describe('vetoes in the evidence a reviewer sees', () => {
  it('keeps near-identical records that a veto separated as a kept-apart group, with the veto and its detail', () => {
    const plan = planDeduplication(
      [rec({ ...JMIS_34_2, id: 1 }), rec({ ...JMIS_34_3, id: 2 })].map((r, i) => ({ ...r, id: i + 1 })),
    );
    expect(plan.merged).toEqual([]);
    expect(plan.keptApart).toHaveLength(1);
    const pair = plan.keptApart[0]!.evidence[0]!;
    expect(pair).toMatchObject({ a: 1, b: 2, outcome: 'distinct' });
    expect(pair.vetoes).toEqual(
      expect.arrayContaining([
        { name: 'issue-differs', detail: 'issue 2 vs 3' },
        { name: 'pages-disjoint', detail: 'pages 307-309 vs 627-629' },
      ]),
    );
  });
});
