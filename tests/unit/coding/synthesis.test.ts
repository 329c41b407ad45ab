import {
  buildReport,
  crossTabCsv,
  evidenceCsv,
  frequenciesCsv,
  reportMarkdown,
} from '../../../server/domain/coding/report';
import { dualCodingTables } from '../../../server/domain/coding/dual-coding';
import {
  coOccurrence,
  codeFrequencies,
  crossTab,
  evidenceTable,
  type SynthesisInput,
} from '../../../server/domain/coding/synthesis';

// Four studies coded against two themes; every number below was counted by hand from this table.
//   s1 (2020, UK):          A.x by alice "ex1" p3, B.z by alice "ex2"
//   s2 (2021, UK+Germany):  A.y by alice "ex3", A.x by bob "ex4"
//   s3 (2020, no country):  B (the theme itself) by alice, no excerpt
//   s4 (no year, Germany):  not coded
const input: SynthesisInput = {
  codes: [
    { id: 1, code: 'A', label: 'Theme A', parentId: null },
    { id: 2, code: 'A.x', label: 'Sub x', parentId: 1 },
    { id: 3, code: 'A.y', label: 'Sub y', parentId: 1 },
    { id: 4, code: 'B', label: 'Theme B', parentId: null },
    { id: 5, code: 'B.z', label: 'Sub z', parentId: 4 },
  ],
  studies: [
    { id: 11, label: 'Smith 2020', year: 2020, characteristics: { country: ['United Kingdom'] } },
    { id: 12, label: 'Jones 2021', year: 2021, characteristics: { country: ['United Kingdom', 'Germany'] } },
    { id: 13, label: 'Lee 2020', year: 2020, characteristics: {} },
    { id: 14, label: 'Kaur', year: null, characteristics: { country: ['Germany'] } },
  ],
  applications: [
    { studyId: 11, codeId: 2, coder: 'alice', excerpt: 'ex1', page: '3' },
    { studyId: 11, codeId: 5, coder: 'alice', excerpt: 'ex2', page: null },
    { studyId: 12, codeId: 3, coder: 'alice', excerpt: 'ex3', page: null },
    { studyId: 12, codeId: 2, coder: 'bob', excerpt: 'ex4', page: '7' },
    { studyId: 13, codeId: 4, coder: 'alice', excerpt: '', page: null },
  ],
  summaries: { 1: 'Learners want A.' },
};

