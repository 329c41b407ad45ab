import type { Db } from '../db/connection';
import { reviewRecords, reviewSources } from '../db/repos/prisma';
import { prismaInputFromReview } from '../domain/prisma/from-review';
import type { PrismaInput } from '../domain/prisma/types';

/**
 * What the database knows about a project, as PRISMA input with the record ids behind every
 * count: records identified per source, duplicates, screening, retrieval, full-text and studies.
 */
export function prismaInputFor(db: Db, projectId: number): PrismaInput {
  return prismaInputFromReview({
    sources: reviewSources(db, projectId),
    records: reviewRecords(db, projectId),
  });
}
