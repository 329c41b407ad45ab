import type * as Api from '../api/types';
import * as labels from '../db/repos/labels';
import { appendRecordEvent } from '../db/repos/record-events';
import { addNote as insertNote } from '../db/repos/record-notes';
import { requireProjectExists } from '../db/repos/projects';
import { getRecord } from '../db/repos/records';
import type { Actor } from '../domain/auth/actor';
import { ValidationError } from '../domain/errors';
import type { ServiceDeps } from './deps';
import { requireAction } from './screening-settings';
import type { Db } from '../db/connection';

/**
 * Labels (project-defined, a name and a colour; the owner defines them, reviewers and owners
 * put them on records) and team notes. Every label put on or taken off is recorded in the
 * record's history with who and when.
 */

export interface LabelInput {
  name: string;
  colour: string;
}

const COLOUR = /^#[0-9a-f]{6}$/i;

function cleanLabel(input: Partial<LabelInput>): Partial<LabelInput> {
  const out: Partial<LabelInput> = {};
  if (input.name !== undefined) {
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (name === '' || name.length > 60)
      throw new ValidationError('a label needs a name of 1 to 60 characters');
    out.name = name;
  }
  if (input.colour !== undefined) {
    if (!COLOUR.test(input.colour)) throw new ValidationError('a label colour is #rrggbb');
    out.colour = input.colour.toLowerCase();
  }
  return out;
}

export function projectLabels(db: Db, projectId: number): Api.Label[] {
  requireProjectExists(db, projectId);
  return labels.listLabels(db, projectId);
}

function labelWithCount(db: Db, projectId: number, labelId: number): Api.Label {
  const found = labels.listLabels(db, projectId).find((l) => l.id === labelId);
  return found ?? { ...labels.getLabel(db, projectId, labelId), records: 0 };
}

export function createLabel(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: LabelInput,
): Api.Label {
  requireProjectExists(deps.db, projectId);
  requireAction(actor, 'settings');
  const clean = cleanLabel(input) as LabelInput;
  const label = deps.db.transaction(() => labels.createLabel(deps.db, projectId, clean, deps.clock()))();
  return { ...label, records: 0 };
}

export function updateLabel(
  db: Db,
  projectId: number,
  actor: Actor,
  input: { labelId: number } & Partial<LabelInput>,
): Api.Label {
  requireProjectExists(db, projectId);
  requireAction(actor, 'settings');
  const clean = cleanLabel(input);
  db.transaction(() => labels.updateLabel(db, projectId, input.labelId, clean))();
  return labelWithCount(db, projectId, input.labelId);
}

/** Deletes a label: it comes off every record; each record's history keeps that it had it. */
export function deleteLabel(deps: ServiceDeps, projectId: number, actor: Actor, labelId: number): void {
  const { db } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'settings');
  const now = deps.clock();
  db.transaction(() => {
    const label = labels.getLabel(db, projectId, labelId);
    for (const recordId of labels.recordIdsWithLabel(db, projectId, labelId))
      appendRecordEvent(
        db,
        projectId,
        { recordId, kind: 'label_removed', userId: actor.userId, labelName: label.name },
        now,
      );
    labels.deleteLabel(db, projectId, labelId);
  })();
}

/** Puts a label on a record (no change if it is there already). */
export function labelRecord(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; labelId: number },
): Api.LabelSummary[] {
  const { db } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'annotate');
  const now = deps.clock();
  db.transaction(() => {
    getRecord(db, projectId, input.recordId);
    const label = labels.getLabel(db, projectId, input.labelId);
    const added = labels.addRecordLabel(
      db,
      projectId,
      { recordId: input.recordId, labelId: label.id, userId: actor.userId, actionId: null },
      now,
    );
    if (added)
      appendRecordEvent(
        db,
        projectId,
        { recordId: input.recordId, kind: 'label_added', userId: actor.userId, labelName: label.name },
        now,
      );
  })();
  return recordLabels(db, projectId, input.recordId);
}

/** Takes a label off a record (no change if it is not on it). */
export function unlabelRecord(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; labelId: number },
): Api.LabelSummary[] {
  const { db } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'annotate');
  const now = deps.clock();
  db.transaction(() => {
    getRecord(db, projectId, input.recordId);
    const label = labels.getLabel(db, projectId, input.labelId);
    if (labels.removeRecordLabel(db, input.recordId, label.id))
      appendRecordEvent(
        db,
        projectId,
        { recordId: input.recordId, kind: 'label_removed', userId: actor.userId, labelName: label.name },
        now,
      );
  })();
  return recordLabels(db, projectId, input.recordId);
}

function recordLabels(db: Db, projectId: number, recordId: number): Api.LabelSummary[] {
  return (labels.labelsOfRecords(db, projectId, [recordId]).get(recordId) ?? []).map((l) => ({
    id: l.id,
    name: l.name,
    colour: l.colour,
  }));
}

/** Adds a team note to a record (append-only). */
export function addRecordNote(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; text: string },
): Api.RecordNote {
  const { db } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'annotate');
  const text = input.text.trim();
  if (text === '' || text.length > 5000) throw new ValidationError('a note is 1 to 5000 characters');
  const now = deps.clock();
  return db.transaction(() => {
    getRecord(db, projectId, input.recordId);
    return insertNote(db, projectId, { recordId: input.recordId, userId: actor.userId, text }, now);
  })();
}
