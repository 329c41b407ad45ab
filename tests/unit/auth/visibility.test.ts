import type { Role } from '../../../server/domain/auth/roles';
import {
  hiddenReason,
  codingDoneFinal,
  doneFinal,
  maySee,
  othersCodingVisible,
  othersWorkVisible,
  type Blinding,
  type View,
} from '../../../server/domain/auth/visibility';

const blind = { blind: true, unblinded: false };
const open = { blind: true, unblinded: true };
const notBlind = { blind: false, unblinded: false };

/** Every stage blind (the default), then each stage unblinded in turn, as a review proceeds. */
const STATES: Record<string, Blinding> = {
  'all blind': { title_abstract: blind, full_text: blind, coding: blind, appraisal: blind },
  'title/abstract unblinded': { title_abstract: open, full_text: blind, coding: blind, appraisal: blind },
  'screening unblinded': { title_abstract: open, full_text: open, coding: blind, appraisal: blind },
  'coding unblinded': { title_abstract: open, full_text: open, coding: open, appraisal: blind },
  'everything unblinded': { title_abstract: open, full_text: open, coding: open, appraisal: open },
  'nothing blind': { title_abstract: notBlind, full_text: notBlind, coding: notBlind, appraisal: notBlind },
};

const VIEWS: Record<string, View> = {
  'title/abstract records': { kind: 'stage-records', stage: 'title_abstract' },
  'title/abstract team': { kind: 'team-work', stage: 'title_abstract' },
  'full-text records': { kind: 'stage-records', stage: 'full_text' },
  'full-text team': { kind: 'team-work', stage: 'full_text' },
  'coding records': { kind: 'stage-records', stage: 'coding' },
  prisma: { kind: 'prisma' },
  ranking: { kind: 'ranking' },
  synthesis: { kind: 'synthesis' },
  'appraisal records': { kind: 'stage-records', stage: 'appraisal' },
  'appraisal team': { kind: 'team-work', stage: 'appraisal' },
  'appraisal results': { kind: 'appraisal' },
  export: { kind: 'export' },
  report: { kind: 'report' },
};

/**
 * The visibility table of docs/notes/screening.md ("Blind mode"): for a reviewer or a viewer,
 * which views each blinding state shows (owners see every view in every state).
 */
const SHOWN: Record<string, string[]> = {
  'all blind': ['title/abstract records'],
  'title/abstract unblinded': [
    'title/abstract records',
    'title/abstract team',
    'full-text records',
    'ranking',
  ],
  'screening unblinded': [
    'title/abstract records',
    'title/abstract team',
    'full-text records',
    'full-text team',
    'coding records',
    'prisma',
    'ranking',
  ],
  // appraisal opens once coding is open (the designs come from the extraction form); its results once it is unblinded;
  // exports and the drafted report hold every stage, so they wait for appraisal too
  'coding unblinded': Object.keys(VIEWS).filter(
    (v) => !['appraisal team', 'appraisal results', 'export', 'report'].includes(v),
  ),
  'everything unblinded': Object.keys(VIEWS),
  'nothing blind': Object.keys(VIEWS),
};

