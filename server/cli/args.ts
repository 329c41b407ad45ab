import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ValidationError } from '../domain/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's argv strictly: an unknown flag is a usage error, not silently ignored. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ValidationError((error as Error).message);
  }
}

/** Reads a required string flag or fails with a usage message naming it. */
export function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new ValidationError(`--${flag} is required`);
  return value;
}

/** A flag's value if it is one of the allowed ones (undefined when not given). */
export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new ValidationError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** A flag's whole number within bounds (undefined when not given). */
export function wholeNumber(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new ValidationError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

/** Arguments of the wrong shape: the CLI answers with the command's usage line (exit 2). */
export class UsageError extends ValidationError {
  constructor() {
    super('usage');
  }
}

/**
 * Whether argv asks for help. Strict parsing never takes `-h` or `--help` as an option's value
 * (it calls that ambiguous), so a bare one before `--` always means help, wherever it stands.
 */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
