import { appraisalCsv } from '../../../server/domain/appraisal/csv';
import { renderAppraisalSvg } from '../../../server/domain/appraisal/plot-svg';
import { buildSummary } from '../../../server/domain/appraisal/summary';
import type { OverallRule } from '../../../server/domain/appraisal/tool';
import { smallTool } from './fixtures';

const RULE: OverallRule = { kind: 'count', answer: 'yes' };
const tool = smallTool(RULE);

/** Four studies: two qualitative (one meets all criteria), one quantitative, one not appraised yet. */
function summary(notice: string | null = null) {
  return buildSummary({
    tool,
    notice,
    appraisersRequired: 2,
    studies: [
      {
        id: 11,
        label: 'Oliver 2021',
        design: 'qual',
        answers: { S1: 'yes', Q1: 'yes', Q2: 'yes', Q3: 'na' },
      },
      {
        id: 12,
        label: '=HYPERLINK("x") 2020',
        design: 'qual',
        answers: { S1: 'yes', Q1: 'no', Q2: 'cant_tell' },
      },
      // N9 is no criterion of this design (left from an earlier design): it is not counted
      {
        id: 13,
        label: 'Ahsan 2023',
        design: 'quant',
        answers: { S1: 'no', N1: 'yes', N2: 'yes', Q1: 'yes' },
      },
      { id: 14, label: 'Kato <2022>', design: null, answers: {} },
    ],
    finished: [],
  });
}

describe('the appraisal summary', () => {
  it('one row per study: its design, the answers of that design, the overall judgement', () => {
    const s = summary();
    expect(s.studies).toEqual([
      {
        study: 11,
        label: 'Oliver 2021',
        design: 'qual',
        answers: { S1: 'yes', Q1: 'yes', Q2: 'yes', Q3: 'na' },
        overall: '2/2 Yes',
        meetsAll: true,
        complete: true,
      },
      {
        study: 12,
        label: '=HYPERLINK("x") 2020',
        design: 'qual',
        answers: { S1: 'yes', Q1: 'no', Q2: 'cant_tell' },
        overall: null,
        meetsAll: false,
        complete: false,
      },
      {
        study: 13,
        label: 'Ahsan 2023',
        design: 'quant',
        answers: { S1: 'no', N1: 'yes', N2: 'yes' },
        overall: '2/2 Yes',
        meetsAll: false,
        complete: true,
      },
      {
        study: 14,
        label: 'Kato <2022>',
        design: null,
        answers: {},
        overall: null,
        meetsAll: false,
        complete: false,
      },
    ]);
    expect(s.tool).toBe('small');
    expect(s.agreement).toEqual({ criteria: [] });
  });

  it('per criterion, the studies per answer among the studies appraised on it (every study weighs the same)', () => {
    const byCriterion = Object.fromEntries(
      summary().distribution.map((d) => [d.criterion, [d.studies, d.counts]]),
    );
    const zero = { yes: 0, no: 0, cant_tell: 0, na: 0, not_answered: 0 };
    // S1 over the three studies with a design; Q1..Q3 over the two qualitative; N1, N2 over the one quantitative
    expect(byCriterion).toEqual({
      S1: [3, { ...zero, yes: 2, no: 1 }],
      Q1: [2, { ...zero, yes: 1, no: 1 }],
      Q2: [2, { ...zero, yes: 1, cant_tell: 1 }],
      Q3: [2, { ...zero, na: 1, not_answered: 1 }],
      N1: [1, { ...zero, yes: 1 }],
      N2: [1, { ...zero, yes: 1 }],
    });
  });

  it('the CSV has a row per study and a column per criterion, formula-safe, with the notice on every row', () => {
    const lines = appraisalCsv(summary('Made for the demo'), tool).split('\r\n');
    expect(lines[0]).toBe(
      'study,label,design,S1,Q1,Q2,Q3,N1,N2,overall,meets_all_criteria,complete,tool,notice',
    );
    expect(lines[1]).toBe('11,Oliver 2021,qual,yes,yes,yes,na,,,2/2 Yes,yes,yes,small,Made for the demo');
    // a label a spreadsheet would run as a formula is defused, and quoted for its quotes
    expect(lines[2]).toBe(
      `12,"'=HYPERLINK(""x"") 2020",qual,yes,no,cant_tell,,,,,no,no,small,Made for the demo`,
    );
    expect(lines[3]).toBe('13,Ahsan 2023,quant,no,,,,yes,yes,2/2 Yes,no,yes,small,Made for the demo');
    expect(lines[4]).toBe('14,Kato <2022>,,,,,,,,,no,no,small,Made for the demo');
    expect(lines).toHaveLength(6);
  });
});

describe('the traffic-light plot', () => {
  it('draws each answer as a coloured circle with its symbol, per design, with a key; the same input gives the same bytes', () => {
    const svg = renderAppraisalSvg(summary('Illustration made for the demo'), tool, 'traffic-light');
    expect(svg).toBe(renderAppraisalSvg(summary('Illustration made for the demo'), tool, 'traffic-light'));
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+(\.\d+)?" height="\d+(\.\d+)?"/,
    );
    expect(svg).toContain('>Qualitative (2 studies)</text>');
    expect(svg).toContain('>Quantitative (1 study)</text>');
    expect(svg).toContain('1 study has no design yet and is not shown.');
    // green "+" for yes, red "×" for no, blue "?" for can't tell, grey "·" for not applicable, open circles unanswered
    const symbols = [
      ...svg.matchAll(/fill="(#[0-9A-F]{6})" stroke="#555555" stroke-width="0.5"\/><text[^>]*>(.)<\/text>/g),
    ].map((m) => `${m[1]}${m[2]}`);
    expect(new Set(symbols)).toEqual(new Set(['#02C100+', '#BF0000×', '#4EA1F7?', '#CCCCCC·']));
    expect(svg).toContain('>Overall</text>');
    expect(svg).toContain('>2/2 Yes</text>');
    expect(svg).toContain('>Not answered</text>');
    expect(svg).toContain('<desc>Illustration made for the demo</desc>');
    // every label is text, never markup
    expect(svg).not.toContain('<2022>');
    expect(svg).not.toContain('Kato'); // a study without a design is not drawn
    // the key lists each criterion drawn with its question
    expect(svg).toContain('>Clear question?</text>');
  });

  it('the summary bars split each criterion by answer, with percentages where they fit', () => {
    const svg = renderAppraisalSvg(summary(), tool, 'summary');
    expect(svg).toContain('>Share of studies per answer, for each criterion</text>');
    expect(svg).toContain('>Screening questions (3 studies)</text>');
    // S1: 2 of 3 yes (240 of 360 px) then 1 of 3 no
    expect(svg).toMatch(/<rect x="\d+(\.\d+)?" y="\d+" width="240" height="18" fill="#02C100"\/>/);
    expect(svg).toContain('>67%</text>');
    expect(svg).toContain('>33%</text>');
    expect(svg).not.toContain('>Overall</text>');
  });

  it('a tool without an overall rule draws no overall column', () => {
    const none = smallTool({ kind: 'none', note: 'Report each criterion.' });
    const s = buildSummary({
      tool: none,
      notice: null,
      appraisersRequired: 1,
      studies: [{ id: 1, label: 'A', design: 'qual', answers: { S1: 'yes' } }],
      finished: [],
    });
    expect(renderAppraisalSvg(s, none, 'both')).not.toContain('>Overall</text>');
  });
});
