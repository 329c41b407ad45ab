import type { Db } from '../db/connection';
import { isSectionName, readSettingsDocument, writeSettingsSection } from '../db/repos/projects';
import { NotFoundError, ValidationError } from '../domain/errors';
import type { SettingsSection } from '../domain/settings-section';

/**
 * The one settings module: every area reads and writes its own named section of
 * projects.settings_json through these functions, never the column itself.
 */

/** One section of a project's settings; NotFound when the project does not exist. */
export function readSection<T>(db: Db, projectId: number, section: SettingsSection<T>): T {
  const document = readSettingsDocument(db, projectId);
  if (!document) throw new NotFoundError(`project ${projectId} not found`);
  return section.read(document[section.name]);
}

/**
 * The one way to change settings: in one immediate transaction (the write lock is taken
 * before reading, so two writers never interleave), read the section, let `change` compute
 * the next value — the area's domain validates there and refuses by throwing, which rolls
 * back and writes nothing — and write that section alone, leaving the other areas' as they are.
 * Inside a caller's transaction this is part of it (the caller's rollback undoes it too).
 */
export function updateSection<T>(
  db: Db,
  projectId: number,
  section: SettingsSection<T>,
  change: (current: T) => T,
): T {
  return db
    .transaction(() => {
      const next = change(readSection(db, projectId, section));
      writeSettingsSection(db, projectId, section.name, next);
      return next;
    })
    .immediate();
}

/**
 * Restores an archived settings document into a project, section by section through the
 * same write as updateSection. Sections are restored as stored: each area reads them
 * leniently, so a section this version does not know is kept, not refused.
 */
export function restoreDocument(db: Db, projectId: number, document: unknown): void {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return;
  db.transaction(() => {
    for (const [name, value] of Object.entries(document)) {
      if (!isSectionName(name)) throw new ValidationError(`archive: "${name}" is not a settings section`);
      if (!writeSettingsSection(db, projectId, name, value))
        throw new NotFoundError(`project ${projectId} not found`);
    }
  })();
}
