import { openDatabase } from '../../db/connection';
import { ValidationError } from '../../domain/errors';
import { createUser, resetPassword } from '../../services/accounts';
import { parseCommandArgs, required } from '../args';
import type { Command, CommandIO } from '../types';

/** A CommandIO that may carry stdin (tests pass a stream; the CLI falls back to the process's). */
export type StdinIO = CommandIO & { stdin?: NodeJS.ReadableStream };

/** Reads a password from stdin up to EOF, dropping one trailing newline (as `echo pw |` adds). */
export async function readPasswordFromStdin(io: StdinIO): Promise<string> {
  const input = io.stdin ?? process.stdin;
  const chunks: Buffer[] = [];
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const USAGE = 'sift user add|passwd --db FILE --username U (--password P | --password-stdin)';

export const userCommand: Command = {
  name: 'user',
  usage: USAGE,
  summary:
    'create an account, or set a new password for one (at least 8 characters, not a common one; passwd ends their sessions)',
  async run(argv, io: StdinIO) {
    const [action, ...rest] = argv;
    if (action !== 'add' && action !== 'passwd') throw new ValidationError(`usage: ${USAGE}`);
    const { values } = parseCommandArgs(rest, {
      db: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    });
    const dbFile = required(values.db, 'db');
    const username = required(values.username, 'username');
    if (values['password-stdin'] && values.password !== undefined) {
      throw new ValidationError('give either --password or --password-stdin, not both');
    }
    const password = values['password-stdin']
      ? await readPasswordFromStdin(io)
      : required(values.password, 'password');
    const db = openDatabase(dbFile);
    try {
      if (action === 'add') {
        const user = await createUser(db, username, password, new Date());
        io.stdout.write(`created user ${user.username} (id ${user.id})\n`);
      } else {
        const user = await resetPassword(db, username, password, new Date());
        io.stdout.write(`set a new password for ${user.username}; their sessions have ended\n`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
