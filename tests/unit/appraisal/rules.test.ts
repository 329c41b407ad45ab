import {
  appraisalComplete,
  meetsAllCriteria,
  overallJudgement,
} from '../../../server/domain/appraisal/rules';
import type { OverallRule } from '../../../server/domain/appraisal/tool';
import { MMAT_2018 } from '../../../server/domain/appraisal/tools/mmat-2018';
import { smallTool } from './fixtures';

/**
 * The overall-judgement rules (issue 20), each kind on cases worked out by hand. A rule reads the
 * criteria of the study's design (Q1..Q3 for "qual"); "not applicable" leaves a criterion out.
 */
const BANDS: OverallRule = {
  kind: 'count',
  answer: 'yes',
  bands: [
    { atLeast: 0.5, label: 'moderate' },
    { atLeast: 1, label: 'high' },
    { atLeast: 0, label: 'low' },
  ],
};
const ALL: OverallRule = { kind: 'all', answer: 'yes', met: 'meets all', notMet: 'does not meet all' };
const WORST: OverallRule = {
  kind: 'worst',
  order: ['yes', 'cant_tell', 'no'],
  labels: { yes: 'low risk', no: 'high risk' },
};

describe('overall-judgement rules', () => {
  it.each<[string, OverallRule, Record<string, string>, string | null]>([
    // count without bands: k of the counted criteria, with the answer's label
    ['count: 2 of 3 yes', { kind: 'count', answer: 'yes' }, { Q1: 'yes', Q2: 'no', Q3: 'yes' }, '2/3 Yes'],
    [
      'count: 0 of 3 yes',
      { kind: 'count', answer: 'yes' },
      { Q1: 'no', Q2: 'no', Q3: 'cant_tell' },
      '0/3 Yes',
    ],
    // not applicable leaves Q3 out: 1 of 2
    ['count: N/A left out', { kind: 'count', answer: 'yes' }, { Q1: 'yes', Q2: 'no', Q3: 'na' }, '1/2 Yes'],
    // the screening question S1 does not count
    [
      'count: screening ignored',
      { kind: 'count', answer: 'yes' },
      { S1: 'no', Q1: 'yes', Q2: 'yes', Q3: 'yes' },
      '3/3 Yes',
    ],
    ['count: of "no"', { kind: 'count', answer: 'no' }, { Q1: 'yes', Q2: 'no', Q3: 'no' }, '2/3 No'],
    // bands by share, whatever order they are listed in: 3/3 = 1 → high; 2/3 ≥ 0.5 → moderate; 1/3 → low
    ['bands: 3/3', BANDS, { Q1: 'yes', Q2: 'yes', Q3: 'yes' }, 'high'],
    ['bands: 2/3', BANDS, { Q1: 'yes', Q2: 'yes', Q3: 'no' }, 'moderate'],
    ['bands: 1/3', BANDS, { Q1: 'yes', Q2: 'no', Q3: 'no' }, 'low'],
    ['bands: exactly 1/2', BANDS, { Q1: 'yes', Q2: 'no', Q3: 'na' }, 'moderate'],
    ['all: every yes', ALL, { Q1: 'yes', Q2: 'yes', Q3: 'yes' }, 'meets all'],
    ['all: yes and N/A', ALL, { Q1: 'yes', Q2: 'na', Q3: 'yes' }, 'meets all'],
    ['all: one cant tell', ALL, { Q1: 'yes', Q2: 'cant_tell', Q3: 'yes' }, 'does not meet all'],
    ['worst: all yes', WORST, { Q1: 'yes', Q2: 'yes', Q3: 'yes' }, 'low risk'],
    // can't tell is worse than yes and has no label of its own: the answer's label
    ['worst: a cant tell', WORST, { Q1: 'yes', Q2: 'cant_tell', Q3: 'yes' }, "Can't tell"],
    ['worst: a no anywhere', WORST, { Q1: 'no', Q2: 'cant_tell', Q3: 'yes' }, 'high risk'],
  ])('%s', (_name, rule, answers, expected) => {
    expect(overallJudgement(smallTool(rule), 'qual', answers)).toEqual({
      value: expected,
      reason: null,
    });
  });

  it('gives no judgement, and says why, when the rule is none, the design is missing or a criterion is open', () => {
    const full = { S1: 'yes', Q1: 'yes', Q2: 'yes', Q3: 'yes' };
    expect(
      overallJudgement(smallTool({ kind: 'none', note: 'Report each criterion.' }), 'qual', full),
    ).toEqual({
      value: null,
      reason: 'Report each criterion.',
    });
    expect(overallJudgement(smallTool(), null, full).reason).toBe('the study has no design yet');
    expect(overallJudgement(smallTool(), 'qual', { Q1: 'yes', Q2: 'yes' }).reason).toBe(
      'not every criterion is answered',
    );
    expect(overallJudgement(smallTool(), 'qual', { Q1: 'na', Q2: 'na', Q3: 'na' }).reason).toBe(
      'no criterion applies to this study',
    );
    const highOnly: OverallRule = { kind: 'count', answer: 'yes', bands: [{ atLeast: 0.9, label: 'high' }] };
    expect(overallJudgement(smallTool(highOnly), 'qual', { Q1: 'yes', Q2: 'no', Q3: 'no' })).toEqual({
      value: null,
      reason: '1/3 is below every band',
    });
  });

  it('MMAT 2018 computes no overall score, as its user guide advises', () => {
    const answers = {
      S1: 'yes',
      S2: 'yes',
      '1.1': 'yes',
      '1.2': 'yes',
      '1.3': 'yes',
      '1.4': 'yes',
      '1.5': 'yes',
    };
    const judgement = overallJudgement(MMAT_2018, 'qualitative', answers);
    expect(judgement.value).toBeNull();
    expect(judgement.reason).toMatch(/advises against calculating an overall score/);
  });
});

describe('complete and meets all criteria', () => {
  const tool = smallTool();
  it.each<[string, string | null, Record<string, string>, boolean, boolean]>([
    ['every answer yes', 'qual', { S1: 'yes', Q1: 'yes', Q2: 'yes', Q3: 'yes' }, true, true],
    ['yes and not applicable', 'qual', { S1: 'yes', Q1: 'yes', Q2: 'na', Q3: 'yes' }, true, true],
    ['a no on the screening question', 'qual', { S1: 'no', Q1: 'yes', Q2: 'yes', Q3: 'yes' }, true, false],
    ["a can't tell", 'quant', { S1: 'yes', N1: 'cant_tell', N2: 'yes' }, true, false],
    ['the screening question open', 'quant', { N1: 'yes', N2: 'yes' }, false, false],
    ['no design', null, { S1: 'yes' }, false, false],
    ['only not applicable', 'qual', { S1: 'na', Q1: 'na', Q2: 'na', Q3: 'na' }, true, false],
  ])('%s', (_name, design, answers, complete, meetsAll) => {
    expect(appraisalComplete(tool, design, answers)).toBe(complete);
    expect(meetsAllCriteria(tool, design, answers)).toBe(meetsAll);
  });
});
