import { ValidationError } from '../../domain/errors';
import { createUser, resetPassword } from '../../services/accounts';
import { parseCommandArgs, required, UsageError } from '../args';
import { cliDeps, withDb } from '../database';
import type { CommandIO } from '../types';

/** Reads a password from stdin up to EOF, dropping one trailing newline (as `echo pw |` adds). */
export async function readPasswordFromStdin(io: CommandIO): Promise<string> {
  const input = io.stdin ?? process.stdin;
  const chunks: Buffer[] = [];
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `sift user add|passwd`: add is the first step of a review and may create the database; passwd needs one. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'add' && action !== 'passwd') throw new UsageError();
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
  return withDb(
    dbFile,
    async (db) => {
      if (action === 'add') {
        const user = await createUser(cliDeps(db), { username, password });
        io.stdout.write(`created user ${user.username} (id ${user.id})\n`);
      } else {
        const user = await resetPassword(cliDeps(db), { username, password });
        io.stdout.write(`set a new password for ${user.username}; their sessions have ended\n`);
      }
      return 0;
    },
    { create: action === 'add' },
  );
}
