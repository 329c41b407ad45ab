import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import {
  listProjects,
  projectById,
  readPrismaSettingsJson,
  recordsByIds,
  writePrismaSettingsJson,
} from '../db/repos/prisma';
import { NotFoundError, ValidationError } from '../domain/errors';
import { computePrisma } from '../domain/prisma/compute';
import { readPrismaSettings, withSettings, type PrismaSettings } from '../domain/prisma/settings';
import type { PrismaResult } from '../domain/prisma/types';
import { prismaInputFor } from './prisma-state';

/** The PRISMA 2020 diagram of a project, computed from its records, decisions and PRISMA settings. */
export function projectPrisma(db: Db, projectId: number, override: PrismaSettings = {}): PrismaResult {
  const settings = prismaSettings(db, projectId);
  return computePrisma(withSettings(prismaInputFor(db, projectId), { ...settings, ...override }));
}

/** The project's PRISMA settings (previous version of an updated review, box texts). */
export function prismaSettings(db: Db, projectId: number): Api.PrismaSettings {
  if (!projectById(db, projectId)) throw new NotFoundError(`project ${projectId} does not exist`);
  return readPrismaSettings(readPrismaSettingsJson(db, projectId));
}

/** Replaces the project's PRISMA settings as a whole (what is left out is cleared). */
export function updatePrismaSettings(db: Db, projectId: number, requested: unknown): Api.PrismaSettings {
  return db.transaction(() => {
    if (!projectById(db, projectId)) throw new NotFoundError(`project ${projectId} does not exist`);
    const clean = readPrismaSettings(requested);
    writePrismaSettingsJson(db, projectId, clean);
    return clean;
  })();
}

/** The project named, or the only project of the database when no name is given. */
export function resolveProject(db: Db, name?: string): { id: number; name: string } {
  const projects = listProjects(db);
  if (name !== undefined) {
    const found = projects.find((p) => p.name === name);
    if (!found)
      throw new NotFoundError(
        `no project named "${name}" (projects: ${projects.map((p) => p.name).join(', ') || 'none'})`,
      );
    return found;
  }
  if (projects.length === 1) return projects[0]!;
  if (projects.length === 0) throw new NotFoundError('the database has no project');
  throw new ValidationError(
    `the database has ${projects.length} projects; choose one with --project (${projects.map((p) => p.name).join(', ')})`,
  );
}

/** Drill-down: the records (or reports) behind one count of the diagram, a page at a time. */
export function prismaBoxRecords(
  db: Db,
  projectId: number,
  box: string,
  page: { offset: number; limit: number },
): Api.BoxRecords {
  const result = projectPrisma(db, projectId);
  const ids = result.trace[box];
  if (!ids) throw new NotFoundError(`no list of records behind "${box}" in this project's diagram`);
  const slice = ids.slice(page.offset, page.offset + page.limit);
  return { box, total: ids.length, offset: page.offset, records: recordsByIds(db, projectId, slice) };
}
