import { openDatabase } from '../../db/connection';
import { ValidationError } from '../../domain/errors';
import { requireUserByName } from '../../services/accounts';
import { createApiToken, revokeApiToken } from '../../services/api-tokens';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

const USAGE = 'sift token add --db FILE --username U [--name N] | sift token revoke --db FILE --id N';

export const tokenCommand: Command = {
  name: 'token',
  usage: USAGE,
  summary: 'make a personal API token (printed once, for Authorization: Bearer) or revoke one',
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action === 'add') {
      const { values } = parseCommandArgs(rest, {
        db: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string', default: 'cli' },
      });
      const db = openDatabase(required(values.db, 'db'));
      try {
        const user = requireUserByName(db, required(values.username, 'username'));
        const created = createApiToken(db, user.id, values.name as string, new Date());
        // The secret alone on stdout, so `TOKEN=$(sift token add …)` works; the rest to stderr.
        io.stdout.write(`${created.token}\n`);
        io.stderr.write(
          `token ${created.id} "${created.name}" for ${user.username}; it is shown only this once\n`,
        );
        return 0;
      } finally {
        db.close();
      }
    }
    if (action === 'revoke') {
      const { values } = parseCommandArgs(rest, { db: { type: 'string' }, id: { type: 'string' } });
      const idText = required(values.id, 'id');
      if (!/^[1-9][0-9]*$/.test(idText))
        throw new ValidationError(`--id must be a token number; got "${idText}"`);
      const db = openDatabase(required(values.db, 'db'));
      try {
        const token = revokeApiToken(db, Number(idText), new Date());
        io.stdout.write(`revoked token ${token.id} "${token.name}"\n`);
        return 0;
      } finally {
        db.close();
      }
    }
    throw new ValidationError(`usage: ${USAGE}`);
  },
};
