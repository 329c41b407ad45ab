import type { VoteDecision } from '../../../server/api/types';

/** What a key press on the screening page asks for. */
export type KeyCommand =
  | { kind: 'decide'; decision: VoteDecision }
  | { kind: 'undo' }
  | { kind: 'note' }
  | { kind: 'move'; step: -1 | 1 }
  | { kind: 'help' }
  /** The nth exclusion reason of the list, 1–9. */
  | { kind: 'reason'; n: number };

const LETTERS: Record<string, KeyCommand> = {
  i: { kind: 'decide', decision: 'include' },
  e: { kind: 'decide', decision: 'exclude' },
  m: { kind: 'decide', decision: 'maybe' },
  u: { kind: 'undo' },
  n: { kind: 'note' },
};

/** The screening shortcut a key stands for (either case), or null when it is none. */
export function keyCommand(key: string): KeyCommand | null {
  if (key === 'ArrowLeft') return { kind: 'move', step: -1 };
  if (key === 'ArrowRight') return { kind: 'move', step: 1 };
  if (key === '?') return { kind: 'help' };
  if (/^[1-9]$/.test(key)) return { kind: 'reason', n: Number(key) };
  return key.length === 1 ? (LETTERS[key.toLowerCase()] ?? null) : null;
}
