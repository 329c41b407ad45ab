import type { Actor } from '../../../server/domain/auth/actor';
import { exportArchive, importArchive } from '../../../server/services/archive';
import { runBulk } from '../../../server/services/bulk';
import { addRecordNote, createLabel, labelRecord } from '../../../server/services/labels';
import { projectPrisma } from '../../../server/services/prisma';
import { recordList } from '../../../server/services/records';
import { editSource } from '../../../server/services/sources';
import { findProjectByName } from '../../../server/db/repos/projects';
import { openTestDb } from '../../support/db';
import { seedReviewedProject } from '../../support/records';

/**
 * The archive keeps the records workspace (issue 16): labels on records, team notes, records
 * removed before screening, the records' histories and the project's history, and an archive
 * imported elsewhere reads the same.
 */
it('round-trips labels, notes, removals and the project history through an archive', () => {
  const db = openTestDb();
  const review = seedReviewedProject(db);
  const { projectId, ids, deps, owner, alice } = review;
  const key = createLabel(deps, projectId, owner, { name: 'Key paper', colour: '#aa0011' });
  labelRecord(deps, projectId, alice, { recordId: ids.included, labelId: key.id });
  addRecordNote(deps, projectId, alice, { recordId: ids.included, text: 'Read this first.' });
  runBulk(deps, projectId, owner, {
    filter: { labelIds: [key.id] },
    action: { kind: 'label', labelId: key.id },
  });
  const old = createLabel(deps, projectId, owner, { name: 'Old', colour: '#777777' });
  runBulk(deps, projectId, owner, { filter: { yearTo: 2019 }, action: { kind: 'label', labelId: old.id } });
  const embase = db.prepare('SELECT source_id FROM records WHERE id = ?').pluck().get(ids.included) as number;
  editSource(deps, projectId, owner, { sourceId: embase, searchDate: '2026-01-01' });

  const archive = exportArchive(deps, projectId);
  for (const table of [
    'labels',
    'record_labels',
    'record_notes',
    'record_removals',
    'record_events',
    'project_actions',
  ])
    expect({ table, rows: archive.tables[table]!.length > 0 }).toEqual({ table, rows: true });

  const target = openTestDb();
  const { project } = importArchive({ db: target, clock: deps.clock }, { archive });
  expect({ ...exportArchive({ db: target, clock: deps.clock }, project.id), exportedAt: '' }).toEqual({
    ...archive,
    exportedAt: '',
  });
  const ownerThere = {
    userId: target.prepare("SELECT id FROM users WHERE username = 'owner'").pluck().get() as number,
    role: 'owner' as const,
  };
  const list = (d: typeof db, p: number, who: Actor) =>
    recordList(d, p, who, { filter: {}, limit: 50 }).items.map((i) => [
      i.title,
      i.labels.map((l) => l.name),
      i.outcome,
      i.removedBeforeScreening?.reason ?? null,
    ]);
  expect(list(target, project.id, ownerThere)).toEqual(list(db, projectId, owner));
  expect(projectPrisma(target, project.id).model).toEqual(projectPrisma(db, projectId).model);
  // the full-text index is rebuilt as the records are inserted
  expect(recordList(target, project.id, ownerThere, { filter: { q: 'mice' }, limit: 5 }).total).toBe(1);
  expect(findProjectByName(target, 'Reviewed')).toBeDefined();
});
