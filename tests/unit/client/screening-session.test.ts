import type { Vote, VotedRecord } from '../../../server/api/types';
import {
  advanced,
  atLastItem,
  currentItem,
  decided,
  moved,
  needsTopUp,
  noteShown,
  startSession,
  takeUndo,
  toppedUp,
  undone,
  withDraftNote,
  withRemaining,
  type ScreeningSession,
  type SessionItem,
} from '../../../client/src/screening/session';

const vote = (decision: Vote['decision'], at = '2026-01-01T00:00:00.000Z'): Vote => ({
  userId: 7,
  decision,
  reason: null,
  note: null,
  at,
});
const record = (id: number, myVote: Vote | null = null): SessionItem => ({
  id,
  title: `Record ${id}`,
  authors: [],
  year: null,
  journal: null,
  abstract: null,
  doi: null,
  keywords: [],
  url: null,
  type: null,
  myVote,
});
const voted = (id: number, decision: Vote['decision']): VotedRecord => ({
  ...record(id),
  myVote: vote(decision),
});
const ids = (session: ScreeningSession) => session.items.map((item) => item.id);
const queue = (recordIds: number[], remaining: number) => ({
  records: recordIds.map((id) => record(id)),
  remaining,
});

/** Two open votes (the server sends them newest first: 2 then 1) and a queue of 10, 11, 12. */
const start = () => startSession([voted(2, 'exclude'), voted(1, 'include')], queue([10, 11, 12], 3));

describe('starting a screening session', () => {
  it('puts the open votes oldest first before the queue and shows the first queued record', () => {
    const session = start();
    expect(ids(session)).toEqual([1, 2, 10, 11, 12]);
    expect(currentItem(session)?.id).toBe(10);
    expect(session.remaining).toBe(3);
    expect(session.undoStack).toEqual([]);
  });

  it('does not reorder the list of open votes it was given', () => {
    const mine = [voted(2, 'exclude'), voted(1, 'include')];
    startSession(mine, queue([], 0));
    expect(mine.map((r) => r.id)).toEqual([2, 1]);
  });

  it('with no open votes starts on the first record of the queue', () => {
    const session = startSession([], queue([10, 11], 2));
    expect(session.cursor).toBe(0);
    expect(currentItem(session)?.id).toBe(10);
  });
});

describe('next and previous', () => {
  it('← walks back through the open votes and → returns', () => {
    let session = start();
    session = moved(session, -1);
    expect(currentItem(session)?.id).toBe(2);
    session = moved(session, -1);
    expect(currentItem(session)?.id).toBe(1);
    session = moved(session, 1);
    expect(currentItem(session)?.id).toBe(2);
  });

  it('never moves before the first record', () => {
    let session = start();
    for (let i = 0; i < 5; i++) session = moved(session, -1);
    expect(session.cursor).toBe(0);
  });

  it('stops just past the last record loaded, where nothing is shown', () => {
    let session = start();
    for (let i = 0; i < 6; i++) session = moved(session, 1);
    expect(session.cursor).toBe(5);
    expect(currentItem(session)).toBeUndefined();
    expect(atLastItem(session)).toBe(true);
  });

  it('knows when → would leave the records loaded', () => {
    const session = start();
    expect(atLastItem(session)).toBe(false);
    expect(atLastItem(moved(moved(session, 1), 1))).toBe(true);
  });
});

describe('deciding', () => {
  it('stores the vote on the record, remembers it for undo and moves to the next record without a vote', () => {
    let session = start();
    session = decided(session, 10, vote('include'));
    expect(session.items.find((r) => r.id === 10)?.myVote?.decision).toBe('include');
    expect(session.undoStack).toEqual([10]);
    session = advanced(session);
    expect(currentItem(session)?.id).toBe(11);
  });

  it('leaves the session it was given as it was', () => {
    const before = start();
    decided(before, 10, vote('include'));
    expect(before.items.find((r) => r.id === 10)?.myVote).toBeNull();
    expect(before.undoStack).toEqual([]);
  });

  it('a vote changed while going back replaces the old one in place and moves on to the next open record', () => {
    let session = start();
    session = moved(moved(session, -1), -1);
    expect(currentItem(session)?.id).toBe(1);
    session = advanced(decided(session, 1, vote('exclude', '2026-01-02T00:00:00.000Z')));
    expect(ids(session)).toEqual([1, 2, 10, 11, 12]);
    expect(session.items[0]?.myVote).toMatchObject({ decision: 'exclude', at: '2026-01-02T00:00:00.000Z' });
    // record 2 still has its vote, so the next record shown is the first unvoted one
    expect(currentItem(session)?.id).toBe(10);
  });

  it('after the last record the cursor rests past the end', () => {
    let session = startSession([], queue([10], 1));
    session = advanced(decided(session, 10, vote('maybe')));
    expect(currentItem(session)).toBeUndefined();
    expect(session.cursor).toBe(1);
  });
});

