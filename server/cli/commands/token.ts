import { ValidationError } from '../../domain/errors';
import { requireUserByName } from '../../services/accounts';
import { createApiToken, revokeApiToken } from '../../services/api-tokens';
import { parseCommandArgs, required, UsageError } from '../args';
import { cliDeps, withDb } from '../database';
import type { CommandIO } from '../types';

/** `sift token add|revoke`: personal API tokens; the secret is printed once. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'add') {
    const { values } = parseCommandArgs(rest, {
      db: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string', default: 'cli' },
    });
    required(values.db, 'db');
    const username = required(values.username, 'username');
    return withDb(values.db, (db) => {
      const user = requireUserByName(db, username);
      const created = createApiToken(cliDeps(db), user.id, values.name as string);
      // The secret alone on stdout, so `TOKEN=$(sift token add …)` works; the rest to stderr.
      io.stdout.write(`${created.token}\n`);
      io.stderr.write(
        `token ${created.id} "${created.name}" for ${user.username}; it is shown only this once\n`,
      );
      return 0;
    });
  }
  if (action === 'revoke') {
    const { values } = parseCommandArgs(rest, { db: { type: 'string' }, id: { type: 'string' } });
    const idText = required(values.id, 'id');
    if (!/^[1-9][0-9]*$/.test(idText))
      throw new ValidationError(`--id must be a token number; got "${idText}"`);
    return withDb(values.db, (db) => {
      const token = revokeApiToken(cliDeps(db), 'administrator', Number(idText));
      io.stdout.write(`revoked token ${token.id} "${token.name}"\n`);
      return 0;
    });
  }
  throw new UsageError();
}
