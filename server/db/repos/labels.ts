import type { Db } from '../connection';
import { prepared } from '../statements';
import { ConflictError, NotFoundError } from '../../domain/errors';

/** A project's label: a name and a colour that members put on records. */
export interface Label {
  id: number;
  name: string;
  colour: string;
  createdAt: string;
}

interface LabelRow {
  id: number;
  name: string;
  colour: string;
  created_at: string;
}

const toLabel = (row: LabelRow): Label => ({
  id: row.id,
  name: row.name,
  colour: row.colour,
  createdAt: row.created_at,
});

/** The project's labels with how many records carry each, by name. */
export function listLabels(db: Db, projectId: number): (Label & { records: number })[] {
  const rows = prepared(
    db,
    `SELECT l.id, l.name, l.colour, l.created_at,
            (SELECT COUNT(*) FROM record_labels rl WHERE rl.label_id = l.id) AS records
       FROM labels l WHERE l.project_id = ? ORDER BY l.name COLLATE NOCASE, l.id`,
  ).all(projectId) as (LabelRow & { records: number })[];
  return rows.map((row) => ({ ...toLabel(row), records: row.records }));
}

export function findLabel(db: Db, projectId: number, labelId: number): Label | undefined {
  const row = prepared(
    db,
    'SELECT id, name, colour, created_at FROM labels WHERE id = ? AND project_id = ?',
  ).get(labelId, projectId) as LabelRow | undefined;
  return row && toLabel(row);
}

/** A label of this project, or NotFound. */
export function getLabel(db: Db, projectId: number, labelId: number): Label {
  const label = findLabel(db, projectId, labelId);
  if (!label) throw new NotFoundError(`label ${labelId} not found`);
  return label;
}

export function findLabelByName(db: Db, projectId: number, name: string): Label | undefined {
  const row = prepared(
    db,
    'SELECT id, name, colour, created_at FROM labels WHERE project_id = ? AND name = ? COLLATE NOCASE',
  ).get(projectId, name) as LabelRow | undefined;
  return row && toLabel(row);
}

function refuseTakenName(db: Db, projectId: number, name: string, except?: number): void {
  const taken = findLabelByName(db, projectId, name);
  if (taken && taken.id !== except) throw new ConflictError(`a label named "${taken.name}" already exists`);
}

export function createLabel(
  db: Db,
  projectId: number,
  input: { name: string; colour: string },
  now: Date,
): Label {
  refuseTakenName(db, projectId, input.name);
  const info = prepared(
    db,
    'INSERT INTO labels (project_id, name, colour, created_at) VALUES (?, ?, ?, ?)',
  ).run(projectId, input.name, input.colour, now.toISOString());
  return getLabel(db, projectId, Number(info.lastInsertRowid));
}

export function updateLabel(
  db: Db,
  projectId: number,
  labelId: number,
  input: { name?: string | undefined; colour?: string | undefined },
): Label {
  const label = getLabel(db, projectId, labelId);
  if (input.name !== undefined) refuseTakenName(db, projectId, input.name, labelId);
  prepared(db, 'UPDATE labels SET name = ?, colour = ? WHERE id = ? AND project_id = ?').run(
    input.name ?? label.name,
    input.colour ?? label.colour,
    labelId,
    projectId,
  );
  return getLabel(db, projectId, labelId);
}

/** Deletes a label; it comes off every record (ON DELETE CASCADE), the records' histories keep its name. */
export function deleteLabel(db: Db, projectId: number, labelId: number): void {
  getLabel(db, projectId, labelId);
  prepared(db, 'DELETE FROM labels WHERE id = ? AND project_id = ?').run(labelId, projectId);
}

/** Puts a label on a record; false when it was there already. */
export function addRecordLabel(
  db: Db,
  projectId: number,
  input: { recordId: number; labelId: number; userId: number | null; actionId: number | null },
  now: Date,
): boolean {
  const info = prepared(
    db,
    `INSERT INTO record_labels (record_id, label_id, project_id, added_by, added_at, action_id)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(input.recordId, input.labelId, projectId, input.userId, now.toISOString(), input.actionId);
  return info.changes === 1;
}

/** Takes a label off a record; false when it was not on it. */
export function removeRecordLabel(db: Db, recordId: number, labelId: number): boolean {
  return (
    prepared(db, 'DELETE FROM record_labels WHERE record_id = ? AND label_id = ?').run(recordId, labelId)
      .changes === 1
  );
}

/** The records a bulk action labelled that still carry that label from it. */
export function recordsLabelledBy(db: Db, actionId: number): { recordId: number; labelId: number }[] {
  return prepared(
    db,
    'SELECT record_id AS recordId, label_id AS labelId FROM record_labels WHERE action_id = ? ORDER BY record_id',
  ).all(actionId) as { recordId: number; labelId: number }[];
}

/** The records carrying a label, in id order. */
export function recordIdsWithLabel(db: Db, projectId: number, labelId: number): number[] {
  return prepared(
    db,
    'SELECT record_id FROM record_labels WHERE project_id = ? AND label_id = ? ORDER BY record_id',
  )
    .pluck()
    .all(projectId, labelId) as number[];
}

/** The labels on each of the given records, by record id (records without labels are absent). */
export function labelsOfRecords(
  db: Db,
  projectId: number,
  recordIds: readonly number[],
): Map<number, Label[]> {
  const out = new Map<number, Label[]>();
  if (recordIds.length === 0) return out;
  const rows = prepared(
    db,
    `SELECT rl.record_id, l.id, l.name, l.colour, l.created_at
       FROM json_each(?) j
       JOIN record_labels rl ON rl.record_id = j.value AND rl.project_id = ?
       JOIN labels l ON l.id = rl.label_id
      ORDER BY rl.record_id, l.name COLLATE NOCASE`,
  ).all(JSON.stringify(recordIds), projectId) as (LabelRow & { record_id: number })[];
  for (const row of rows) {
    const list = out.get(row.record_id) ?? [];
    list.push(toLabel(row));
    out.set(row.record_id, list);
  }
  return out;
}