describe('undo', () => {
  it('undoes the latest decision of the visit first, then the one before', () => {
    let session = start();
    session = advanced(decided(session, 10, vote('include')));
    session = advanced(decided(session, 11, vote('exclude')));
    const first = takeUndo(session);
    expect(first.recordId).toBe(11);
    session = undone(first.session, 11);
    expect(currentItem(session)?.id).toBe(11);
    expect(currentItem(session)?.myVote).toBeNull();
    const second = takeUndo(session);
    expect(second.recordId).toBe(10);
    session = undone(second.session, 10);
    expect(currentItem(session)?.id).toBe(10);
    expect(session.undoStack).toEqual([]);
  });

  it('with nothing decided in this visit, undoes the vote on the record shown (an open vote walked back to)', () => {
    const session = moved(start(), -1);
    const taken = takeUndo(session);
    expect(taken.recordId).toBe(2);
    expect(currentItem(undone(taken.session, 2))?.myVote).toBeNull();
  });

  it('has nothing to undo on an unvoted record with no decision in this visit', () => {
    expect(takeUndo(start()).recordId).toBeUndefined();
  });

  it('takes the decision off the stack even before the server answers, so a refused undo does not block the earlier ones', () => {
    let session = start();
    session = advanced(decided(session, 10, vote('include')));
    session = advanced(decided(session, 11, vote('include')));
    session = takeUndo(session).session; // the server refused to undo 11
    expect(takeUndo(session).recordId).toBe(10);
  });
});

describe('topping up the queue', () => {
  it('asks for more when fewer than five unvoted records are ahead and the server has more', () => {
    expect(needsTopUp(startSession([], queue([10, 11, 12], 40)))).toBe(true);
  });

  it('does not ask while five or more unvoted records are ahead', () => {
    expect(needsTopUp(startSession([], queue([10, 11, 12, 13, 14], 40)))).toBe(false);
  });

  it('does not ask when every remaining record is already loaded', () => {
    expect(needsTopUp(start())).toBe(false);
  });

  it('counts only records without a vote from the cursor on', () => {
    let session = startSession([], queue([10, 11, 12, 13, 14], 5));
    session = advanced(decided(session, 10, vote('include')));
    // 11–14 ahead without a vote; the server says 5 remain (one of them not loaded)
    expect(needsTopUp(withRemaining(session, 5))).toBe(true);
    expect(needsTopUp(withRemaining(session, 4))).toBe(false);
  });

  it('appends only records not loaded yet, so a record asked for twice appears once', () => {
    let session = startSession([], queue([10, 11, 12], 6));
    session = advanced(decided(session, 10, vote('include')));
    // the server's next page repeats 11 and 12 (not yet voted) and adds 13 to 15
    session = toppedUp(session, queue([11, 12, 13, 14, 15], 5));
    expect(ids(session)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(session.remaining).toBe(5);
    expect(currentItem(session)?.id).toBe(11);
  });

  it('the progress count replaces the remaining count unless the caller has no queue (a viewer)', () => {
    const session = start();
    expect(withRemaining(session, 1).remaining).toBe(1);
    expect(withRemaining(session, undefined).remaining).toBe(3);
  });
});

describe('end of the queue', () => {
  it('screening every record leaves nothing shown and nothing remaining', () => {
    let session = startSession([], queue([10, 11], 2));
    for (const id of [10, 11]) session = advanced(decided(session, id, vote('exclude')));
    session = withRemaining(session, 0);
    expect(currentItem(session)).toBeUndefined();
    expect(needsTopUp(session)).toBe(false);
  });

  it('from past the end, ← shows the last record again', () => {
    let session = startSession([], queue([10, 11], 2));
    for (const id of [10, 11]) session = advanced(decided(session, id, vote('exclude')));
    session = moved(session, -1);
    expect(currentItem(session)?.id).toBe(11);
  });
});

describe('notes typed are never lost', () => {
  it('a note typed on a record and left with → shows again on coming back with ←', () => {
    let session = start();
    session = withDraftNote(session, 'check table 2');
    session = moved(session, 1);
    expect(noteShown(session)).toBe('');
    session = moved(session, -1);
    expect(noteShown(session)).toBe('check table 2');
  });

  it('the note goes with the decision and is then no longer a draft', () => {
    let session = withDraftNote(start(), 'adults only');
    session = decided(session, 10, { ...vote('exclude'), note: 'adults only' });
    expect(session.drafts.has(10)).toBe(false);
    expect(noteShown(session)).toBe('adults only');
  });

  it("a note equal to the vote's own is no draft; an emptied note is one", () => {
    const withNote = startSession(
      [{ ...voted(1, 'include'), myVote: { ...vote('include'), note: 'fine' } }],
      queue([], 0),
    );
    let session = moved(withNote, -1);
    expect(noteShown(session)).toBe('fine');
    expect(withDraftNote(session, 'fine').drafts.size).toBe(0);
    session = withDraftNote(session, '');
    expect(noteShown(session)).toBe('');
  });

  it('undoing a vote keeps its note to decide again', () => {
    let session = decided(start(), 10, { ...vote('maybe'), note: 'ask bob' });
    session = advanced(session);
    const taken = takeUndo(session);
    session = undone(taken.session, taken.recordId!);
    expect(currentItem(session)?.id).toBe(10);
    expect(noteShown(session)).toBe('ask bob');
  });
});
