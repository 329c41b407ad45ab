import fs from 'node:fs';
import { openDatabase } from '../../server/db/connection';
import { NotFoundError } from '../../server/domain/errors';
import { runDedup } from '../../server/services/dedup';
import { resolveProject } from '../../server/services/projects';
import { parseCommandArgs, required } from '../args';
import type { Command } from './types';

const USAGE = 'sift dedup --db FILE [--project NAME] [--json]';

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
      const projectId = resolveProject(db, values.project).id;
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
