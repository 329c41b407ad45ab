import { ConflictError, ValidationError } from '../../../server/domain/errors';
import {
  applySettingsPatch,
  defaultSettings,
  settingsFromStored,
} from '../../../server/domain/screening/settings';
import { stageAgreement } from '../../../server/domain/screening/stage-agreement';
import {
  castVote,
  emptyState,
  foldEvents,
  outcomeOf,
  resolveConflict,
  retractVote,
} from '../../../server/domain/screening/state';
import type { ScreeningEvent, Vote } from '../../../server/domain/screening/types';

const T = '2026-01-01T00:00:00.000Z';
const vote = (userId: number, decision: Vote, reason: string | null = null): ScreeningEvent => ({
  kind: 'vote',
  userId,
  decision,
  reason,
  note: null,
  at: T,
});
const settings = defaultSettings();
const ta = settings.stages.title_abstract;
const ft = settings.stages.full_text;

describe('folding screening events', () => {
  it('the latest vote of each reviewer counts, in the order they first voted', () => {
    const state = foldEvents([vote(1, 'include'), vote(2, 'exclude'), vote(1, 'exclude')]);
    expect(state.votes.map((v) => [v.userId, v.decision])).toEqual([
      [1, 'exclude'],
      [2, 'exclude'],
    ]);
  });

  it('a retract removes only that reviewer’s vote', () => {
    const state = foldEvents([vote(1, 'include'), vote(2, 'exclude'), { kind: 'retract', userId: 1, at: T }]);
    expect(state.votes.map((v) => v.userId)).toEqual([2]);
  });

  it('a resolution is kept beside the votes it settled', () => {
    const state = foldEvents([
      vote(1, 'include'),
      vote(2, 'exclude'),
      { kind: 'resolve', userId: 9, decision: 'include', reason: 'r', at: T },
    ]);
    expect(state.votes).toHaveLength(2);
    expect(state.resolution).toMatchObject({ userId: 9, decision: 'include' });
  });
});

describe('outcomeOf: required votes, agreement and conflict', () => {
  it.each([
    [2, [], 'awaiting', null],
    [2, ['include'], 'awaiting', null],
    [2, ['include', 'include'], 'agreed', 'include'],
    [2, ['exclude', 'exclude'], 'agreed', 'exclude'],
    [2, ['include', 'maybe'], 'agreed', 'include'],
    [2, ['maybe', 'maybe'], 'agreed', 'include'],
    [2, ['include', 'exclude'], 'conflict', null],
    [2, ['maybe', 'exclude'], 'conflict', null],
    [1, ['exclude'], 'agreed', 'exclude'],
    [1, ['maybe'], 'agreed', 'include'],
    [1, ['include', 'exclude'], 'conflict', null],
  ] as const)('with %d required, votes %j are %s (%s)', (required, votes, status, outcome) => {
    const state = foldEvents(votes.map((d, i) => vote(i + 1, d)));
    expect(outcomeOf(state, required)).toEqual({ status, outcome });
  });

  it('a resolved record is resolved whatever the votes say', () => {
    const state = foldEvents([
      vote(1, 'include'),
      vote(2, 'exclude'),
      { kind: 'resolve', userId: 9, decision: 'exclude', reason: 'x', at: T },
    ]);
    expect(outcomeOf(state, 2)).toEqual({ status: 'resolved', outcome: 'exclude' });
  });
});

