import { parseBaseUrl } from '../../domain/auth/one-time-links';
import { ValidationError } from '../../domain/errors';
import { createUser, resetPassword } from '../../services/accounts';
import {
  accountIdByName,
  disableAccount,
  enableAccount,
  issueResetLink,
  setAccountAdmin,
} from '../../services/admin';
import { parseCommandArgs, required, UsageError } from '../args';
import { cliDeps, withDb } from '../database';
import type { CommandIO } from '../types';

/** Where printed links point unless --base-url says otherwise (README, "Command line"). */
export const DEFAULT_BASE_URL = 'http://localhost:3000';

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

const ACCOUNT_ACTIONS = ['disable', 'enable', 'reset-link', 'admin'] as const;
type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/**
 * `sift user add|passwd|disable|enable|reset-link|admin`: add is the first step of a review and
 * may create the database; the others need one. The operator at the command line acts as
 * 'administrator' in the account log.
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'add' || action === 'passwd') return addOrPasswd(action, rest, io);
  if ((ACCOUNT_ACTIONS as readonly string[]).includes(action ?? '')) {
    return accountAction(action as AccountAction, rest, io);
  }
  throw new UsageError();
}

async function addOrPasswd(action: 'add' | 'passwd', rest: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(rest, {
    db: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    admin: { type: 'boolean', default: false },
  });
  const dbFile = required(values.db, 'db');
  const username = required(values.username, 'username');
  if (values['password-stdin'] && values.password !== undefined) {
    throw new ValidationError('give either --password or --password-stdin, not both');
  }
  if (action === 'passwd' && values.admin)
    throw new ValidationError('--admin goes with `sift user add` or `sift user admin`');
  const password = values['password-stdin']
    ? await readPasswordFromStdin(io)
    : required(values.password, 'password');
  return withDb(
    dbFile,
    async (db) => {
      if (action === 'add') {
        const user = await createUser(cliDeps(db), { username, password, admin: values.admin });
        io.stdout.write(
          `created ${values.admin ? 'administrator' : 'user'} ${user.username} (id ${user.id})\n`,
        );
      } else {
        const user = await resetPassword(cliDeps(db), { username, password });
        io.stdout.write(`set a new password for ${user.username}; their sessions have ended\n`);
      }
      return 0;
    },
    { create: action === 'add' },
  );
}

async function accountAction(action: AccountAction, rest: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(rest, {
    db: { type: 'string' },
    username: { type: 'string' },
    'base-url': { type: 'string', default: DEFAULT_BASE_URL },
    revoke: { type: 'boolean', default: false },
  });
  required(values.db, 'db');
  const username = required(values.username, 'username');
  if (values.revoke && action !== 'admin') throw new ValidationError('--revoke goes with `sift user admin`');
  const baseUrl = parseBaseUrl(values['base-url'] as string);
  return withDb(values.db, (db) => {
    const deps = cliDeps(db);
    const userId = accountIdByName(db, username);
    if (action === 'disable') {
      disableAccount(deps, 'administrator', userId);
      io.stdout.write(`disabled ${username}: their sessions have ended and their API tokens are refused\n`);
    } else if (action === 'enable') {
      enableAccount(deps, 'administrator', userId);
      io.stdout.write(`enabled ${username}\n`);
    } else if (action === 'admin') {
      setAccountAdmin(deps, 'administrator', userId, !values.revoke);
      io.stdout.write(`${username} is ${values.revoke ? 'no longer' : 'now'} a site administrator\n`);
    } else {
      const link = issueResetLink(deps, 'administrator', { userId, baseUrl });
      // The link alone on stdout, so `LINK=$(sift user reset-link …)` works; the rest to stderr.
      io.stdout.write(`${link.url}\n`);
      io.stderr.write(`one-time password link for ${username}, valid until ${link.expiresAt}\n`);
    }
    return 0;
  });
}
