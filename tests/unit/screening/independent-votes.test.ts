import {
  stageVotesForAgreement,
  votesForAgreement,
} from '../../../server/domain/screening/independent-votes';
import { stageAgreement } from '../../../server/domain/screening/stage-agreement';
import type { ScreeningEvent, Vote } from '../../../server/domain/screening/types';
import { CHANGED_VOTES, FIRST_VOTES } from '../../support/agreement-example';

const A = 1;
const B = 2;
let clock = 0;
const at = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
const vote = (userId: number, decision: Vote): ScreeningEvent => ({
  kind: 'vote',
  userId,
  decision,
  reason: null,
  note: null,
  at: at(),
});
const retract = (userId: number): ScreeningEvent => ({ kind: 'retract', userId, at: at() });

describe('votesForAgreement', () => {
  it("takes each reviewer's first vote, in the order they first voted", () => {
    const events = [vote(A, 'exclude'), vote(B, 'include'), vote(A, 'include')];
    expect(votesForAgreement(events, 'first')).toEqual([
      { userId: A, decision: 'exclude' },
      { userId: B, decision: 'include' },
    ]);
    expect(votesForAgreement(events, 'latest')).toEqual([
      { userId: A, decision: 'include' },
      { userId: B, decision: 'include' },
    ]);
  });

  it('keeps the first vote of a reviewer who withdrew and voted again, and drops a vote withdrawn for good', () => {
    const events = [
      vote(A, 'exclude'),
      retract(A),
      vote(B, 'include'),
      vote(A, 'include'),
      vote(3, 'maybe'),
      retract(3),
    ];
    expect(votesForAgreement(events, 'first')).toEqual([
      { userId: A, decision: 'exclude' },
      { userId: B, decision: 'include' },
    ]);
    // the latest votes stand in the order the folded state keeps: A voted again after B
    expect(votesForAgreement(events, 'latest')).toEqual([
      { userId: B, decision: 'include' },
      { userId: A, decision: 'include' },
    ]);
  });

  it('ignores a resolution and leaves out records nobody has a vote on', () => {
    const byRecord = new Map<number, ScreeningEvent[]>([
      [
        7,
        [
          vote(A, 'include'),
          vote(B, 'exclude'),
          { kind: 'resolve', userId: 9, decision: 'include', reason: null, at: at() },
        ],
      ],
      [3, [vote(A, 'include'), retract(A)]],
    ]);
    expect(stageVotesForAgreement(byRecord, 'first')).toEqual([
      {
        recordId: 7,
        votes: [
          { userId: A, decision: 'include' },
          { userId: B, decision: 'exclude' },
        ],
      },
    ]);
  });
});

describe('stageVotesForAgreement', () => {
  it('lists records in record id order, whatever order their events came in', () => {
    const byRecord = new Map<number, ScreeningEvent[]>(
      [30, 4, 100, 12].map((id) => [id, [vote(A, 'include'), vote(B, 'exclude')]]),
    );
    expect(stageVotesForAgreement(byRecord, 'latest').map((r) => r.recordId)).toEqual([4, 12, 30, 100]);
  });
});

/** The worked example of docs/notes/screening.md as each record's events. */
function workedExample(): Map<number, ScreeningEvent[]> {
  const events = new Map(FIRST_VOTES.map(([a, b], i) => [i + 1, [vote(A, a), vote(B, b)]]));
  for (const [who, record, decision] of CHANGED_VOTES)
    events.get(record)!.push(vote(who === 'A' ? A : B, decision));
  return events;
}

const TOLERANCE = 1e-6;
function expectNumbers(actual: object, expected: Record<string, number>) {
  for (const [key, value] of Object.entries(expected)) {
    const got = (actual as Record<string, unknown>)[key] as number;
    expect({ key, off: Math.abs(got - value) <= TOLERANCE }).toEqual({ key, off: true });
  }
}

describe('agreement on the worked example, to 1e-6', () => {
  const of = (votes: 'first' | 'latest', maybe: 'as_include' | 'separate') =>
    stageAgreement(stageVotesForAgreement(workedExample(), votes), maybe, votes);

  it('first votes, maybe as include: table [[2,3],[1,6]]', () => {
    const a = of('first', 'as_include');
    expect(a.table).toEqual([
      [2, 3],
      [1, 6],
    ]);
    expectNumbers(a, {
      observedAgreement: 0.666667,
      kappa: 0.272727,
      scottPi: 0.25,
      pabak: 0.333333,
      ac1: 0.4,
    });
  });

  it('first votes, maybe kept apart: a three-category scale, since maybe was used', () => {
    const a = of('first', 'separate');
    expect(a.categories).toEqual(['include', 'maybe', 'exclude']);
    expect(a.table).toEqual([
      [2, 0, 2],
      [0, 0, 1],
      [1, 0, 6],
    ]);
    expectNumbers(a, { observedAgreement: 0.666667, kappa: 0.304348, pabak: 0.5, ac1: 0.564626 });
  });

  it('latest votes: the changes after discussion turn into agreement', () => {
    const a = of('latest', 'as_include');
    expect(a.votes).toBe('latest');
    expect(a.table).toEqual([
      [4, 1],
      [0, 7],
    ]);
    expectNumbers(a, { observedAgreement: 0.916667, kappa: 0.823529, pabak: 0.833333, ac1: 0.843137 });
  });

  it('latest votes, maybe kept apart: nobody still says maybe, so the scale has two categories', () => {
    const a = of('latest', 'separate');
    expect(a.categories).toEqual(['include', 'exclude']);
    expect(a.categoriesOffered).toEqual(['include', 'maybe', 'exclude']);
    // a fixed three-category scale would say PABAK 0.875 and AC1 0.891156
    expectNumbers(a, { pabak: 0.833333, ac1: 0.843137 });
  });
});
