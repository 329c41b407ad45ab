import type { Db } from '../connection';
import { prepared } from '../statements';

/** A team note on a record: append-only (a trigger refuses edits), with its author and time. */
export interface RecordNote {
  id: number;
  recordId: number;
  userId: number | null;
  username: string | null;
  text: string;
  createdAt: string;
}

interface NoteRow {
  id: number;
  record_id: number;
  user_id: number | null;
  username: string | null;
  text: string;
  created_at: string;
}

const toNote = (row: NoteRow): RecordNote => ({
  id: row.id,
  recordId: row.record_id,
  userId: row.user_id,
  username: row.username,
  text: row.text,
  createdAt: row.created_at,
});

const SELECT = `SELECT n.id, n.record_id, n.user_id, u.username, n.text, n.created_at
  FROM record_notes n LEFT JOIN users u ON u.id = n.user_id`;

export function addNote(
  db: Db,
  projectId: number,
  input: { recordId: number; userId: number | null; text: string },
  now: Date,
): RecordNote {
  const info = prepared(
    db,
    'INSERT INTO record_notes (project_id, record_id, user_id, text, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(projectId, input.recordId, input.userId, input.text, now.toISOString());
  return toNote(prepared(db, `${SELECT} WHERE n.id = ?`).get(Number(info.lastInsertRowid)) as NoteRow);
}

/** The notes on each of the given records, oldest first, by record id. */
export function notesOfRecords(
  db: Db,
  projectId: number,
  recordIds: readonly number[],
): Map<number, RecordNote[]> {
  const out = new Map<number, RecordNote[]>();
  if (recordIds.length === 0) return out;
  const rows = prepared(
    db,
    `${SELECT} WHERE n.project_id = ? AND n.record_id IN (SELECT value FROM json_each(?)) ORDER BY n.record_id, n.id`,
  ).all(projectId, JSON.stringify(recordIds)) as NoteRow[];
  for (const row of rows) {
    const list = out.get(row.record_id) ?? [];
    list.push(toNote(row));
    out.set(row.record_id, list);
  }
  return out;
}