describe('the visibility policy', () => {
  it.each(Object.keys(STATES))(
    'with %s, reviewers and viewers see exactly the views of the table',
    (state) => {
      for (const role of ['reviewer', 'viewer'] as Role[]) {
        const shown = Object.keys(VIEWS).filter((v) =>
          maySee({ userId: 2, role }, STATES[state]!, VIEWS[v]!),
        );
        expect({ role, shown }).toEqual({ role, shown: SHOWN[state] });
      }
    },
  );

  it.each(Object.keys(STATES))('with %s, the owner sees every view', (state) => {
    for (const view of Object.values(VIEWS))
      expect(maySee({ userId: 1, role: 'owner' }, STATES[state]!, view)).toBe(true);
  });

  it('a stage the project does not blind hides nothing', () => {
    const reviewer = { userId: 2, role: 'reviewer' as const };
    const { appraisal: _appraisal, ...withoutAppraisal } = STATES['everything unblinded']!;
    expect(maySee(reviewer, withoutAppraisal, { kind: 'team-work', stage: 'appraisal' })).toBe(true);
    expect(maySee(reviewer, STATES['nothing blind']!, { kind: 'stage-records', stage: 'appraisal' })).toBe(
      true,
    );
    expect(maySee(reviewer, STATES['all blind']!, { kind: 'team-work', stage: 'appraisal' })).toBe(false);
  });

  it('names the stage that keeps a view hidden, and nothing when it is shown', () => {
    const reviewer = { userId: 2, role: 'reviewer' as const };
    expect(hiddenReason(reviewer, STATES['title/abstract unblinded']!, { kind: 'synthesis' })).toMatch(
      /full text judgements, which are blind.*unblinds full text/,
    );
    expect(hiddenReason(reviewer, STATES['nothing blind']!, { kind: 'synthesis' })).toBeNull();
  });

  it('a coder sees the others’ coding of a study once both finished it, or once coding is open', () => {
    const coder = { userId: 2, role: 'reviewer' as const };
    const viewer = { userId: 3, role: 'viewer' as const };
    const screeningOpen = STATES['screening unblinded']!;
    const cases: [typeof coder | typeof viewer, Blinding, boolean, boolean, boolean][] = [
      [coder, screeningOpen, false, false, false],
      [coder, screeningOpen, true, false, false], // I finished; the other has not
      [coder, screeningOpen, false, true, false], // the others finished; I have not
      [coder, screeningOpen, true, true, true],
      [coder, STATES['title/abstract unblinded']!, true, true, false], // the study list itself is hidden
      [coder, STATES['everything unblinded']!, false, false, true],
      [viewer, screeningOpen, true, true, false],
      [viewer, STATES['everything unblinded']!, false, false, true],
    ];
    for (const [actor, blinding, doneByCaller, complete, expected] of cases)
      expect(othersCodingVisible(actor, blinding, { doneByCaller, complete })).toBe(expected);
  });

  it('while coding is blind, a coder’s "done" is final once the study has every finished coder it needs', () => {
    const coder = { userId: 2, role: 'reviewer' as const };
    const owner = { userId: 1, role: 'owner' as const };
    const blindCoding = STATES['screening unblinded']!;
    const openCoding = STATES['everything unblinded']!;
    expect(codingDoneFinal(coder, blindCoding, { finished: 1, required: 2 })).toBe(false);
    expect(codingDoneFinal(coder, blindCoding, { finished: 2, required: 2 })).toBe(true);
    expect(codingDoneFinal(coder, openCoding, { finished: 2, required: 2 })).toBe(false);
    expect(codingDoneFinal(owner, blindCoding, { finished: 2, required: 2 })).toBe(false);
  });

  it('an appraiser sees the others’ appraisal of a study once both finished it, or once appraisal is open', () => {
    const appraiser = { userId: 2, role: 'reviewer' as const };
    const viewer = { userId: 3, role: 'viewer' as const };
    const owner = { userId: 1, role: 'owner' as const };
    const codingOpen = STATES['coding unblinded']!;
    const cases: [typeof appraiser | typeof viewer | typeof owner, Blinding, boolean, boolean, boolean][] = [
      [appraiser, codingOpen, false, false, false],
      [appraiser, codingOpen, true, false, false],
      [appraiser, codingOpen, false, true, false],
      [appraiser, codingOpen, true, true, true],
      [appraiser, STATES['screening unblinded']!, true, true, false], // coding blind: the studies are hidden
      [appraiser, STATES['everything unblinded']!, false, false, true],
      [viewer, codingOpen, true, true, false],
      [owner, codingOpen, false, false, true],
    ];
    for (const [actor, blinding, doneByCaller, complete, expected] of cases)
      expect(othersWorkVisible(actor, blinding, 'appraisal', { doneByCaller, complete })).toBe(expected);
    // coding's own rule is unchanged by appraisal being blind
    expect(othersCodingVisible(appraiser, codingOpen, { doneByCaller: false, complete: false })).toBe(true);
  });

  it('while appraisal is blind, an appraiser’s "done" is final once the study has every appraiser it needs', () => {
    const appraiser = { userId: 2, role: 'reviewer' as const };
    expect(doneFinal(appraiser, STATES['coding unblinded']!, 'appraisal', { finished: 1, required: 2 })).toBe(
      false,
    );
    expect(doneFinal(appraiser, STATES['coding unblinded']!, 'appraisal', { finished: 2, required: 2 })).toBe(
      true,
    );
    expect(
      doneFinal(appraiser, STATES['everything unblinded']!, 'appraisal', { finished: 2, required: 2 }),
    ).toBe(false);
  });
});
