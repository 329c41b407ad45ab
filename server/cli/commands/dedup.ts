import { runDedup } from '../../services/dedup';
import { parseCommandArgs } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/** `sift dedup`: the counts after a run are a contract (`--json`). */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  return withProject(values, (db, project) => {
    const summary = runDedup(db, project.id, () => new Date());
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
  });
}
