import { ValidationError } from '../errors';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/**
 * Usernames are short, printable and unambiguous: letters, digits and . _ @ - (up to 64,
 * starting with a letter or digit). Uniqueness ignores case (the database enforces it).
 */
export function parseUsername(value: unknown): string {
  if (typeof value !== 'string' || !USERNAME.test(value)) {
    throw new ValidationError(
      'username must be 1 to 64 characters: letters, digits and . _ @ -, starting with a letter or digit',
    );
  }
  return value;
}
