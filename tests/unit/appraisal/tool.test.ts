import { ParseError, ValidationError } from '../../../server/domain/errors';
import { criteriaOf, toolFromJson, toolToJson, validateTool } from '../../../server/domain/appraisal/tool';
import { BUILT_IN_TOOLS } from '../../../server/domain/appraisal/tools';
import { smallTool } from './fixtures';

describe('the shipped tools', () => {
  it.each(BUILT_IN_TOOLS.map((t) => [t.id, t] as const))(
    '%s is a valid tool that cites its source',
    (_id, tool) => {
      expect(validateTool(JSON.parse(JSON.stringify(tool)))).toEqual(tool);
      expect(tool.source).toEqual(
        expect.objectContaining({
          authors: expect.any(String),
          year: expect.any(Number),
          url: expect.stringMatching(/^https?:\/\//),
        }),
      );
      expect(tool.source!.note).toMatch(/Paraphrased/);
    },
  );

  it('MMAT 2018: two screening questions and five designs of five criteria', () => {
    const mmat = BUILT_IN_TOOLS.find((t) => t.id === 'mmat-2018')!;
    expect(mmat.screening.map((c) => c.id)).toEqual(['S1', 'S2']);
    expect(mmat.designs.map((d) => [d.id, d.criteria.length])).toEqual([
      ['qualitative', 5],
      ['quantitative-rct', 5],
      ['quantitative-non-randomised', 5],
      ['quantitative-descriptive', 5],
      ['mixed-methods', 5],
    ]);
    expect(mmat.answers.map((a) => a.id)).toEqual(['yes', 'no', 'cant_tell']);
    expect(criteriaOf(mmat, 'quantitative-descriptive').map((c) => c.id)).toEqual([
      'S1',
      'S2',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
    ]);
    expect(mmat.overall.kind).toBe('none');
  });

  it('CASP qualitative has ten questions in three sections; JBI analytical cross-sectional eight items', () => {
    const casp = BUILT_IN_TOOLS.find((t) => t.id === 'casp-qualitative-2018')!;
    expect(casp.designs[0]!.criteria).toHaveLength(10);
    expect(new Set(casp.designs[0]!.criteria.map((c) => c.domain)).size).toBe(3);
    const jbi = BUILT_IN_TOOLS.find((t) => t.id === 'jbi-analytical-cross-sectional')!;
    expect(jbi.designs[0]!.criteria).toHaveLength(8);
    expect(jbi.answers.map((a) => a.id)).toEqual(['yes', 'no', 'unclear', 'not_applicable']);
  });
});

describe('reading a tool from JSON', () => {
  it('reads back what it writes', () => {
    const tool = smallTool();
    expect(toolFromJson(toolToJson(tool), 'small.json')).toEqual(tool);
  });

  it('a syntax error is a ParseError naming the file and the line', () => {
    const broken = '{\n  "format": "sift-appraisal-tool",\n  "version": 1,\n  "id": "x",,\n}';
    let error: unknown;
    try {
      toolFromJson(broken, 'mine.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(4);
    expect((error as ParseError).message).toMatch(/^mine\.json:4: not valid JSON/);
  });

  it('another kind of JSON file says what it expected', () => {
    expect(() => toolFromJson('{"format": "sift-codebook", "codes": []}', 'codebook.json')).toThrow(
      'codebook.json: not a Sift appraisal tool (expected "format": "sift-appraisal-tool")',
    );
  });

  it('a wrong shape names the field', () => {
    const tool = {
      ...smallTool(),
      designs: [{ id: 'd', label: 'D', criteria: [{ id: 'C1', question: '' }] }],
    };
    expect(() => toolFromJson(JSON.stringify(tool), 'mine.json')).toThrow(
      /^mine\.json: appraisal tool: designs\.0\.criteria\.0\.question: must not be empty$/,
    );
  });

  it.each<[string, (t: ReturnType<typeof smallTool>) => unknown, RegExp]>([
    [
      'a criterion id used twice',
      (t) => ({ ...t, screening: [{ id: 'Q1', question: 'Again?' }] }),
      /criterion "Q1" \(design qual\) is used twice/,
    ],
    [
      'an answer listed twice',
      (t) => ({ ...t, answers: [...t.answers, t.answers[0]] }),
      /answer "yes" is listed twice/,
    ],
    [
      'a design listed twice',
      (t) => ({ ...t, designs: [t.designs[0], t.designs[0]] }),
      /design "qual" is listed twice|criterion "Q1"/,
    ],
    [
      'a criterion allowing an unknown answer',
      (t) => ({ ...t, screening: [{ id: 'S1', question: '?', answers: ['yes', 'maybe'] }] }),
      /allows "maybe"/,
    ],
    [
      'a rule counting an unknown answer',
      (t) => ({ ...t, overall: { kind: 'count', answer: 'maybe' } }),
      /overall rule names "maybe"/,
    ],
    [
      'a worst rule ranking twice',
      (t) => ({ ...t, overall: { kind: 'worst', order: ['yes', 'yes'] } }),
      /ranks an answer twice/,
    ],
    ['an unknown rule kind', (t) => ({ ...t, overall: { kind: 'average' } }), /overall\.kind/],
    ['an unknown property', (t) => ({ ...t, colour: 'red' }), /colour/],
    [
      'a source that is not a web address',
      (t) => ({ ...t, source: { authors: 'A', year: 2020, title: 'T', url: 'javascript:alert(1)' } }),
      /source\.url/,
    ],
  ])('refuses %s', (_name, change, message) => {
    expect(() => validateTool(change(smallTool()))).toThrow(ValidationError);
    expect(() => validateTool(change(smallTool()))).toThrow(message);
  });
});
