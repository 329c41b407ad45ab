import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { insertAction } from '../db/repos/project-actions';
import { requireProjectExists } from '../db/repos/projects';
import { countRecordsBySource } from '../db/repos/records';
import {
  deleteSourceWithRecords,
  getSource,
  listSources,
  sourceImpact,
  updateSource,
  type Source,
  type SourceCorrection,
} from '../db/repos/sources';
import type { Actor } from '../domain/auth/actor';
import { ConflictError, ValidationError } from '../domain/errors';
import type { ServiceDeps } from './deps';
import { requireAction } from './screening-settings';

/** A project's sources (searches and their files), each with the records it holds now. */
export function sourcesWithCounts(db: Db, projectId: number): { source: Source; records: number }[] {
  requireProjectExists(db, projectId);
  const counts = countRecordsBySource(db, projectId);
  return listSources(db, projectId).map((source) => ({ source, records: counts.get(source.id) ?? 0 }));
}

/**
 * The owner corrects a source after the import: its name, kind, search date or search string.
 * The PRISMA diagram reads them on every drawing, so a database imported as "other method"
 * moves to the databases column. Recorded in the project's history (before and after).
 */
export function editSource(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { sourceId: number } & Partial<SourceCorrection>,
): { source: Source; records: number } {
  const { db } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'import');
  const now = deps.clock();
  return db.transaction(() => {
    const before = getSource(db, projectId, input.sourceId);
    const name = input.name === undefined ? before.name : input.name.trim();
    if (name === '' || name.length > 200)
      throw new ValidationError('a source needs a name of 1 to 200 characters');
    const fields: SourceCorrection = {
      name,
      kind: input.kind ?? before.kind,
      searchDate: input.searchDate === undefined ? before.searchDate : input.searchDate,
      searchString: input.searchString === undefined ? before.searchString : input.searchString,
    };
    const changed = (Object.keys(fields) as (keyof SourceCorrection)[]).filter(
      (k) => fields[k] !== before[k],
    );
    const source = updateSource(db, projectId, input.sourceId, fields);
    if (changed.length > 0)
      insertAction(
        db,
        projectId,
        {
          kind: 'source_edit',
          userId: actor.userId,
          summary: `Corrected source "${before.name}": ${changed.join(', ')}`,
          details: {
            sourceId: source.id,
            before: Object.fromEntries(changed.map((k) => [k, before[k]])),
            after: Object.fromEntries(changed.map((k) => [k, fields[k]])),
          },
          touched: 0,
        },
        now,
      );
    return { source, records: countRecordsBySource(db, projectId).get(source.id) ?? 0 };
  })();
}

/** What deleting a source would lose: its records and every decision, code, label and note on them. */
export function sourceDeletionImpact(db: Db, projectId: number, sourceId: number): Api.SourceDeletionImpact {
  const source = getSource(db, projectId, sourceId);
  const counts = sourceImpact(db, sourceId);
  const { records: _records, ...decisions } = counts;
  return {
    sourceId,
    name: source.name,
    ...counts,
    hasDecisions: Object.values(decisions).some((n) => n > 0),
  };
}

/**
 * Deletes a source and its records. A source whose records carry no decisions goes at once;
 * one with decisions (votes, resolutions, full texts, studies, codes, labels, notes, removals,
 * a person's duplicate decisions, or records merged with another source's) is refused (409,
 * the list of what would be lost in `details`) until `confirm` is given. Either way the
 * deletion and what it took are recorded in the project's history.
 */
export function deleteSource(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { sourceId: number; confirm: boolean },
): Api.SourceDeletionImpact {
  const { db } = deps;
  requireProjectExists(db, projectId);
  requireAction(actor, 'import');
  const now = deps.clock();
  return db.transaction(() => {
    const source = getSource(db, projectId, input.sourceId);
    const impact = sourceDeletionImpact(db, projectId, input.sourceId);
    if (impact.hasDecisions && !input.confirm)
      throw new ConflictError(
        `the records of "${source.name}" carry decisions that deleting it would lose; confirm to delete`,
        impact,
      );
    deleteSourceWithRecords(db, projectId, input.sourceId);
    insertAction(
      db,
      projectId,
      {
        kind: 'source_delete',
        userId: actor.userId,
        summary: `Deleted source "${source.name}" and its ${impact.records} record${impact.records === 1 ? '' : 's'}`,
        details: {
          source: {
            id: source.id,
            name: source.name,
            kind: source.kind,
            fileName: source.fileName,
            searchDate: source.searchDate,
            importedAt: source.importedAt,
          },
          lost: impact,
          confirmed: input.confirm,
        },
        touched: impact.records,
      },
      now,
    );
    return impact;
  })();
}
