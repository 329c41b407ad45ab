import type { Db } from '../../db/connection';
import { serve } from '../../main';
import { ImportPool } from '../../services/import-pool';
import { parseCommandArgs } from '../args';
import { IMPORT_BUDGET_OPTIONS, importBudgetOf } from '../import-budget';
import { withDb } from '../database';
import type { CommandIO } from '../types';

/** The flags of a command that serves the web app. */
export const SERVE_OPTIONS = {
  port: { type: 'string', default: process.env.PORT ?? '3000' },
  host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  ...IMPORT_BUDGET_OPTIONS,
} as const;

/** Serves `db` until the server closes, then resolves to exit status 0 (the caller closes the database). */
export async function serveUntilClosed(
  db: Db,
  flags: { port: string; host: string } & Parameters<typeof importBudgetOf>[0],
  io: CommandIO,
): Promise<number> {
  const imports = new ImportPool(importBudgetOf(flags));
  const server = await serve({ db, port: Number(flags.port), host: flags.host, imports });
  server.on('close', () => void imports.close());
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : flags.port;
  io.stdout.write(`Sift is running at http://localhost:${port}\n`);
  return new Promise((resolve) => server.on('close', () => resolve(0)));
}

/**
 * `sift serve`: the web app on an existing database. Serving a new, empty file would only show
 * a sign-in page nobody can pass, so a missing --db is refused like everywhere else.
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { db: { type: 'string' }, ...SERVE_OPTIONS });
  return withDb(values.db, (db) => serveUntilClosed(db, values, io));
}
