import fs from 'node:fs';
import { openDatabase } from '../../db/connection';
import { findProjects } from '../../db/repos/dedup';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { runDedup } from '../../services/dedup';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

const USAGE = 'sift dedup --db FILE [--project NAME] [--json]';

/** The project named, or the only one when the database holds just one. */
function resolveProject(projects: { id: number; name: string }[], name: string | undefined): number {
  if (name !== undefined) {
    const match = projects[0];
    if (!match) throw new NotFoundError(`no project named "${name}"`);
    return match.id;
  }
  if (projects.length === 1) return projects[0]!.id;
  if (projects.length === 0) throw new NotFoundError('the database has no project');
  throw new ValidationError(
    `the database has ${projects.length} projects; name one with --project (${projects.map((p) => `"${p.name}"`).join(', ')})`,
  );
}

export const dedupCommand: Command = {
  name: 'dedup',
  usage: USAGE,
  summary: 'merge certain duplicates automatically and queue uncertain ones for review',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      project: { type: 'string' },
      json: { type: 'boolean' },
    });
    const dbFile = required(values.db, 'db');
    if (!fs.existsSync(dbFile)) throw new NotFoundError(`no database at ${dbFile}`);
    const db = openDatabase(dbFile);
    try {
      const projectId = resolveProject(findProjects(db, values.project), values.project);
      const summary = runDedup(db, projectId, () => new Date());
      const counts = {
        records: summary.records,
        duplicates: summary.duplicates,
        clusters: summary.clusters,
        review: summary.review,
      };
      if (values.json) {
        io.stdout.write(`${JSON.stringify(counts)}\n`);
      } else {
        io.stdout.write(
          `${summary.records} records: ${summary.duplicates} duplicates merged into ${summary.clusters} clusters, ` +
            `${summary.review} clusters waiting for a reviewer\n` +
            `this run: ${summary.newRecords} new records, ${summary.comparisons} comparisons, ${summary.mergedNow} merged, ` +
            `${summary.reviewNow} sent to review (${summary.durationMs} ms)\n`,
        );
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
