import type { Db } from '../db/connection';
import { hasColumn, hasTable, reviewRecords, reviewSources } from '../db/repos/prisma';
import { prismaInputFromReview } from '../domain/prisma/from-review';
import type { PrismaInput } from '../domain/prisma/types';

/**
 * What the database knows about a project, as PRISMA input with the record ids behind every
 * count: records identified per source; duplicates once deduplication's schema is present;
 * screening, retrieval, full-text and study counts once screening's schema is present.
 */
export function prismaInputFor(db: Db, projectId: number): PrismaInput {
  const parts = {
    deduplication: hasColumn(db, 'records', 'duplicate_of'),
    screening: ['screening_state', 'fulltext_reports', 'study_reports'].every((t) => hasTable(db, t)),
  };
  return prismaInputFromReview({
    sources: reviewSources(db, projectId),
    records: reviewRecords(db, projectId, parts),
    ...parts,
  });
}
