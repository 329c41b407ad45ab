import { formToTool, toolToForm } from '../../../client/src/appraisal/tool-form';
import { validateTool } from '../../../server/domain/appraisal/tool';
import { BUILT_IN_TOOLS } from '../../../server/domain/appraisal/tools';
import { smallTool } from '../appraisal/fixtures';

describe('the tool editor’s form', () => {
  it.each(
    [
      ...BUILT_IN_TOOLS,
      smallTool({ kind: 'worst', order: ['yes', 'cant_tell', 'no'], labels: { no: 'high risk' } }),
    ].map((t) => [t.id, t] as const),
  )('%s reads back unchanged from its form', (_id, tool) => {
    expect(formToTool(toolToForm(tool))).toEqual(tool);
  });

  it('a shipped tool opens as a copy with its own id and name, which the server accepts', () => {
    const form = toolToForm(BUILT_IN_TOOLS[0]!, true);
    expect(form.id).toBe('mmat-2018-ours');
    expect(form.name).toBe('Mixed Methods Appraisal Tool (MMAT), version 2018 (our version)');
    expect(validateTool(formToTool(form)).id).toBe('mmat-2018-ours');
  });

  it('one line per answer and per criterion; a criterion may allow only some answers; empty designs are dropped', () => {
    const form = toolToForm(smallTool());
    expect(form.answers.split('\n')[0]).toBe('yes | Yes | good');
    expect(form.designs[1]!.criteria).toBe(
      'N1 | Sample? |  |  | answers: yes, no, cant_tell\nN2 | Analysis?',
    );
    const edited = formToTool({
      ...form,
      screening: ' S1 | Clear? | Screening | Look at the introduction \n\n',
      designs: [...form.designs, { id: '', label: '', criteria: '  ' }],
      rule: { ...form.rule, kind: 'count', answer: 'yes', bands: '0.8 | high\n0 | low' },
    });
    expect(edited.screening).toEqual([
      { id: 'S1', question: 'Clear?', domain: 'Screening', hint: 'Look at the introduction' },
    ]);
    expect(edited.designs).toHaveLength(2);
    expect(edited.overall).toEqual({
      kind: 'count',
      answer: 'yes',
      bands: [
        { atLeast: 0.8, label: 'high' },
        { atLeast: 0, label: 'low' },
      ],
    });
  });
});