describe('rules for new events', () => {
  it('an exclusion reason is optional at title/abstract and required at full text', () => {
    expect(castVote(emptyState(), { userId: 1, decision: 'exclude' }, ta, T)).toMatchObject({
      kind: 'vote',
      reason: null,
    });
    expect(() => castVote(emptyState(), { userId: 1, decision: 'exclude', reason: '  ' }, ft, T)).toThrow(
      ValidationError,
    );
    expect(
      castVote(emptyState(), { userId: 1, decision: 'exclude', reason: 'Wrong population' }, ft, T),
    ).toMatchObject({
      reason: 'Wrong population',
    });
    expect(castVote(emptyState(), { userId: 1, decision: 'include' }, ft, T)).toMatchObject({
      decision: 'include',
    });
  });

  it('votes cannot change after resolution', () => {
    const resolved = foldEvents([
      vote(1, 'include'),
      vote(2, 'exclude'),
      { kind: 'resolve', userId: 9, decision: 'include', reason: null, at: T },
    ]);
    expect(() => castVote(resolved, { userId: 1, decision: 'exclude' }, ta, T)).toThrow(ConflictError);
    expect(() => retractVote(resolved, 1, T)).toThrow(ConflictError);
  });

  it('retracting needs a vote to retract', () => {
    expect(() => retractVote(foldEvents([vote(2, 'include')]), 1, T)).toThrow(ConflictError);
  });

  it('only a conflict can be resolved, once, and an exclusion needs its reason at full text', () => {
    const agreed = foldEvents([vote(1, 'include'), vote(2, 'maybe')]);
    expect(() => resolveConflict(agreed, { userId: 9, decision: 'exclude' }, ta, T)).toThrow(/agreed/);
    const conflict = foldEvents([vote(1, 'include'), vote(2, 'exclude', 'x')]);
    expect(() => resolveConflict(conflict, { userId: 9, decision: 'exclude' }, ft, T)).toThrow(
      ValidationError,
    );
    const event = resolveConflict(
      conflict,
      { userId: 9, decision: 'include', reason: 'meets criteria' },
      ta,
      T,
    );
    expect(() =>
      resolveConflict(
        foldEvents([vote(1, 'include'), vote(2, 'exclude'), event]),
        { userId: 9, decision: 'exclude' },
        ta,
        T,
      ),
    ).toThrow(/already been resolved/);
  });
});

describe('what the events keep, and the words of each refusal', () => {
  it('a vote keeps its reason and note trimmed, and blank ones as null', () => {
    const event = castVote(
      emptyState(),
      { userId: 3, decision: 'exclude', reason: '  Wrong design ', note: ' see p. 4\n' },
      ft,
      T,
    );
    expect(event).toEqual({
      kind: 'vote',
      userId: 3,
      decision: 'exclude',
      reason: 'Wrong design',
      note: 'see p. 4',
      at: T,
    });
    expect(castVote(emptyState(), { userId: 3, decision: 'maybe', reason: ' ', note: '' }, ta, T)).toEqual({
      kind: 'vote',
      userId: 3,
      decision: 'maybe',
      reason: null,
      note: null,
      at: T,
    });
  });

  it('the folded state keeps every field of the latest vote and of the resolution', () => {
    const later = '2026-01-02T00:00:00.000Z';
    const state = foldEvents([
      vote(1, 'include'),
      { kind: 'vote', userId: 1, decision: 'exclude', reason: 'r', note: 'n', at: later },
      { kind: 'resolve', userId: 9, decision: 'exclude', reason: 'why', at: later },
    ]);
    expect(state).toEqual({
      votes: [{ userId: 1, decision: 'exclude', reason: 'r', note: 'n', at: later }],
      resolution: { userId: 9, decision: 'exclude', reason: 'why', at: later },
    });
  });

  it('refusals say why, in words a reviewer can act on', () => {
    const resolved = foldEvents([
      vote(1, 'include'),
      vote(2, 'exclude'),
      { kind: 'resolve', userId: 9, decision: 'include', reason: null, at: T },
    ]);
    const closed = 'this record has been resolved at this stage; votes can no longer change';
    expect(() => castVote(resolved, { userId: 1, decision: 'include' }, ta, T)).toThrow(closed);
    expect(() => retractVote(resolved, 1, T)).toThrow(closed);
    expect(() => retractVote(emptyState(), 1, T)).toThrow('there is no vote of yours to retract');
    expect(() => castVote(emptyState(), { userId: 1, decision: 'exclude' }, ft, T)).toThrow(
      'an exclusion reason is required at this stage',
    );
    const awaiting = foldEvents([vote(1, 'exclude')]);
    expect(() => resolveConflict(awaiting, { userId: 9, decision: 'include' }, ta, T)).toThrow(
      'only a record in conflict can be resolved; this one is awaiting',
    );
    const conflict = foldEvents([vote(1, 'include'), vote(2, 'exclude', 'x')]);
    expect(() => resolveConflict(conflict, { userId: 9, decision: 'exclude', reason: ' ' }, ft, T)).toThrow(
      'an exclusion reason is required at this stage',
    );
  });

  it('the owner resolves without a reason where none is required: an include anywhere, an exclusion at title/abstract', () => {
    const conflict = foldEvents([vote(1, 'include'), vote(2, 'exclude', 'x')]);
    expect(resolveConflict(conflict, { userId: 9, decision: 'include' }, ft, T)).toEqual({
      kind: 'resolve',
      userId: 9,
      decision: 'include',
      reason: null,
      at: T,
    });
    expect(
      resolveConflict(conflict, { userId: 9, decision: 'exclude', reason: ' off topic ' }, ta, T),
    ).toEqual({ kind: 'resolve', userId: 9, decision: 'exclude', reason: 'off topic', at: T });
    expect(resolveConflict(conflict, { userId: 9, decision: 'exclude' }, ta, T)).toMatchObject({
      reason: null,
    });
  });

  it('a reviewer retracts only their own vote', () => {
    const state = foldEvents([vote(1, 'include'), vote(2, 'exclude')]);
    expect(retractVote(state, 2, T)).toEqual({ kind: 'retract', userId: 2, at: T });
  });
});

