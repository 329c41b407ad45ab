import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { getProject } from '../db/repos/projects';
import { recordsByIds } from '../db/repos/prisma';
import { may } from '../domain/auth/actions';
import type { Actor } from '../domain/auth/actor';
import { NotFoundError } from '../domain/errors';
import { computePrisma } from '../domain/prisma/compute';
import {
  PRISMA_SETTINGS,
  readPrismaSettings,
  withSettings,
  type PrismaSettings,
} from '../domain/prisma/settings';
import type { PrismaResult } from '../domain/prisma/types';
import { exportPrisma, prismaJson, type PrismaFormat } from './prisma-export';
import { prismaInputFor } from './prisma-state';
import { readSection, updateSection } from './project-settings';
import { visibilityFor } from './visibility';

/** The PRISMA 2020 diagram of a project, computed from its records, decisions and PRISMA settings. */
export function projectPrisma(db: Db, projectId: number, override: PrismaSettings = {}): PrismaResult {
  const settings = prismaSettings(db, projectId);
  return computePrisma(withSettings(prismaInputFor(db, projectId), { ...settings, ...override }));
}

/**
 * The record ids behind the counts (the JSON trace, the drill-down lists, the links in the
 * SVG) tell screening outcomes record by record, so they follow the `export` action (owners).
 */
function maySeeTrace(actor: Actor): boolean {
  return may(actor.role, 'export');
}

/**
/**
 * Every count below identification is computed from screening outcomes, that is from everyone's
 * votes: the diagram, in every format, is shown to a member once both screening stages are
 * open to them (the visibility policy's `prisma` view), and refused (403) before.
 */
function requireDiagram(db: Db, projectId: number, actor: Actor): void {
  getProject(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'prisma' });
}

/**
 * The JSON document of GET …/prisma as this actor may see it (the trace only for those who
 * may, and only when wanted: a page that shows the counts alone need not carry every record id).
 */
export function prismaDocument(
  db: Db,
  projectId: number,
  actor: Actor,
  input: { trace?: boolean } = {},
): Api.PrismaDocument {
  requireDiagram(db, projectId, actor);
  const { trace, ...counts } = prismaJson(projectPrisma(db, projectId));
  return maySeeTrace(actor) && input.trace !== false ? { ...counts, trace } : counts;
}

/** Switches of the drawn diagram (as the URL's query gives them). */
export interface DiagramOptions {
  other?: boolean;
  previous?: boolean;
  detail?: boolean;
}

/** The diagram as a file, titled with the project's name; its boxes link to their records only for those who may see them. */
export async function prismaFile(
  db: Db,
  projectId: number,
  actor: Actor,
  input: { format: PrismaFormat; options: DiagramOptions },
): Promise<Buffer> {
  requireDiagram(db, projectId, actor);
  const { options } = input;
  const drillDownHref = maySeeTrace(actor)
    ? `/api/projects/${projectId}/prisma/boxes/{box}/records`
    : undefined;
  return exportPrisma(projectPrisma(db, projectId), input.format, {
    title: `PRISMA 2020 flow diagram — ${getProject(db, projectId).name}`,
    svg: { other: options.other, previous: options.previous, perSourceDetail: options.detail, drillDownHref },
  });
}

/** The project's PRISMA settings (previous version of an updated review, box texts). */
export function prismaSettings(db: Db, projectId: number): Api.PrismaSettings {
  return readSection(db, projectId, PRISMA_SETTINGS);
}

/** Replaces the project's PRISMA settings as a whole (what is left out is cleared). */
export function updatePrismaSettings(db: Db, projectId: number, requested: unknown): Api.PrismaSettings {
  return updateSection(db, projectId, PRISMA_SETTINGS, () => readPrismaSettings(requested));
}

/** The drill-down as this actor may see it: the records behind a count are exports of outcomes (owners). */
export function prismaBoxRecordsFor(
  db: Db,
  projectId: number,
  actor: Actor,
  input: { box: string; offset: number; limit: number },
): Api.BoxRecords {
  getProject(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'export' });
  return prismaBoxRecords(db, projectId, input.box, input);
}

/** Drill-down: the records (or reports) behind one count of the diagram, a page at a time (no blinding: CLI, owners). */
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