describe('theme synthesis', () => {
  it('codeFrequencies() counts distinct studies per code, themes including their sub-codes', () => {
    const rows = codeFrequencies(input).map((r) => [
      r.code,
      r.studies,
      r.direct,
      r.excerpts,
      r.share,
      r.depth,
      r.parent,
    ]);
    expect(rows).toEqual([
      ['A', 2, 0, 3, 0.5, 0, null],
      ['A.x', 2, 2, 2, 0.5, 1, 'A'],
      ['A.y', 1, 1, 1, 0.25, 1, 'A'],
      ['B', 2, 1, 1, 0.5, 0, null],
      ['B.z', 1, 1, 1, 0.25, 1, 'B'],
    ]);
  });

  it('crossTab() by year puts studies without a year under "not reported"', () => {
    const t = crossTab(input, 'year', [1, 4]);
    expect(t.values).toEqual(['2020', '2021', 'not reported']);
    expect(t.rows).toEqual([
      { code: 'A', label: 'Theme A', counts: [1, 1, 0] },
      { code: 'B', label: 'Theme B', counts: [2, 0, 0] },
    ]);
  });

  it('crossTab() by a multiple-choice field counts a multi-country study under each country', () => {
    const t = crossTab(input, 'country', [1, 4]);
    expect(t.values).toEqual(['Germany', 'United Kingdom', 'not reported']);
    expect(t.rows.map((r) => r.counts)).toEqual([
      [1, 2, 0],
      [0, 1, 1],
    ]);
  });

  it('coOccurrence() counts studies carrying both themes, the diagonal being each theme alone', () => {
    expect(coOccurrence(input, [1, 4])).toEqual({
      codes: ['A', 'B'],
      matrix: [
        [2, 1],
        [1, 2],
      ],
    });
  });

  it('evidenceTable() lists the excerpts under a theme and its sub-codes, ordered by study', () => {
    expect(evidenceTable(input, 1).map((e) => [e.study, e.code, e.excerpt, e.page, e.coder])).toEqual([
      ['Jones 2021', 'A.x', 'ex4', '7', 'bob'],
      ['Jones 2021', 'A.y', 'ex3', null, 'alice'],
      ['Smith 2020', 'A.x', 'ex1', '3', 'alice'],
    ]);
  });

  it('dualCodingTables() compares two coders on the studies both finished', () => {
    // alice finished s1, s2 and s3, bob only s2: the base is s2 alone.
    const finished = [11, 12, 13].map((studyId) => ({ coder: 'alice', studyId }));
    const tables = dualCodingTables(input.codes, input.applications, [
      ...finished,
      { coder: 'bob', studyId: 12 },
    ]);
    const ax = tables.find((t) => t.code === 'A.x')!;
    const ay = tables.find((t) => t.code === 'A.y')!;
    const bz = tables.find((t) => t.code === 'B.z')!;
    expect(ax).toMatchObject({
      coders: ['alice', 'bob'],
      studies: 1,
      both: 0,
      onlyFirst: 0,
      onlySecond: 1,
      neither: 0,
      observedAgreement: 0,
    });
    expect(ay).toMatchObject({ onlyFirst: 1, onlySecond: 0, observedAgreement: 0 });
    expect(bz).toMatchObject({ neither: 1, observedAgreement: 1, kappa: null });
  });

  it('buildReport() gathers frequencies, theme cross-tabs, co-occurrence and evidence with summaries', () => {
    const report = buildReport(input);
    expect(report.studies).toBe(4);
    expect(report.crossTabs.map((t) => t.characteristic)).toEqual(['year', 'country', 'design']);
    expect(report.crossTabs[2]!.values).toEqual(['not reported']);
    expect(report.themes.map((t) => [t.code, t.studies, t.summary, t.evidence.length])).toEqual([
      ['A', 2, 'Learners want A.', 3],
      ['B', 2, '', 2],
    ]);
  });

  it('exports CSV that spreadsheets cannot run as formulas, and Markdown with escaped cells', () => {
    const hostile: SynthesisInput = {
      ...input,
      applications: [
        { studyId: 11, codeId: 2, coder: 'alice', excerpt: '=HYPERLINK("x") | pipe', page: null },
      ],
    };
    const report = buildReport(hostile);
    expect(evidenceCsv(report)).toContain(`"'=HYPERLINK(""x"") | pipe"`);
    expect(frequenciesCsv(report).split('\r\n')[1]).toBe('A,Theme A,,0,1,0,1,0.2500');
    expect(crossTabCsv(report.crossTabs[0]!).split('\r\n')[0]).toBe('code,label,2020,2021,not reported');
    const md = reportMarkdown(report, 'Demo');
    expect(md).toContain('=HYPERLINK("x") \\| pipe');
    expect(md).toContain('## Theme B (0 studies)');
  });

  // Every character a spreadsheet reads as the start of a formula (OWASP's CSV injection list), not only '='.
  it.each([
    ['=1+1', "'=1+1"],
    ['+1 more', "'+1 more"], // a bare number ("+1") is left as it is: see tests/unit/csv/write.test.ts
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab first', "'\tTab first"],
    ['\rCR first', `"'\rCR first"`],
    ['a = b, harmless', '"a = b, harmless"'],
  ])('the evidence CSV defuses an excerpt starting %j as %j', (excerpt, cell) => {
    const report = buildReport({
      ...input,
      applications: [{ studyId: 11, codeId: 2, coder: 'alice', excerpt, page: null }],
    });
    expect(report.themes.flatMap((t) => t.evidence)).toHaveLength(1);
    expect(evidenceCsv(report)).toContain(`,${cell},,alice,\r\n`);
  });

  it('says an illustrative excerpt is no quotation in the evidence, its CSV (illustrative=yes) and the Markdown', () => {
    const report = buildReport({
      ...input,
      applications: [
        {
          studyId: 11,
          codeId: 2,
          coder: 'alice',
          excerpt: 'Made up for the demo',
          page: null,
          illustrative: true,
        },
        { studyId: 12, codeId: 2, coder: 'alice', excerpt: 'The authors’ words', page: '4' },
      ],
    });
    const evidence = report.themes.flatMap((t) => t.evidence);
    expect(evidence.map((e) => [e.excerpt, e.illustrative])).toEqual([
      ['The authors’ words', false],
      ['Made up for the demo', true],
    ]);
    const csv = evidenceCsv(report).split('\r\n');
    expect(csv[0]).toBe('theme,code,study,study_id,excerpt,page,coder,illustrative');
    expect(csv).toContain('A,A.x,Smith 2020,11,Made up for the demo,,alice,yes');
    expect(csv).toContain('A,A.x,Jones 2021,12,The authors’ words,4,alice,');
    const md = reportMarkdown(report, 'Demo');
    expect(md).toContain('| Made up for the demo _(Illustrative example, not a quotation)_ |');
    expect(md).not.toContain('The authors’ words _(');
  });
});