describe('settings', () => {
  it('defaults: two reviewers, blind, reasons required at full text only', () => {
    expect(ta).toMatchObject({ reviewersRequired: 2, blind: true, unblinded: false, reasonRequired: false });
    expect(ft).toMatchObject({ reviewersRequired: 2, blind: true, reasonRequired: true });
  });

  it('a patch changes only what it names and refuses optional full-text reasons', () => {
    const next = applySettingsPatch(settings, {
      stages: { title_abstract: { reviewersRequired: 1 } },
      eligibilityCriteria: 'Adults',
    });
    expect(next.stages.title_abstract.reviewersRequired).toBe(1);
    expect(next.stages.full_text.reviewersRequired).toBe(2);
    expect(next.eligibilityCriteria).toBe('Adults');
    expect(() => applySettingsPatch(settings, { stages: { full_text: { reasonRequired: false } } })).toThrow(
      ValidationError,
    );
  });

  it('stored settings are read over the defaults, and junk falls back to the defaults', () => {
    expect(
      settingsFromStored({ stages: { title_abstract: { unblinded: true } } }).stages.title_abstract,
    ).toMatchObject({
      unblinded: true,
      reviewersRequired: 2,
    });
    expect(settingsFromStored('nonsense')).toEqual(defaultSettings());
  });
});

describe('stageAgreement', () => {
  const records = [
    {
      recordId: 1,
      votes: [
        { userId: 1, decision: 'include' as const },
        { userId: 2, decision: 'maybe' as const },
      ],
    },
    {
      recordId: 2,
      votes: [
        { userId: 2, decision: 'exclude' as const },
        { userId: 1, decision: 'exclude' as const },
      ],
    },
    {
      recordId: 3,
      votes: [
        { userId: 1, decision: 'exclude' as const },
        { userId: 2, decision: 'include' as const },
      ],
    },
    { recordId: 4, votes: [{ userId: 1, decision: 'include' as const }] },
  ];

  it('counts records with two votes, folding maybe into include by default', () => {
    const a = stageAgreement(records);
    expect(a.n).toBe(3);
    expect(a.table).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(a.percentAgreement).toBeCloseTo(66.6667, 3);
    expect(a.alphaUnits).toBe(3);
    expect(a.pairs).toHaveLength(1);
    expect(a.pairs[0]).toMatchObject({
      userA: 1,
      userB: 2,
      n: 3,
      table: [
        [1, 0],
        [1, 1],
      ],
    });
  });

  it('can keep maybe as its own category', () => {
    const a = stageAgreement(records, 'separate');
    expect(a.categories).toEqual(['include', 'maybe', 'exclude']);
    expect(a.percentAgreement).toBeCloseTo(33.3333, 3);
  });
});
