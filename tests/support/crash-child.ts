/**
 * A process for tests/integration/reliability/crash.test.ts to kill with SIGKILL.
 *
 *   crash-child.ts import DB FILE     runs the real `sift import --force` on FILE (one transaction)
 *   crash-child.ts decide DB          votes through the screening service, record after record,
 *                                     as the reviewers the test made; prints `ack RECORD USER`
 *                                     after each decision returns (that is, after its commit)
 *
 * Both print `ready` once the database is open, so the test's kill delay measures work, not start-up.
 * Writes to a pipe are synchronous on Linux, so an `ack` the parent read was sent after the commit.
 */
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { decide } from '../../server/services/screening';
// The import command itself, not runCli: runCli loads commands with import(), which `node -r tsx/cjs` cannot resolve.
import { run as siftImport } from '../../server/cli/commands/import';

async function main(): Promise<number> {
  const [mode, dbFile, file] = process.argv.slice(2);
  if (!dbFile) throw new Error('usage: crash-child.ts import|decide DB [FILE]');
  if (mode === 'import') {
    if (!file) throw new Error('import needs a FILE');
    openDatabase(dbFile).close();
    process.stdout.write('ready\n');
    // --force: every run imports the same file again, as a new source, so each kill interrupts real work
    return siftImport(['--db', dbFile, '--project', 'Crash', '--force', file], {
      stdout: process.stdout,
      stderr: process.stderr,
    });
  }
  if (mode === 'decide') {
    const db = openDatabase(dbFile);
    const project = db.prepare('SELECT id FROM projects ORDER BY id LIMIT 1').get() as { id: number };
    const users = db
      .prepare('SELECT user_id FROM project_members WHERE project_id = ? ORDER BY user_id')
      .all(project.id) as {
      user_id: number;
    }[];
    const pending = db.prepare(
      `SELECT r.id FROM records r WHERE r.project_id = ? AND NOT EXISTS
         (SELECT 1 FROM screening_events e WHERE e.record_id = r.id AND e.user_id = ?) ORDER BY r.id`,
    );
    process.stdout.write('ready\n');
    for (const { user_id: userId } of users) {
      for (const { id } of pending.all(project.id, userId) as { id: number }[]) {
        decide(
          { db, clock: systemClock },
          project.id,
          { userId, role: 'reviewer' },
          {
            recordId: id,
            stage: 'title_abstract',
            decision: id % 3 === 0 ? 'exclude' : 'include',
            reason: id % 3 === 0 ? 'wrong population' : null,
          },
        );
        process.stdout.write(`ack ${id} ${userId}\n`);
      }
    }
    db.close();
    return 0;
  }
  throw new Error(`unknown mode ${String(mode)}`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
