import { DEMO_PROJECT, ensureDemo } from '../../services/demo';
import { projectOverview } from '../../services/projects';
import { parseCommandArgs } from '../args';
import { cliDeps, withDb } from '../database';
import type { CommandIO } from '../types';
import { SERVE_OPTIONS, serveUntilClosed } from './serve';

/** `sift demo`: builds the demo review into its database (creating the file) and serves it. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: 'string', default: 'data/demo.sqlite' },
    ...SERVE_OPTIONS,
  });
  return withDb(
    values.db,
    (db) => {
      const { projectId, built } = ensureDemo(cliDeps(db));
      const { records } = projectOverview(db, projectId);
      io.stdout.write(
        `${built ? 'Created' : 'Using'} the demo review "${DEMO_PROJECT.name}" (${records} records) in ${values.db}\n`,
      );
      return serveUntilClosed(db, values, io, { demo: true });
    },
    { create: true },
  );
}
