import { countedAppraisal } from '../../../server/domain/appraisal/consensus';

const ann = (
  answers: Record<string, string>,
  design: string | null = 'qual',
  doneAt = '2026-01-01T10:00:00Z',
) => ({
  userId: 1,
  design,
  answers,
  doneAt,
});
const ben = (
  answers: Record<string, string>,
  design: string | null = 'qual',
  doneAt = '2026-01-01T11:00:00Z',
) => ({
  userId: 2,
  design,
  answers,
  doneAt,
});
const noConsensus = { design: null, answers: {} };

describe('which appraisal of a study counts', () => {
  it('two appraisers: agreed answers stand, disagreements wait for the owner', () => {
    const counted = countedAppraisal({
      appraisersRequired: 2,
      formDesign: null,
      consensus: noConsensus,
      finished: [ann({ S1: 'yes', Q1: 'no', Q2: 'yes' }), ben({ S1: 'yes', Q1: 'yes' })],
    });
    expect(counted).toEqual({ design: 'qual', answers: { S1: 'yes' }, unresolved: ['Q1', 'Q2'] });
  });

  it("two appraisers: the owner's answers settle disagreements and may overrule an agreement", () => {
    const counted = countedAppraisal({
      appraisersRequired: 2,
      formDesign: null,
      consensus: { design: null, answers: { Q1: 'cant_tell', S1: 'no' } },
      finished: [ann({ S1: 'yes', Q1: 'no' }), ben({ S1: 'yes', Q1: 'yes' })],
    });
    expect(counted).toEqual({ design: 'qual', answers: { S1: 'no', Q1: 'cant_tell' }, unresolved: [] });
  });

  it('two appraisers, one finished: nothing counts but what the owner decided', () => {
    const counted = countedAppraisal({
      appraisersRequired: 2,
      formDesign: null,
      consensus: { design: null, answers: { S1: 'yes' } },
      finished: [ann({ S1: 'no', Q1: 'no' })],
    });
    expect(counted).toEqual({ design: null, answers: { S1: 'yes' }, unresolved: [] });
  });

  it('two appraisers on different designs: the design is unresolved until the owner decides', () => {
    const finished = [ann({ S1: 'yes' }, 'qual'), ben({ S1: 'yes' }, 'quant')];
    expect(
      countedAppraisal({ appraisersRequired: 2, formDesign: null, consensus: noConsensus, finished }),
    ).toEqual({
      design: null,
      answers: { S1: 'yes' },
      unresolved: ['design'],
    });
    expect(
      countedAppraisal({
        appraisersRequired: 2,
        formDesign: null,
        consensus: { design: 'quant', answers: {} },
        finished,
      }).design,
    ).toBe('quant');
    // the extraction form's design comes first
    expect(
      countedAppraisal({ appraisersRequired: 2, formDesign: 'qual', consensus: noConsensus, finished }),
    ).toEqual({
      design: 'qual',
      answers: { S1: 'yes' },
      unresolved: [],
    });
  });

  it('one appraiser per study: the first to finish, under what the owner wrote', () => {
    const counted = countedAppraisal({
      appraisersRequired: 1,
      formDesign: null,
      consensus: { design: null, answers: { Q2: 'no' } },
      // ben finished first this time
      finished: [
        ann({ S1: 'no', Q1: 'no' }),
        ben({ S1: 'yes', Q1: 'yes', Q2: 'yes' }, 'qual', '2026-01-01T09:00:00Z'),
      ],
    });
    expect(counted).toEqual({ design: 'qual', answers: { S1: 'yes', Q1: 'yes', Q2: 'no' }, unresolved: [] });
  });
});
