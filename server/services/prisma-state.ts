import type { Db } from '../db/connection';
import { sourcesWithRecordIds } from '../db/repos/prisma';
import type { PrismaInput } from '../domain/prisma/types';

/**
 * What the database knows about a project, as PRISMA input with the record ids behind every
 * count: records identified per source (one source = one search file).
 */
export function prismaInputFor(db: Db, projectId: number): PrismaInput {
  const sources = sourcesWithRecordIds(db, projectId).map((s) => ({
    name: s.name,
    kind: s.kind,
    n: s.recordIds.length,
    ids: s.recordIds,
  }));
  return { sources };
}
