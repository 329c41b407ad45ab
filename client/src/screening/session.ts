import type { ScreeningRecord, Vote, VotedRecord } from '../../../server/api/types';

/**
 * The state of one screening visit as plain data: the records loaded, which one is shown,
 * what U undoes and how many records the server still holds for the reviewer. Every change is
 * a pure function from one session to the next; the page does the fetching and the DOM.
 */

/** A record on the screening page: one of the reviewer's open votes, or one from their queue. */
export interface SessionItem extends ScreeningRecord {
  myVote: Vote | null;
  /** Predicted relevance 0–1 when prioritisation is on (queue records only). */
  relevance?: number | null;
}

export interface ScreeningSession {
  /** The reviewer's own open votes, oldest first (so ← walks back through them), then their queue. */
  readonly items: readonly SessionItem[];
  /** Index of the record shown; `items.length` once past the last one. */
  readonly cursor: number;
  /** Records still waiting for the reviewer's vote on the server, loaded or not. */
  readonly remaining: number;
  /** Records decided during this visit, latest last: what U undoes first. */
  readonly undoStack: readonly number[];
  /** Notes typed on records and not yet sent with a decision, by record id: moving on keeps them. */
  readonly drafts: ReadonlyMap<number, string>;
}

/** A page of the queue as the server sends it. */
export interface QueuePage {
  records: readonly SessionItem[];
  remaining: number;
}

/** Fewer unvoted records than this ahead of the cursor and the page asks for more. */
export const TOP_UP_BELOW = 5;

/** Starts on the first queue record, with the open votes (the server sends them newest first) behind it. */
export function startSession(mine: readonly VotedRecord[], queue: QueuePage): ScreeningSession {
  return {
    items: [...[...mine].reverse(), ...queue.records],
    cursor: mine.length,
    remaining: queue.remaining,
    undoStack: [],
    drafts: new Map(),
  };
}

export function currentItem(session: ScreeningSession): SessionItem | undefined {
  return session.items[session.cursor];
}

/** Whether the loaded records without a vote, from the cursor on, run low while the server has more. */
export function needsTopUp(session: ScreeningSession): boolean {
  const ahead = session.items.slice(session.cursor).filter((item) => !item.myVote).length;
  return ahead < TOP_UP_BELOW && session.remaining > ahead;
}

/** Appends a fresh page of the queue, leaving out records already loaded. */
export function toppedUp(session: ScreeningSession, page: QueuePage): ScreeningSession {
  const known = new Set(session.items.map((item) => item.id));
  return {
    ...session,
    items: [...session.items, ...page.records.filter((item) => !known.has(item.id))],
    remaining: page.remaining,
  };
}

/** The server accepted a vote (a first one, or a changed one on a record walked back to); its note went with it. */
export function decided(session: ScreeningSession, recordId: number, vote: Vote): ScreeningSession {
  return {
    ...session,
    items: withVote(session.items, recordId, vote),
    undoStack: [...session.undoStack, recordId],
    drafts: withoutDraft(session.drafts, recordId),
  };
}

/**
 * Keeps what the note field holds for the record shown, before the page shows another one: a
 * note typed and left (by ←/→, U, or a refused decision) is there again on coming back. A
 * note equal to the one the vote already carries is no draft.
 */
export function withDraftNote(session: ScreeningSession, text: string): ScreeningSession {
  const item = currentItem(session);
  if (!item) return session;
  if (text === (item.myVote?.note ?? ''))
    return { ...session, drafts: withoutDraft(session.drafts, item.id) };
  return { ...session, drafts: new Map(session.drafts).set(item.id, text) };
}

/** The note to show with the record at the cursor: the draft typed earlier, else its vote's note. */
export function noteShown(session: ScreeningSession): string {
  const item = currentItem(session);
  if (!item) return '';
  return session.drafts.get(item.id) ?? item.myVote?.note ?? '';
}

/** Moves to the next record after the cursor that has no vote yet, or past the end. */
export function advanced(session: ScreeningSession): ScreeningSession {
  const next = session.items.findIndex((item, i) => i > session.cursor && !item.myVote);
  return { ...session, cursor: next === -1 ? session.items.length : next };
}

/** ← and →: one step, never before the first record nor further than just past the last. */
export function moved(session: ScreeningSession, step: number): ScreeningSession {
  return { ...session, cursor: Math.min(Math.max(0, session.cursor + step), session.items.length) };
}

/** Whether → would leave the loaded records (the page tops up first). */
export function atLastItem(session: ScreeningSession): boolean {
  return session.cursor >= session.items.length - 1;
}

/**
 * What U undoes: the latest decision of this visit, else the vote on the record shown. It is
 * taken off the stack before the server answers, so a refused undo (the record was resolved
 * meanwhile) does not block undoing the decisions before it.
 */
export function takeUndo(session: ScreeningSession): {
  session: ScreeningSession;
  recordId: number | undefined;
} {
  const last = session.undoStack.at(-1);
  if (last !== undefined)
    return { session: { ...session, undoStack: session.undoStack.slice(0, -1) }, recordId: last };
  const shown = currentItem(session);
  return { session, recordId: shown?.myVote ? shown.id : undefined };
}

/** The server withdrew the vote: the record is open again and shown, the vote's note kept as a draft. */
export function undone(session: ScreeningSession, recordId: number): ScreeningSession {
  const index = session.items.findIndex((item) => item.id === recordId);
  const note = session.items[index]?.myVote?.note;
  return {
    ...session,
    items: withVote(session.items, recordId, null),
    cursor: index === -1 ? session.cursor : index,
    drafts:
      note && !session.drafts.has(recordId) ? new Map(session.drafts).set(recordId, note) : session.drafts,
  };
}

/** The server's count of records left in the reviewer's queue (from the progress route). */
export function withRemaining(session: ScreeningSession, remaining: number | undefined): ScreeningSession {
  return remaining === undefined ? session : { ...session, remaining };
}

function withoutDraft(drafts: ReadonlyMap<number, string>, recordId: number): ReadonlyMap<number, string> {
  if (!drafts.has(recordId)) return drafts;
  const next = new Map(drafts);
  next.delete(recordId);
  return next;
}

function withVote(items: readonly SessionItem[], recordId: number, vote: Vote | null): SessionItem[] {
  return items.map((item) => (item.id === recordId ? { ...item, myVote: vote } : item));
}
