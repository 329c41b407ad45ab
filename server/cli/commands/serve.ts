import type { Db } from '../../db/connection';
import { newSecret } from '../../domain/auth/secrets';
import { serve } from '../../main';
import { ImportPool } from '../../services/import-pool';
import { lacksAdministrator, setupRequired } from '../../services/setup';
import { parseCommandArgs } from '../args';
import { cliDeps, withDb } from '../database';
import { IMPORT_BUDGET_OPTIONS, importBudgetOf } from '../import-budget';
import type { CommandIO } from '../types';

/** The flags of a command that serves the web app. */
export const SERVE_OPTIONS = {
  port: { type: 'string', default: process.env.PORT ?? '3000' },
  host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  // Behind a reverse proxy: which hops may say the client's address and scheme (http/trust-proxy.ts).
  'trust-proxy': { type: 'string', default: process.env.SIFT_TRUST_PROXY ?? '' },
  ...IMPORT_BUDGET_OPTIONS,
} as const;

/** Serves `db` until the server closes, then resolves to exit status 0 (the caller closes the database). */
export async function serveUntilClosed(
  db: Db,
  flags: { port: string; host: string; 'trust-proxy': string } & Parameters<typeof importBudgetOf>[0],
  io: CommandIO,
  options: { demo?: boolean } = {},
): Promise<number> {
  // First-run setup needs this token, shown only here: seeing the console proves the operator.
  const setupToken = setupRequired(cliDeps(db)) ? newSecret() : undefined;
  const imports = new ImportPool(importBudgetOf(flags));
  const server = await serve({
    db,
    port: Number(flags.port),
    host: flags.host,
    trustProxy: flags['trust-proxy'],
    setupToken,
    demo: options.demo,
    imports,
  });
  server.on('close', () => void imports.close());
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : flags.port;
  io.stdout.write(`Sift is running at http://localhost:${port}\n`);
  if (setupToken) {
    io.stdout.write(
      `No account yet. Create the first administrator at http://localhost:${port}/#/setup/${setupToken}\n` +
        `(from another machine, open /#/setup on this server's address and paste the setup token: ${setupToken})\n`,
    );
  } else if (lacksAdministrator(cliDeps(db))) {
    io.stdout.write(
      'No site administrator yet: make one with `sift user admin --db FILE --username NAME`.\n',
    );
  }
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
