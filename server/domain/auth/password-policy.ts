import { ValidationError } from '../errors';

/** ASVS 5.0 6.2.1: at least 8 characters. */
export const MIN_PASSWORD_LENGTH = 8;
/** Long enough for any passphrase (ASVS asks for at least 64); bounded so a request cannot make us hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordContext {
  /** Lower-cased common passwords (see common-passwords.txt); compared case-insensitively. */
  commonPasswords: ReadonlySet<string>;
  /** The account's username: a password equal to it is refused. */
  username?: string;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'same_as_username';

/**
 * The problems with a proposed password, empty when it is acceptable. No composition rules
 * (ASVS 6.2.5): length and a blocklist of breached/common passwords are what resist guessing.
 * Length counts Unicode code points, not UTF-16 units.
 */
export function passwordProblems(password: string, context: PasswordContext): PasswordProblem[] {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return ['too_short'];
  if (length > MAX_PASSWORD_LENGTH) return ['too_long'];
  const problems: PasswordProblem[] = [];
  const lower = password.toLowerCase();
  if (context.commonPasswords.has(lower)) problems.push('common');
  if (context.username !== undefined && lower === context.username.toLowerCase())
    problems.push('same_as_username');
  return problems;
}

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `password must be at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'password is on the list of common passwords; choose another',
  same_as_username: 'password must not be the username',
};

/** Throws a ValidationError naming every problem (details: {problems}) unless the password is acceptable. */
export function assertAcceptablePassword(password: string, context: PasswordContext): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    throw new ValidationError(problems.map((p) => MESSAGES[p]).join('; '), { problems });
  }
}

/** Reads a password list (one per line, `#` lines are comments) into a lower-cased set. */
export function parsePasswordList(text: string): Set<string> {
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    set.add(line.toLowerCase());
  }
  return set;
}
